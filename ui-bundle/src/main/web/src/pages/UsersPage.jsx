import { useState } from 'react';
import { api } from '../api.js';
import useApiData from '../hooks/useApiData.js';
import useInlineForm from '../hooks/useInlineForm.js';
import ErrorMessage from '../components/ErrorMessage.jsx';
import { dateTime } from '../format.js';
import { useSession } from '../session.jsx';

// The roles the server knows (io.millrace.security.Roles), with what each may do.
const ROLES = [
  { name: 'admin', description: 'everything, including users and bundles' },
  { name: 'user', description: 'connections and projects, and their own API keys' },
];

/** Local user accounts, for administrators: list, create with roles, delete. */
export default function UsersPage() {
  const { user: signedIn } = useSession();
  const users = useApiData('/users');
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState(null);

  async function remove(user) {
    if (!window.confirm(`Delete the user ${user.username}? Their API keys stop working.`)) return;
    setError(null);
    try {
      await api.delete(`/users/${encodeURIComponent(user.username)}`);
      await users.reload();
      setMessage(`Deleted the user ${user.username}`);
    } catch (e) {
      setError(e);
    }
  }

  async function created(user) {
    setCreating(false);
    await users.reload();
    setMessage(`Created the user ${user.username}`);
  }

  return (
    <section aria-labelledby="users-title">
      <div className="title-row">
        <h1 id="users-title">Users</h1>
        <button type="button" onClick={() => setCreating(true)}>
          New user
        </button>
      </div>
      {creating && <NewUserForm onCreated={created} onCancel={() => setCreating(false)} />}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <ErrorMessage error={error || users.error} />
      <table className="grid" aria-label="Users">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Roles</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.data?.map((user) => (
            <tr key={user.username}>
              <th scope="row">{user.username}</th>
              <td>{[...user.roles].sort().join(', ')}</td>
              <td>{dateTime(user.createdAt)}</td>
              <td>
                {/* Not oneself: that would end this session with no way back in. */}
                {user.username !== signedIn.username && (
                  <button type="button" className="danger small" onClick={() => remove(user)}>
                    Delete user {user.username}
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

function NewUserForm({ onCreated, onCancel }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState(new Set(['user']));
  const [error, setError] = useState(null);
  const inlineForm = useInlineForm(onCancel);

  function toggle(role, on) {
    const next = new Set(roles);
    if (on) next.add(role);
    else next.delete(role);
    setRoles(next);
  }

  async function submit(event) {
    event.preventDefault();
    try {
      onCreated(await api.post('/users', { username, password, roles: [...roles] }));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form className="panel form" ref={inlineForm.ref} onKeyDown={inlineForm.onKeyDown} onSubmit={submit} aria-label="New user">
      <h2>New user</h2>
      <label htmlFor="user-name">Username</label>
      <input id="user-name" value={username} onChange={(e) => setUsername(e.target.value)} required maxLength={64} autoComplete="off" aria-describedby="user-name-hint" />
      <small id="user-name-hint">Letters, digits, '.', '_' or '-'.</small>
      <label htmlFor="user-password">Password</label>
      <input
        id="user-password"
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        minLength={12}
        autoComplete="new-password"
        aria-describedby="user-password-hint"
      />
      <small id="user-password-hint">At least 12 characters.</small>
      <fieldset className="roles">
        <legend>Roles</legend>
        {ROLES.map((role) => (
          <div key={role.name} className="checkbox">
            <input id={`role-${role.name}`} type="checkbox" checked={roles.has(role.name)} onChange={(e) => toggle(role.name, e.target.checked)} />
            <label htmlFor={`role-${role.name}`}>
              {role.name} <span className="muted">— {role.description}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <ErrorMessage error={error} />
      <div className="buttons">
        <button type="submit">Create user</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
