import { useState } from 'react';
import { api } from '../api.js';
import useApiData from '../hooks/useApiData.js';
import ErrorMessage from './ErrorMessage.jsx';
import TablePicker from './TablePicker.jsx';
import { patternLines, tableKey, tableName, tablesMatchingPatterns } from '../tableSelection.js';
import useInlineForm from '../hooks/useInlineForm.js';

/** Adds a landing task: a source connection, its tables (picked or by pattern), and the mode. */
export default function LandingTaskForm({ projectId, onCreated, onCancel }) {
  const connections = useApiData('/connections');
  const connectors = useApiData('/connectors');
  const sourceConnectors = new Set((connectors.data ?? []).filter((c) => c.kinds.includes('SOURCE')).map((c) => c.id));
  const sources = (connections.data ?? []).filter((c) => sourceConnectors.has(c.connector));
  const [name, setName] = useState('land');
  const [source, setSource] = useState('');
  const [mode, setMode] = useState('full-load+cdc');
  const [selected, setSelected] = useState(new Set());
  const [include, setInclude] = useState('');
  const [exclude, setExclude] = useState('');
  const [error, setError] = useState(null);
  const sourceId = source || sources[0]?.id || '';
  const catalog = useApiData(sourceId ? `/connections/${sourceId}/catalog` : null);
  const includePatterns = patternLines(include);
  const excludePatterns = patternLines(exclude);
  const matched = catalog.data && includePatterns.length > 0 ? tablesMatchingPatterns(catalog.data, includePatterns, excludePatterns) : null;

  const inlineForm = useInlineForm(onCancel);

  async function submit(event) {
    event.preventDefault();
    const tables = [...selected].map(tableName);
    try {
      const task = await api.post(`/projects/${projectId}/tasks`, {
        name,
        type: 'landing',
        sourceConnection: sourceId,
        tables: { tables, include: includePatterns, exclude: excludePatterns },
        mode,
      });
      onCreated(task);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form className="panel form" ref={inlineForm.ref} onKeyDown={inlineForm.onKeyDown} onSubmit={submit} aria-label="New landing task">
      <h2>New landing task</h2>
      <label htmlFor="landing-name">Task name</label>
      <input id="landing-name" value={name} onChange={(e) => setName(e.target.value)} required />
      <label htmlFor="landing-source">Source connection</label>
      <select id="landing-source" value={sourceId} onChange={(e) => setSource(e.target.value)} required>
        {sources.length === 0 && <option value="">No source connections: create one first</option>}
        {sources.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.connector})
          </option>
        ))}
      </select>
      <label htmlFor="landing-mode">Mode</label>
      <select id="landing-mode" value={mode} onChange={(e) => setMode(e.target.value)}>
        <option value="full-load+cdc">Full load, then changes (CDC)</option>
        <option value="full-load">Full load only</option>
      </select>
      <ErrorMessage error={catalog.error} />
      {catalog.loading && <p role="status">Reading the source's tables…</p>}
      {catalog.data && <TablePicker catalog={catalog.data} selected={selected} onChange={setSelected} />}
      <label htmlFor="landing-include">Include patterns</label>
      <textarea id="landing-include" rows={2} value={include} onChange={(e) => setInclude(e.target.value)} placeholder="public.%" aria-describedby="patterns-hint" />
      <label htmlFor="landing-exclude">Exclude patterns</label>
      <textarea id="landing-exclude" rows={2} value={exclude} onChange={(e) => setExclude(e.target.value)} placeholder="public.tmp_%" aria-describedby="patterns-hint" />
      <small id="patterns-hint">
        One schema.table pattern a line; % matches any characters, _ one. Tables that start to match later are taken on while the task runs.
      </small>
      {matched && (
        <p className="muted" role="status" id="patterns-match">
          The patterns match {matched.length} {matched.length === 1 ? 'table' : 'tables'} now
          {matched.length > 0 && `: ${matched.slice(0, 10).map((t) => tableKey(t.schema, t.name)).join(', ')}${matched.length > 10 ? ', …' : ''}`}
        </p>
      )}
      <ErrorMessage error={error} />
      <div className="buttons">
        <button type="submit">Create landing task</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
