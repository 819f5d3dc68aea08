import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, call, refreshSession, setAccessToken, type Schemas } from './api/client';

export type User = Schemas['UserResponse'];

interface Session {
  user: User | null;
  /** false until the first refresh from the cookie has answered. */
  ready: boolean;
  signIn(email: string, password: string): Promise<User>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);
/**
 * Set while this browser holds a session, so that a visitor who never signed in does not ask for a
 * refresh the server can only refuse (the refresh cookie itself is httpOnly and unreadable here).
 */
const SIGNED_IN_KEY = 'sfm.signedIn';
let renewTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleRenewal(expiresInSeconds: number): void {
  clearTimeout(renewTimer);
  // Renew at four fifths of the token's life so that writes never meet an expired token.
  renewTimer = setTimeout(() => void refreshSession(), expiresInSeconds * 800);
}

async function loadMe(): Promise<User> {
  return call(api.GET('/api/v1/auth/me'));
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let live = true;
    void (async () => {
      // A page opened or reloaded: resume the browser session from the refresh cookie if any.
      if (localStorage.getItem(SIGNED_IN_KEY) && (await refreshSession())) {
        try {
          const me = await loadMe();
          if (live) setUser(me);
          scheduleRenewal(3000);
        } catch {
          setAccessToken(null);
        }
      } else {
        localStorage.removeItem(SIGNED_IN_KEY);
      }
      if (live) setReady(true);
    })();
    return () => {
      live = false;
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const token = await call(api.POST('/api/v1/auth/login', { body: { email, password } }));
    setAccessToken(token.accessToken);
    localStorage.setItem(SIGNED_IN_KEY, '1');
    scheduleRenewal(token.expiresIn);
    const me = await loadMe();
    setUser(me);
    return me;
  }, []);

  const signOut = useCallback(async () => {
    clearTimeout(renewTimer);
    localStorage.removeItem(SIGNED_IN_KEY);
    await api.POST('/api/v1/auth/logout');
    setAccessToken(null);
    setUser(null);
  }, []);

  return (
    <SessionContext.Provider value={{ user, ready, signIn, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** Where each role starts after signing in. */
export function homeOf(role: User['role']): string {
  return role === 'admin' ? '/admin' : role === 'bank' ? '/bank' : '/sme';
}
