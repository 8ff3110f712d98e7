import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { api, onSessionEnded } from '../api/client.js';
import type { ApiError } from '../api/ApiError.js';
import type { User } from '../api/types.js';
import type { MessageKey } from '../i18n/messages.js';

/** Whether someone is signed in; `notice` says why the login page is shown (session ended, signed out). */
export type SessionState =
  | { status: 'checking' }
  | { status: 'anonymous'; notice?: MessageKey | undefined; error?: ApiError | undefined }
  | { status: 'signed-in'; user: User };

interface SessionValue {
  session: SessionState;
  signedIn(user: User): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

/**
 * Who is signed in. On load it asks GET /api/me; afterwards any 401 from the API ends the
 * session here, and the app shows the login page with a message (the address stays, so after
 * signing in again the person is back where they were).
 */
export function SessionProvider({ children }: { children: ReactNode }): ReactElement {
  const [session, setSession] = useState<SessionState>({ status: 'checking' });

  useEffect(() => {
    let live = true;
    api.me().then(
      ({ user }) => { if (live) setSession({ status: 'signed-in', user }); },
      (error: ApiError) => { if (live) setSession(error.status === 401 ? { status: 'anonymous' } : { status: 'anonymous', error }); },
    );
    const unsubscribe = onSessionEnded(() => setSession((s) => (s.status === 'signed-in' ? { status: 'anonymous', notice: 'session.expired' } : s)));
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);

  const signedIn = useCallback((user: User) => setSession({ status: 'signed-in', user }), []);
  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setSession({ status: 'anonymous', notice: 'session.loggedOut' });
    }
  }, []);
  const value = useMemo(() => ({ session, signedIn, signOut }), [session, signedIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() needs a <SessionProvider> above it');
  return value;
}

/** The signed-in user (pages behind the login only). */
export function useUser(): User {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useUser() is for pages shown only when signed in');
  return session.user;
}

/** The role of administrators (the server's ADMIN_ROLE). */
export const ADMIN_ROLE = 'ADMIN';
