import { useEffect, useMemo } from 'react';
import { Background, Controls, Handle, Position, ReactFlow, useNodesState } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { ROW_HEIGHT, keepMeasured, taskGraph } from '../taskGraphLayout.js';

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
  const graph = useMemo(() => taskGraph(tasks, statuses, selected, onSelect), [tasks, statuses, selected, onSelect]);
  // Controlled, so that the sizes React Flow measures stay with the nodes across updates.
  const [nodes, setNodes, onNodesChange] = useNodesState(graph.nodes);
  useEffect(() => setNodes((current) => keepMeasured(graph.nodes, current)), [graph, setNodes]);
  const { edges, rowCount } = graph;

  // As tall as its rows (up to four, then it zooms out): on a laptop, the task details start on the
  // first screen. The nodes' own buttons take focus and keys: React Flow's node focus, selection
  // and keyboard instructions would add a second, different way.
  return (
    <div className="graph" role="group" aria-label="Task graph" style={{ height: 60 + Math.min(rowCount, 4) * ROW_HEIGHT }}>
      <ReactFlow
        nodes={nodes}
        onNodesChange={onNodesChange}
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
