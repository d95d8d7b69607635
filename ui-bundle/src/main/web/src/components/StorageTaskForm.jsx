import { useState } from 'react';
import { api } from '../api.js';
import ErrorMessage from './ErrorMessage.jsx';
import useInlineForm from '../hooks/useInlineForm.js';

/** Adds a storage task: current (and history) tables of what a landing task lands. */
export default function StorageTaskForm({ projectId, landingTasks, onCreated, onCancel }) {
  const [name, setName] = useState('store');
  const [landing, setLanding] = useState(landingTasks[0]?.id ?? '');
  const [history, setHistory] = useState(true);
  const [interval, setInterval] = useState('60');
  const [schedule, setSchedule] = useState('');
  const [error, setError] = useState(null);

  const inlineForm = useInlineForm(onCancel);

  async function submit(event) {
    event.preventDefault();
    const storage = { landingTask: landing, history };
    if (schedule.trim()) storage.applySchedule = schedule.trim();
    else storage.applyIntervalSeconds = Number(interval);
    try {
      onCreated(await api.post(`/projects/${projectId}/tasks`, { name, type: 'storage', storage }));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form className="panel form" ref={inlineForm.ref} onKeyDown={inlineForm.onKeyDown} onSubmit={submit} aria-label="New storage task">
      <h2>New storage task</h2>
      <label htmlFor="storage-name">Task name</label>
      <input id="storage-name" value={name} onChange={(e) => setName(e.target.value)} required />
      <label htmlFor="storage-landing">Landing task it stores</label>
      <select id="storage-landing" value={landing} onChange={(e) => setLanding(e.target.value)} required>
        {landingTasks.map((task) => (
          <option key={task.id} value={task.id}>
            {task.name}
          </option>
        ))}
      </select>
      <div className="checkbox">
        <input id="storage-history" type="checkbox" checked={history} onChange={(e) => setHistory(e.target.checked)} />
        <label htmlFor="storage-history">Keep history (type-2 tables and views)</label>
      </div>
      <label htmlFor="storage-interval">Apply every (seconds)</label>
      <input id="storage-interval" type="number" min="0" value={interval} onChange={(e) => setInterval(e.target.value)} aria-describedby="storage-interval-hint" />
      <small id="storage-interval-hint">0 applies continuously; live views show landed changes between applies.</small>
      <label htmlFor="storage-schedule">Or apply on a schedule</label>
      <input id="storage-schedule" value={schedule} onChange={(e) => setSchedule(e.target.value)} placeholder="0 2 * * * (cron, UTC) or every 15m" />
      <ErrorMessage error={error} />
      <div className="buttons">
        <button type="submit">Create storage task</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
