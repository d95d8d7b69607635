import { useState } from 'react';
import { api } from '../api.js';
import useApiData from '../hooks/useApiData.js';
import ErrorMessage from './ErrorMessage.jsx';

/** The project's tables and views in its target, and the first rows of the one picked. */
export default function DataBrowser({ projectId }) {
  const objects = useApiData(`/projects/${projectId}/data`);
  const [picked, setPicked] = useState('');
  const [preview, setPreview] = useState(null);
  const [error, setError] = useState(null);

  async function show(event) {
    event.preventDefault();
    const object = objects.data?.find((o) => `${o.schema}.${o.name}` === picked) ?? objects.data?.[0];
    if (!object) return;
    setError(null);
    try {
      setPreview(await api.get(`/projects/${projectId}/data/${encodeURIComponent(object.schema)}/${encodeURIComponent(object.name)}?limit=50`));
    } catch (e) {
      setPreview(null);
      setError(e);
    }
  }

  return (
    <section className="panel" aria-labelledby="data-title">
      <h2 id="data-title">Data</h2>
      <ErrorMessage error={objects.error || error} />
      <form className="inline" onSubmit={show}>
        <label htmlFor="data-object">Table or view</label>
        <select id="data-object" value={picked} onChange={(e) => setPicked(e.target.value)} onFocus={objects.reload}>
          {(objects.data ?? []).map((o) => (
            <option key={`${o.schema}.${o.name}`} value={`${o.schema}.${o.name}`}>
              {o.schema}.{o.name} ({o.kind})
            </option>
          ))}
        </select>
        <button type="submit" disabled={!objects.data?.length}>
          Preview
        </button>
        <button type="button" className="secondary" onClick={objects.reload}>
          Refresh list
        </button>
      </form>
      {preview && (
        <div className="scroll">
          <table className="grid preview" aria-label={`First rows of ${preview.schema}.${preview.name}`}>
            <thead>
              <tr>
                {preview.columns.map((c) => (
                  <th key={c.name} scope="col">
                    {c.name}
                    <div className="muted type">{c.type.toLowerCase()}</div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((value, j) => (
                    <td key={j}>{value === null ? <em className="muted">null</em> : value}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            {preview.rows.length} rows{preview.truncated && ', more not shown'}
          </p>
        </div>
      )}
    </section>
  );
}
