import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { login as apiLogin, logout as apiLogout, onSessionEnded } from '../api/client.js';
import { api } from '../api/endpoints.js';
import { tokenStore } from '../api/tokens.js';
import type { Me } from '#contracts';
import { closeLiveConnection } from '../realtime/live-connection.js';

type AuthState = { phase: 'loading' } | { phase: 'anonymous' } | { phase: 'signed-in'; me: Me };

interface Auth {
  state: AuthState;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() => (tokenStore.get() ? { phase: 'loading' } : { phase: 'anonymous' }));

  useEffect(() => {
    if (state.phase !== 'loading') return;
    api.me().then(
      (me) => setState({ phase: 'signed-in', me }),
      () => {
        tokenStore.clear();
        setState({ phase: 'anonymous' });
      },
    );
  }, [state.phase]);

  useEffect(
    () =>
      onSessionEnded(() => {
        closeLiveConnection();
        setState({ phase: 'anonymous' });
      }),
    [],
  );

  const login = useCallback(async (username: string, password: string) => {
    await apiLogin(username, password);
    const me = await api.me();
    setState({ phase: 'signed-in', me });
    return me;
  }, []);

  const logout = useCallback(async () => {
    closeLiveConnection();
    await apiLogout();
    setState({ phase: 'anonymous' });
  }, []);

  const value = useMemo(() => ({ state, login, logout }), [state, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user (screens behind the route guard only). */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.phase !== 'signed-in') throw new Error('useMe while not signed in');
  return state.me;
}
