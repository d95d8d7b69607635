import { useRef, useState } from 'react';
import { api } from '../api.js';
import useApiData from '../hooks/useApiData.js';
import useInlineForm from '../hooks/useInlineForm.js';
import ErrorMessage from '../components/ErrorMessage.jsx';
import { dateTime } from '../format.js';

/** The signed-in user's API keys, for scripts: create (the secret is shown once), list, revoke. */
export default function ApiKeysPage() {
  const keys = useApiData('/api-keys');
  const [creating, setCreating] = useState(false);
  const [createdKey, setCreatedKey] = useState(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState(null);

  async function created(key) {
    setCreating(false);
    setMessage('');
    setCreatedKey(key);
    await keys.reload();
  }

  async function revoke(key) {
    if (!window.confirm(`Revoke the API key ${key.name}? Scripts that use it are refused from now on.`)) return;
    setError(null);
    try {
      await api.delete(`/api-keys/${encodeURIComponent(key.id)}`);
      if (createdKey?.id === key.id) setCreatedKey(null);
      await keys.reload();
      setMessage(`Revoked the API key ${key.name}`);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section aria-labelledby="keys-title">
      <div className="title-row">
        <h1 id="keys-title">API keys</h1>
        <button type="button" onClick={() => setCreating(true)}>
          New API key
        </button>
      </div>
      <p className="muted">
        Scripts send a key as <code>Authorization: Bearer &lt;key&gt;</code> and may do what you may do.
      </p>
      {creating && <NewApiKeyForm onCreated={created} onCancel={() => setCreating(false)} />}
      {createdKey && <CreatedKey apiKey={createdKey} onDone={() => setCreatedKey(null)} />}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <ErrorMessage error={error || keys.error} />
      {keys.data?.length === 0 && <p>No API keys yet.</p>}
      {keys.data?.length > 0 && (
        <table className="grid" aria-label="API keys">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((key) => (
              <tr key={key.id}>
                <th scope="row">{key.name}</th>
                <td>{dateTime(key.createdAt)}</td>
                <td>{key.expiresAt ? dateTime(key.expiresAt) : 'never'}</td>
                <td>{dateTime(key.lastUsedAt)}</td>
                <td>
                  <button type="button" className="danger small" onClick={() => revoke(key)}>
                    Revoke {key.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A new key's secret, shown this once: the server keeps only its hash. */
function CreatedKey({ apiKey, onDone }) {
  const secret = useRef(null);
  const [copied, setCopied] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(apiKey.secret);
      setCopied('Copied.');
    } catch {
      // No clipboard access (an insecure page, or refused): select it for Ctrl+C instead.
      window.getSelection().selectAllChildren(secret.current);
      setCopied('Selected: copy it with Ctrl+C.');
    }
  }

  return (
    <div className="panel created-key" role="region" aria-labelledby="created-key-title">
      <h2 id="created-key-title">API key {apiKey.name}</h2>
      <p>Copy the key now: it is not shown again.</p>
      <code className="secret" ref={secret} data-testid="api-key-secret">
        {apiKey.secret}
      </code>
      <div className="buttons">
        <button type="button" onClick={copy}>
          Copy key
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Done
        </button>
        <span role="status">{copied}</span>
      </div>
    </div>
  );
}

function NewApiKeyForm({ onCreated, onCancel }) {
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [error, setError] = useState(null);
  const inlineForm = useInlineForm(onCancel);

  async function submit(event) {
    event.preventDefault();
    // A date picked here ends at the end of that day, in the user's time zone.
    const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : undefined;
    try {
      onCreated(await api.post('/api-keys', { name, expiresAt }));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form className="panel form" ref={inlineForm.ref} onKeyDown={inlineForm.onKeyDown} onSubmit={submit} aria-label="New API key">
      <h2>New API key</h2>
      <label htmlFor="key-name">Name</label>
      <input id="key-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="nightly export" />
      <label htmlFor="key-expires">Expires on (optional)</label>
      <input id="key-expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} aria-describedby="key-expires-hint" />
      <small id="key-expires-hint">Left empty, the key works until it is revoked.</small>
      <ErrorMessage error={error} />
      <div className="buttons">
        <button type="submit">Create API key</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
