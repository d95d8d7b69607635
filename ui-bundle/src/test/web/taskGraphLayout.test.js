import { describe, expect, it } from 'vitest';
import { ROW_HEIGHT, keepMeasured, taskGraph } from '../../main/web/src/taskGraphLayout.js';

const tasks = [
  { id: 'land', name: 'land shop', type: 'landing' },
  { id: 'store', name: 'store shop', type: 'storage', storage: { landingTask: 'land' } },
  { id: 'land2', name: 'land hr', type: 'landing' },
];

describe('taskGraph', () => {
  it('puts landing tasks in the first column and storage tasks in the second, row by row', () => {
    const { nodes, rowCount } = taskGraph(tasks, {}, null, () => {});
    expect(nodes.map((node) => [node.id, node.position.x, node.position.y])).toEqual([
      ['land', 0, 0],
      ['store', 320, 0],
      ['land2', 0, ROW_HEIGHT],
    ]);
    expect(rowCount).toBe(2);
  });

  it('feeds each storage task from its landing task, animated while that one captures changes', () => {
    expect(taskGraph(tasks, { land: { state: 'cdc' } }, null, () => {}).edges).toEqual([
      { id: 'land->store', source: 'land', target: 'store', animated: true },
    ]);
    expect(taskGraph(tasks, { land: { state: 'loading' } }, null, () => {}).edges[0].animated).toBe(false);
  });

  it('shows a task without a status as stopped, and marks the selected one', () => {
    const { nodes } = taskGraph(tasks, { store: { state: 'running' } }, 'store', () => {});
    expect(nodes.map((node) => [node.data.state, node.data.selected])).toEqual([
      ['stopped', false],
      ['running', true],
      ['stopped', false],
    ]);
  });
});

describe('keepMeasured', () => {
  it('gives new nodes the sizes measured for the nodes of the same task', () => {
    const current = [
      { id: 'land', measured: { width: 180, height: 70 } },
      { id: 'store' },
    ];
    const next = taskGraph(tasks, { land: { state: 'cdc' } }, null, () => {}).nodes;
    const kept = keepMeasured(next, current);
    expect(kept.map((node) => node.measured)).toEqual([{ width: 180, height: 70 }, undefined, undefined]);
    expect(kept[0].data.state).toBe('cdc');
  });
});
