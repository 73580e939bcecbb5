import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, type ApiClient } from '../api/api-client.js';
import type { User } from '../api/api-types.js';

type SessionState = { status: 'loading' } | { status: 'anonymous' } | { status: 'signed-in'; user: User };

interface SessionValue {
  api: ApiClient;
  session: SessionState;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Holds who is signed in; reads it once from /api/auth/me (which also gives the CSRF token back after a reload). */
export function SessionProvider({ api, children }: { api: ApiClient; children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    api
      .get<{ user: User; csrfToken?: string }>('/api/auth/me')
      .then((me) => {
        api.setCsrfToken(me.csrfToken ?? null);
        if (live) setSession({ status: 'signed-in', user: me.user });
      })
      .catch((err: unknown) => {
        if (live) setSession(err instanceof ApiError && err.status === 401 ? { status: 'anonymous' } : { status: 'anonymous' });
      });
    return () => {
      live = false;
    };
  }, [api]);

  const login = useCallback(
    async (email: string, password: string) => {
      const res = await api.post<{ user: User; csrfToken: string }>('/api/auth/login', { email, password });
      api.setCsrfToken(res.csrfToken);
      setSession({ status: 'signed-in', user: res.user });
    },
    [api],
  );

  const logout = useCallback(async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    api.setCsrfToken(null);
    setSession({ status: 'anonymous' });
  }, [api]);

  const value = useMemo(() => ({ api, session, login, logout }), [api, session, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function useApi(): ApiClient {
  return useSession().api;
}

/** The signed-in user; only for pages behind RequireAuth. */
export function useUser(): User {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useUser without a signed-in user');
  return session.user;
}
