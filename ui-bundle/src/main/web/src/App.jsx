import { NavLink, Navigate, Route, Routes } from 'react-router-dom';
import { useSession } from './session.jsx';
import SignInPage from './pages/SignInPage.jsx';
import ConnectionsPage from './pages/ConnectionsPage.jsx';
import CatalogPage from './pages/CatalogPage.jsx';
import ProjectsPage from './pages/ProjectsPage.jsx';
import ProjectPage from './pages/ProjectPage.jsx';
import AdminPage from './pages/AdminPage.jsx';
import ApiKeysPage from './pages/ApiKeysPage.jsx';
import UsersPage from './pages/UsersPage.jsx';

export default function App() {
  const { user, checking, signOut } = useSession();
  if (checking) return <p className="loading">Loading…</p>;
  if (!user) return <SignInPage />;
  const admin = user.roles?.includes('admin');
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Millrace</span>
        <nav aria-label="Main">
          <NavLink to="/projects">Projects</NavLink>
          <NavLink to="/connections">Connections</NavLink>
          <NavLink to="/api-keys">API keys</NavLink>
          {admin && <NavLink to="/users">Users</NavLink>}
          <NavLink to="/admin">Administration</NavLink>
        </nav>
        <span className="user">
          Signed in as <strong>{user.username}</strong>
          <button type="button" className="link" onClick={signOut}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Routes>
          <Route path="/" element={<Navigate to="/projects" replace />} />
          <Route path="/projects" element={<ProjectsPage />} />
          <Route path="/projects/:projectId" element={<ProjectPage />} />
          <Route path="/connections" element={<ConnectionsPage />} />
          <Route path="/connections/:connectionId/catalog" element={<CatalogPage />} />
          <Route path="/api-keys" element={<ApiKeysPage />} />
          <Route path="/users" element={<UsersPage />} />
          <Route path="/admin" element={<AdminPage />} />
          <Route path="*" element={<p>There is no such page. Pick one from the menu.</p>} />
        </Routes>
      </main>
    </div>
  );
}
