import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { api, storeToken, storedToken, whenUnauthorized } from './api.js';

const SessionContext = createContext(null);

/** Who is signed in, and signing in and out. A refused token ends the session with a message. */
export function SessionProvider({ children }) {
  const [user, setUser] = useState(null);
  const [checking, setChecking] = useState(Boolean(storedToken()));
  const [notice, setNotice] = useState('');

  const end = useCallback((message) => {
    storeToken(null);
    setUser(null);
    setNotice(message);
  }, []);

  useEffect(() => {
    whenUnauthorized(() => end('Your session expired or was signed out. Sign in again.'));
    if (!storedToken()) return;
    api
      .get('/auth/me')
      .then(setUser)
      .catch(() => {})
      .finally(() => setChecking(false));
  }, [end]);

  const signIn = useCallback(async (username, password) => {
    const { token } = await api.post('/auth/login', { username, password });
    storeToken(token);
    setNotice('');
    setUser(await api.get('/auth/me'));
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      end('You are signed out.');
    }
  }, [end]);

  return (
    <SessionContext.Provider value={{ user, checking, notice, signIn, signOut, expire: end }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession() {
  return useContext(SessionContext);
}
