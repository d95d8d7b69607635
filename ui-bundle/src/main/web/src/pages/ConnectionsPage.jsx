import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api.js';
import useApiData from '../hooks/useApiData.js';
import ConnectionForm from '../components/ConnectionForm.jsx';
import ConnectionCheckResult from '../components/ConnectionCheckResult.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';

export default function ConnectionsPage() {
  const connections = useApiData('/connections');
  const connectors = useApiData('/connectors');
  const [editing, setEditing] = useState(null); // null, 'new', or a connection
  const [checks, setChecks] = useState({});
  const [error, setError] = useState(null);

  async function test(connection) {
    setChecks({ ...checks, [connection.id]: { testing: true } });
    try {
      const check = await api.post(`/connections/${connection.id}/test`);
      setChecks((all) => ({ ...all, [connection.id]: { check } }));
    } catch (e) {
      setChecks((all) => ({ ...all, [connection.id]: { error: e } }));
    }
  }

  async function remove(connection) {
    if (!window.confirm(`Delete the connection ${connection.name}?`)) return;
    try {
      await api.delete(`/connections/${connection.id}`);
      setError(null);
      connections.reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section aria-labelledby="connections-title">
      <div className="title-row">
        <h1 id="connections-title">Connections</h1>
        <button type="button" onClick={() => setEditing('new')} disabled={!connectors.data}>
          New connection
        </button>
      </div>
      <ErrorMessage error={connections.error || connectors.error || error} />
      {editing && connectors.data && (
        <ConnectionForm
          key={editing === 'new' ? 'new' : editing.id}
          connectors={connectors.data}
          connection={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            connections.reload();
          }}
        />
      )}
      {connections.data?.length === 0 && <p>No connections yet. Create one for your source database and one for the target.</p>}
      <ul className="cards">
        {connections.data?.map((connection) => (
          <li key={connection.id} className="card" aria-label={`Connection ${connection.name}`}>
            <h2>{connection.name}</h2>
            <p className="muted">
              {connection.connector}
              {connection.properties.host && ` · ${connection.properties.host}`}
              {connection.properties.database && ` / ${connection.properties.database}`}
              {connection.properties.url && ` · ${connection.properties.url}`}
            </p>
            <div className="buttons">
              <button type="button" onClick={() => test(connection)} disabled={checks[connection.id]?.testing}>
                Test {connection.name}
              </button>
              <button type="button" className="secondary" onClick={() => setEditing(connection)}>
                Edit {connection.name}
              </button>
              <Link className="button secondary" to={`/connections/${connection.id}/catalog`}>
                Browse {connection.name}
              </Link>
              <button type="button" className="danger" onClick={() => remove(connection)}>
                Delete
              </button>
            </div>
            {checks[connection.id]?.testing && <p role="status">Testing…</p>}
            <ConnectionCheckResult check={checks[connection.id]?.check} />
            <ErrorMessage error={checks[connection.id]?.error} />
          </li>
        ))}
      </ul>
    </section>
  );
}
