import { useRef, useState } from 'react';
import { api } from '../api.js';
import useApiData from '../hooks/useApiData.js';
import ErrorMessage from '../components/ErrorMessage.jsx';
import { kinds } from '../format.js';

/** Deployed bundles and connectors, uploading and removing bundles, and what went wrong with them. */
export default function AdminPage() {
  const bundles = useApiData('/bundles');
  const connectors = useApiData('/connectors');
  const folder = useApiData('/deploy-folder');
  const file = useRef(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  /** Shows the server's state after a change, before saying the change is done. */
  async function reloadAll() {
    await Promise.all([bundles.reload(), connectors.reload(), folder.reload()]);
  }

  async function upload(event) {
    event.preventDefault();
    const jar = file.current?.files?.[0];
    if (!jar) return;
    const form = new FormData();
    form.append('file', jar, jar.name);
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      const bundle = await api.post('/bundles', form);
      file.current.value = '';
      await reloadAll();
      setMessage(`Deployed ${bundle.symbolicName} ${bundle.version} (${bundle.state.toLowerCase()})`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function remove(bundle) {
    if (!window.confirm(`Remove ${bundle.symbolicName} ${bundle.version}?`)) return;
    setError(null);
    try {
      await api.delete(`/bundles/${encodeURIComponent(bundle.symbolicName)}?version=${encodeURIComponent(bundle.version)}`);
      await reloadAll();
      setMessage(`Removed ${bundle.symbolicName} ${bundle.version}`);
    } catch (e) {
      setError(e);
    }
  }

  const failedJars = (folder.data ?? []).filter((entry) => entry.status === 'FAILED');
  // Broken bundles first, then the deployed ones (which can be removed), then the core.
  const rank = (b) => (b.error ? 0 : b.origin === 'DEPLOYED' ? 1 : 2);
  const sortedBundles = [...(bundles.data ?? [])].sort((a, b) => rank(a) - rank(b) || a.symbolicName.localeCompare(b.symbolicName));

  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      <form className="panel inline" onSubmit={upload} aria-label="Deploy a bundle">
        <label htmlFor="bundle-file">Bundle jar</label>
        <input id="bundle-file" type="file" accept=".jar,application/java-archive" ref={file} required />
        <button type="submit" disabled={busy}>
          Upload and deploy
        </button>
      </form>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <ErrorMessage error={error || bundles.error || connectors.error} />
      {failedJars.length > 0 && (
        <div className="error" role="alert">
          <strong>Jars in deploy/ that could not be installed:</strong>
          <ul>
            {failedJars.map((entry) => (
              <li key={entry.file}>
                {entry.file}: {entry.error}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h2>Connectors</h2>
      <table className="grid" aria-label="Connectors">
        <thead>
          <tr>
            <th scope="col">Connector</th>
            <th scope="col">Kinds</th>
            <th scope="col">Version</th>
            <th scope="col">Bundle</th>
          </tr>
        </thead>
        <tbody>
          {connectors.data?.map((c) => (
            <tr key={`${c.id}-${c.version}`}>
              <th scope="row">
                {c.displayName} <code>{c.id}</code>
              </th>
              <td>{kinds(c)}</td>
              <td>{c.version}</td>
              <td>{c.bundleSymbolicName}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Bundles</h2>
      <table className="grid" aria-label="Bundles">
        <thead>
          <tr>
            <th scope="col">Bundle</th>
            <th scope="col">Version</th>
            <th scope="col">State</th>
            <th scope="col">Origin</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sortedBundles.map((b) => (
            <tr key={b.id} className={b.error ? 'broken' : ''}>
              <th scope="row">
                {b.name}
                <div className="muted">{b.symbolicName}</div>
                {b.error && (
                  <div className="error-text" role="note">
                    {b.error}
                  </div>
                )}
              </th>
              <td>{b.version}</td>
              <td>
                <span className={`state bundle-${b.state.toLowerCase()}`}>{b.state.toLowerCase()}</span>
              </td>
              <td>{b.origin.toLowerCase()}</td>
              <td>
                {b.origin === 'DEPLOYED' && (
                  <button type="button" className="danger small" onClick={() => remove(b)}>
                    {/* Seen in its row, "Remove" says enough; a screen reader hears which bundle. */}
                    Remove<span className="visually-hidden"> {b.symbolicName} {b.version}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
