import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api.js';
import useApiData from '../hooks/useApiData.js';
import useProjectEvents from '../hooks/useProjectEvents.js';
import DataBrowser from '../components/DataBrowser.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import LandingTaskForm from '../components/LandingTaskForm.jsx';
import StorageTaskForm from '../components/StorageTaskForm.jsx';
import TaskGraph from '../components/TaskGraph.jsx';
import TaskPanel from '../components/TaskPanel.jsx';

export default function ProjectPage() {
  const { projectId } = useParams();
  const navigate = useNavigate();
  const project = useApiData(`/projects/${projectId}`);
  const tasks = useApiData(`/projects/${projectId}/tasks`);
  const { statuses, history, connected } = useProjectEvents(projectId);
  const [adding, setAdding] = useState(null); // 'landing' | 'storage'
  const [selected, setSelected] = useState(null);
  const [error, setError] = useState(null);
  const landingTasks = (tasks.data ?? []).filter((t) => t.type === 'landing');
  const shown = (tasks.data ?? []).filter((t) => !selected || t.id === selected);

  async function projectAction(action) {
    setError(null);
    try {
      await api.post(`/projects/${projectId}/actions/${action}`);
    } catch (e) {
      setError(e);
    }
  }

  async function remove() {
    if (!window.confirm(`Delete the project ${project.data?.name} and its tasks?`)) return;
    try {
      await api.delete(`/projects/${projectId}`);
      navigate('/projects');
    } catch (e) {
      setError(e);
    }
  }

  function created() {
    setAdding(null);
    tasks.reload();
  }

  return (
    <section aria-labelledby="project-title">
      <p>
        <Link to="/projects">← Projects</Link>
      </p>
      <div className="title-row">
        <div className="title">
          <h1 id="project-title">{project.data?.name ?? 'Project'}</h1>
          <span className={`live ${connected ? 'on' : 'off'}`} role="status">
            {connected ? 'live' : 'connecting…'}
          </span>
        </div>
        <div className="buttons">
          <button type="button" onClick={() => setAdding('landing')}>
            Add landing task
          </button>
          <button type="button" onClick={() => setAdding('storage')} disabled={landingTasks.length === 0}>
            Add storage task
          </button>
          <button type="button" className="secondary" onClick={() => projectAction('start')}>
            Start all
          </button>
          <button type="button" className="secondary" onClick={() => projectAction('stop')}>
            Stop all
          </button>
          <button type="button" className="danger" onClick={remove}>
            Delete project
          </button>
        </div>
      </div>
      <ErrorMessage error={project.error || tasks.error || error} />
      {adding === 'landing' && <LandingTaskForm projectId={projectId} onCreated={created} onCancel={() => setAdding(null)} />}
      {adding === 'storage' && (
        <StorageTaskForm projectId={projectId} landingTasks={landingTasks} onCreated={created} onCancel={() => setAdding(null)} />
      )}
      {tasks.data?.length === 0 && !adding && <p>No tasks yet. Add a landing task to copy tables from a source.</p>}
      {tasks.data?.length > 0 && (
        <>
          <TaskGraph tasks={tasks.data} statuses={statuses} selected={selected} onSelect={(id) => setSelected(id === selected ? null : id)} />
          {selected && (
            <button type="button" className="link" onClick={() => setSelected(null)}>
              Show all tasks
            </button>
          )}
          {shown.map((task) => (
            <TaskPanel
              key={task.id}
              projectId={projectId}
              task={task}
              status={statuses[task.id]}
              samples={history[task.id]}
              onDeleted={tasks.reload}
            />
          ))}
          <DataBrowser projectId={projectId} />
        </>
      )}
    </section>
  );
}
