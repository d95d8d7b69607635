import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api.js';
import useApiData from '../hooks/useApiData.js';
import ErrorMessage from '../components/ErrorMessage.jsx';
import useInlineForm from '../hooks/useInlineForm.js';

export default function ProjectsPage() {
  const projects = useApiData('/projects');
  const [creating, setCreating] = useState(false);
  return (
    <section aria-labelledby="projects-title">
      <div className="title-row">
        <h1 id="projects-title">Projects</h1>
        <button type="button" onClick={() => setCreating(true)}>
          New project
        </button>
      </div>
      <ErrorMessage error={projects.error} />
      {creating && <NewProjectForm onCancel={() => setCreating(false)} />}
      {projects.data?.length === 0 && <p>No projects yet. A project lands and stores data in one target connection.</p>}
      <ul className="cards">
        {projects.data?.map((project) => (
          <li key={project.id} className="card">
            <h2>
              <Link to={`/projects/${project.id}`}>{project.name}</Link>
            </h2>
            <p className="muted">{project.type}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function NewProjectForm({ onCancel }) {
  const navigate = useNavigate();
  const connections = useApiData('/connections');
  const connectors = useApiData('/connectors');
  const targetConnectors = new Set((connectors.data ?? []).filter((c) => c.kinds.includes('TARGET')).map((c) => c.id));
  const targets = (connections.data ?? []).filter((c) => targetConnectors.has(c.connector));
  const [name, setName] = useState('');
  const [type, setType] = useState('replication');
  const [target, setTarget] = useState('');
  const [error, setError] = useState(null);

  const inlineForm = useInlineForm(onCancel);

  async function submit(event) {
    event.preventDefault();
    try {
      const project = await api.post('/projects', { name, type, targetConnection: target || targets[0]?.id });
      navigate(`/projects/${project.id}`);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form className="panel form" ref={inlineForm.ref} onKeyDown={inlineForm.onKeyDown} onSubmit={submit} aria-label="New project">
      <h2>New project</h2>
      <label htmlFor="project-name">Name</label>
      <input id="project-name" value={name} onChange={(e) => setName(e.target.value)} required pattern="[A-Za-z][A-Za-z0-9_]*" aria-describedby="project-name-hint" />
      <small id="project-name-hint">Letters, digits and underscores; it names the schemas in the target, such as name_landing.</small>
      <label htmlFor="project-type">Type</label>
      <select id="project-type" value={type} onChange={(e) => setType(e.target.value)}>
        <option value="replication">Replication</option>
        <option value="pipeline">Data pipeline</option>
      </select>
      <label htmlFor="project-target">Target connection</label>
      <select id="project-target" value={target || targets[0]?.id || ''} onChange={(e) => setTarget(e.target.value)} required>
        {targets.length === 0 && <option value="">No target connections: create one first</option>}
        {targets.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.connector})
          </option>
        ))}
      </select>
      <ErrorMessage error={error || connections.error} />
      <div className="buttons">
        <button type="submit">Create project</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
