const COLUMN = { landing: 0, storage: 320 };
export const ROW_HEIGHT = 110;

/**
 * The project's tasks as React Flow nodes and edges: landing tasks in the first column, storage
 * tasks in the second, each storage task fed by the landing task it reads (animated while that one
 * captures changes).
 */
export function taskGraph(tasks, statuses, selected, onSelect) {
  const rows = { landing: 0, storage: 0 };
  const nodes = tasks.map((task) => {
    const column = task.type in COLUMN ? task.type : 'landing';
    const state = statuses[task.id]?.state ?? 'stopped';
    return {
      id: task.id,
      type: 'task',
      position: { x: COLUMN[column], y: rows[column]++ * ROW_HEIGHT },
      data: { task, state, selected: selected === task.id, onSelect },
    };
  });
  const edges = tasks
    .filter((task) => task.type === 'storage' && task.storage?.landingTask)
    .map((task) => ({
      id: `${task.storage.landingTask}->${task.id}`,
      source: task.storage.landingTask,
      target: task.id,
      animated: statuses[task.storage.landingTask]?.state === 'cdc',
    }));
  return { nodes, edges, rowCount: Math.max(rows.landing, rows.storage) };
}

/**
 * The new nodes with the sizes React Flow measured for the nodes they replace. React Flow hides a
 * node until it knows its size; a node object without one, given on every status update, would be
 * hidden again until measured anew (a blink, or a blank graph in a slow browser).
 */
export function keepMeasured(next, current) {
  const measured = new Map(current.filter((node) => node.measured).map((node) => [node.id, node.measured]));
  return next.map((node) => (measured.has(node.id) ? { ...node, measured: measured.get(node.id) } : node));
}
