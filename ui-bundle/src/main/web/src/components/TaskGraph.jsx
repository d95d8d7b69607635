import { useMemo } from 'react';
import { Background, Controls, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

const COLUMN = { landing: 0, storage: 320 };

/** The project's tasks as a flow: each landing task feeds the storage tasks that read it. */
export default function TaskGraph({ tasks, statuses, selected, onSelect }) {
  const { nodes, edges } = useMemo(() => {
    const rows = { landing: 0, storage: 0 };
    const nodes = tasks.map((task) => {
      const column = task.type in COLUMN ? task.type : 'landing';
      const state = statuses[task.id]?.state ?? 'stopped';
      return {
        id: task.id,
        position: { x: COLUMN[column], y: rows[column]++ * 110 },
        data: {
          label: (
            <div className="node-label">
              <strong>{task.name}</strong>
              <span className="muted">{task.type}</span>
              <span className={`state state-${state}`}>{state}</span>
            </div>
          ),
        },
        className: `task-node ${selected === task.id ? 'selected' : ''}`,
        sourcePosition: 'right',
        targetPosition: 'left',
        ariaLabel: `${task.type} task ${task.name}, ${state}`,
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
    return { nodes, edges };
  }, [tasks, statuses, selected]);

  return (
    <div className="graph" aria-label="Task graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodeClick={(_, node) => onSelect(node.id)}
        nodesDraggable={false}
        nodesConnectable={false}
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
