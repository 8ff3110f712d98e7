import type { ReactElement, ReactNode } from 'react';
import type { Decorator } from '@storybook/react-vite';
import type { Locale } from '@civicflow/engine';
import type { User } from '../src/api/types.js';
import { Loading } from '../src/components/Loading.js';
import { PreferencesProvider } from '../src/preferences/PreferencesContext.js';
import { SessionProvider, useSession } from '../src/session/SessionContext.js';

// Stories render the studio's real components against a scripted API: fetch is replaced, as in
// test-browser/, so each page loads, fails or waits exactly as it does against the server.

/** What the scripted server answers for one path: a JSON body, an error status, or no answer yet. */
export type ApiAnswer = { status?: number; body: unknown } | 'pending';

/** The story's parameters: its display preferences, who is signed in, and the API's answers by path. */
export interface StudioParameters {
  locale?: Locale;
  largeText?: boolean;
  /** Signed in as this user; without one, nobody is (GET /api/me answers 401). */
  user?: User;
  api?: Record<string, ApiAnswer>;
}

const originalFetch = globalThis.fetch.bind(globalThis);
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const notFound = { code: 'CF_SERVER_NOT_FOUND', message: { 'zh-CN': '没有这个地址', en: 'no such address' } };

function scriptedFetch(answers: Record<string, ApiAnswer>): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    if (!url.pathname.startsWith('/api/')) return originalFetch(input, init);
    const answer = answers[url.pathname];
    if (answer === 'pending') return new Promise<Response>(() => undefined);
    if (!answer) return json(404, notFound);
    return json(answer.status ?? 200, answer.body);
  };
}

function SignedIn({ children }: { children: ReactNode }): ReactElement {
  const { session } = useSession();
  return session.status === 'signed-in' ? <>{children}</> : <Loading />;
}

/**
 * Wraps a story in the studio's providers with its locale and text size, and answers its API
 * requests from `parameters.studio`. With a user, the story shows once the session is known.
 */
export const withStudio: Decorator = (Story, context) => {
  const studio = (context.parameters['studio'] ?? {}) as StudioParameters;
  const { user } = studio;
  const answers: Record<string, ApiAnswer> = {
    '/api/me': user ? { body: { user } } : { status: 401, body: { code: 'CF_SERVER_UNAUTHENTICATED', message: { 'zh-CN': '未登录', en: 'not signed in' } } },
    ...studio.api,
  };
  globalThis.fetch = scriptedFetch(answers);
  localStorage.setItem('civicflow.locale', studio.locale ?? 'zh-CN');
  localStorage.setItem('civicflow.largeText', studio.largeText ? '1' : '0');
  return (
    <PreferencesProvider key={context.id}>
      <SessionProvider>
        <main id="main" className="app-main">
          {user ? <SignedIn><Story /></SignedIn> : <Story />}
        </main>
      </SessionProvider>
    </PreferencesProvider>
  );
};
