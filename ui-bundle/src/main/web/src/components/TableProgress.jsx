import { duration, number, time } from '../format.js';

/** Per-table progress: full-load bars and changes for landing, applies and pending changes for storage. */
export default function TableProgress({ kind, tables, onReload, busy }) {
  if (tables.length === 0) return <p className="muted">No table progress yet: start the task.</p>;
  return (
    <table className="grid" aria-label="Tables">
      <thead>
        {kind === 'landing' ? (
          <tr>
            <th scope="col">Table</th>
            <th scope="col">Full load</th>
            <th scope="col">Rows loaded</th>
            <th scope="col">Changes landed</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        ) : (
          <tr>
            <th scope="col">Table</th>
            <th scope="col">Last apply</th>
            <th scope="col">Changes applied</th>
            <th scope="col">Pending changes</th>
            <th scope="col">Lag</th>
          </tr>
        )}
      </thead>
      <tbody>
        {tables.map((table) => {
          const name = `${table.schema}.${table.table}`;
          if (kind !== 'landing') {
            return (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{time(table.lastApplyAt)}</td>
                <td>{number(table.changesApplied)}</td>
                <td>{number(table.pendingChanges)}</td>
                <td>{duration(table.lagMillis)}</td>
              </tr>
            );
          }
          const total = table.ranges || 1;
          return (
            <tr key={name}>
              <th scope="row">
                {name}
                {table.note && <div className="note">{table.note}</div>}
              </th>
              <td>
                <progress max={total} value={Math.min(table.rangesLoaded, total)} aria-label={`Full load of ${name}`} />{' '}
                {table.rangesLoaded}/{table.ranges} ranges
              </td>
              <td data-table={name} className="rows-loaded">
                {number(table.rowsLoaded)}
                {table.estimatedRows != null && <span className="muted"> of ~{number(table.estimatedRows)}</span>}
              </td>
              <td>{number(table.changesLanded)}</td>
              <td>
                {onReload && (
                  <button type="button" className="secondary small" onClick={() => onReload(table)} disabled={busy}>
                    Reload {name}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
