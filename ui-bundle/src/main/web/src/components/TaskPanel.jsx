import { useState } from 'react';
import { api } from '../api.js';
import { duration, number, time } from '../format.js';
import { offersRunNow, runSummary } from '../incrementalRuns.js';
import ErrorMessage from './ErrorMessage.jsx';
import Sparkline from './Sparkline.jsx';
import TableProgress from './TableProgress.jsx';

/** One task: its state, the actions on it, live charts, per-table progress and its last error. */
export default function TaskPanel({ projectId, task, status, samples, onDeleted }) {
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const state = status?.state ?? 'stopped';
  const running = !['stopped', 'failed'].includes(state);
  const path = `/projects/${projectId}/tasks/${task.id}`;

  /** Runs an action; done says what it did, as the live status may take a second to show it. */
  async function act(action, body, done) {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      await api.post(`${path}/actions/${action}`, body);
      setNotice(done);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!window.confirm(`Delete the task ${task.name}? A landing task's capture in the source is dropped.`)) return;
    try {
      await api.delete(path);
      onDeleted();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="panel task-panel" aria-labelledby={`task-${task.id}`}>
      <div className="title-row">
        <h2 id={`task-${task.id}`}>
          {task.name} <span className={`state state-${state}`}>{state}</span>
        </h2>
        <div className="buttons">
          {running ? (
            <button type="button" onClick={() => act('stop', undefined, `Stopped ${task.name}.`)} disabled={busy}>
              Stop {task.name}
            </button>
          ) : (
            <button type="button" onClick={() => act('start', undefined, `${state === 'failed' ? 'Resumed' : 'Started'} ${task.name}.`)} disabled={busy}>
              {state === 'failed' ? 'Resume' : 'Start'} {task.name}
            </button>
          )}
          {offersRunNow(task, state) && (
            <button type="button" className="secondary" onClick={() => act('run', undefined, `Running ${task.name} now.`)} disabled={busy}>
              Run now
            </button>
          )}
          {task.type === 'storage' && (
            <button type="button" className="secondary" onClick={() => act('apply', undefined, `Applied the landed changes of ${task.name}.`)} disabled={busy}>
              Apply now
            </button>
          )}
          <button type="button" className="danger" onClick={remove} disabled={busy}>
            Delete task
          </button>
        </div>
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorMessage error={error} />
      {status?.lastError && (
        <div className="error" role="alert">
          <strong>Last error: </strong>
          {status.lastError}
        </div>
      )}
      {status?.notice && (
        <p className="notice" role="note">
          {status.notice}
        </p>
      )}
      {task.type === 'landing' ? (
        <>
          <p className="muted">
            {task.mode} · capture {status?.captureName ?? '–'} · position {status?.position ?? '–'}
          </p>
          {runSummary(status) && <p className="muted">{runSummary(status)}</p>}
          <div className="metrics">
            <Sparkline label="CDC latency" unit="ms" values={(samples ?? []).map((s) => s.latency)} />
            <Sparkline label="Throughput" unit="changes/s" values={(samples ?? []).map((s) => s.rate)} />
            <dl>
              <dt>Changes landed</dt>
              <dd>{number(status?.changesLanded)}</dd>
              <dt>Last change</dt>
              <dd>{time(status?.lastChangeAt)}</dd>
              <dt>Latency</dt>
              <dd>{duration(status?.latencyMillis)}</dd>
            </dl>
          </div>
        </>
      ) : (
        <p className="muted">
          history {task.storage?.history === false ? 'off' : 'on'} ·{' '}
          {task.storage?.applySchedule ? `applies ${task.storage.applySchedule}` : `applies every ${task.storage?.applyIntervalSeconds ?? 0} s`}
        </p>
      )}
      <TableProgress
        kind={task.type}
        tables={status?.tables ?? []}
        onReload={task.type === 'landing' ? (table) => act('reload', { schema: table.schema, table: table.table }, `Loading ${table.schema}.${table.table} again; changes keep landing meanwhile.`) : null}
        busy={busy}
      />
    </section>
  );
}
