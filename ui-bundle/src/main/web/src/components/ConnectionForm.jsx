import { useState } from 'react';
import { api } from '../api.js';
import ConnectionCheckResult from './ConnectionCheckResult.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import { kinds } from '../format.js';
import { splitSettings } from '../connectionSettings.js';
import SettingField from './SettingField.jsx';
import useInlineForm from '../hooks/useInlineForm.js';

/**
 * Creates or edits a connection. Its fields come from the chosen connector's settings; secrets are
 * write-only: left empty when editing, the saved secret is kept.
 */
export default function ConnectionForm({ connectors, connection, onSaved, onCancel }) {
  const editing = Boolean(connection);
  const [name, setName] = useState(connection?.name ?? '');
  const [connectorId, setConnectorId] = useState(connection?.connector ?? connectors[0]?.id ?? '');
  const [values, setValues] = useState(connection?.properties ?? {});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState(null);
  const connector = connectors.find((c) => c.id === connectorId);
  const settings = connector?.settings ?? [];

  /** Tries the settings as typed, without saving them (a new connection only: saved secrets stay sealed). */
  async function testSettings() {
    const { properties, secrets } = splitSettings(settings, values);
    setError(null);
    setCheck(null);
    try {
      setCheck(await api.post(`/connectors/${encodeURIComponent(connectorId)}/test`, { ...properties, ...secrets }));
    } catch (e) {
      setError(e);
    }
  }

  const inlineForm = useInlineForm(onCancel);

  async function submit(event) {
    event.preventDefault();
    const { properties, secrets } = splitSettings(settings, values);
    const body = { name, connector: connectorId, properties, secrets };
    setBusy(true);
    try {
      const saved = editing ? await api.put(`/connections/${connection.id}`, body) : await api.post('/connections', body);
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel form" ref={inlineForm.ref} onKeyDown={inlineForm.onKeyDown} onSubmit={submit} aria-label={editing ? `Edit connection ${connection.name}` : 'New connection'}>
      <h2>{editing ? `Edit ${connection.name}` : 'New connection'}</h2>
      <label htmlFor="connection-name">Name</label>
      <input id="connection-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
      <label htmlFor="connection-connector">Connector</label>
      <select id="connection-connector" value={connectorId} onChange={(e) => setConnectorId(e.target.value)} disabled={editing}>
        {connectors.map((c) => (
          <option key={`${c.id}-${c.version}`} value={c.id}>
            {c.displayName} ({kinds(c)})
          </option>
        ))}
      </select>
      {settings.map((setting) => (
        <SettingField
          key={setting.name}
          setting={setting}
          value={values[setting.name] ?? ''}
          secretIsSet={editing && connection.secrets.includes(setting.name)}
          onChange={(value) => setValues({ ...values, [setting.name]: value })}
        />
      ))}
      <ConnectionCheckResult check={check} />
      <ErrorMessage error={error} />
      <div className="buttons">
        <button type="submit" disabled={busy}>
          {editing ? 'Save' : 'Create connection'}
        </button>
        {!editing && (
          <button type="button" className="secondary" onClick={testSettings}>
            Test settings
          </button>
        )}
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
