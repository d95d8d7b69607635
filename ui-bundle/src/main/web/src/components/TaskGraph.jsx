import { useMemo } from 'react';
import { Background, Controls, Handle, Position, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

const COLUMN = { landing: 0, storage: 320 };
const ROW_HEIGHT = 110;

/** A task as a button: reached with Tab, and Enter or Space selects it as a click does. */
function TaskNode({ data }) {
  const { task, state, selected, onSelect } = data;
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <button
        type="button"
        className="task-node"
        aria-label={`Task ${task.name} (${task.type}), ${state}`}
        aria-pressed={selected}
        onClick={() => onSelect(task.id)}
      >
        <strong>{task.name}</strong>
        <span className="muted">{task.type}</span>
        <span className={`state state-${state}`}>{state}</span>
      </button>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </>
  );
}

const NODE_TYPES = { task: TaskNode };

/** The project's tasks as a flow: each landing task feeds the storage tasks that read it. */
export default function TaskGraph({ tasks, statuses, selected, onSelect }) {
  const { nodes, edges, rowCount } = useMemo(() => {
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
  }, [tasks, statuses, selected, onSelect]);

  // As tall as its rows (up to four, then it zooms out): on a laptop, the task details start on the
  // first screen. The nodes' own buttons take focus and keys: React Flow's node focus, selection
  // and keyboard instructions would add a second, different way.
  return (
    <div className="graph" role="group" aria-label="Task graph" style={{ height: 60 + Math.min(rowCount, 4) * ROW_HEIGHT }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        disableKeyboardA11y
        fitView
        fitViewOptions={{ maxZoom: 1 }}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
