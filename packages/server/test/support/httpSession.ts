// A client of the server over real HTTP (fetch on a loopback port), signed in as one user: what the
// reliability suites drive the server with, as a browser or another service would.

/** One answer: the status, the body as sent (text) and parsed (JSON, or undefined), and whether it was a replay. */
export interface HttpAnswer {
  status: number;
  text: string;
  body: unknown;
  replayed: boolean;
}

/** A signed-in user's session on a server at `baseUrl`. */
export interface HttpSession {
  readonly baseUrl: string;
  get(path: string): Promise<HttpAnswer>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
}

async function answerOf(response: Response): Promise<HttpAnswer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body, replayed: response.headers.get('idempotent-replayed') === 'true' };
}

/** Signs in (POST /api/auth/login) and returns the session; throws with the answer when sign-in fails. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<HttpSession> {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (login.status !== 200) throw new Error(`sign-in of ${username} at ${baseUrl} answered ${login.status}: ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  return sessionWith(baseUrl, cookie);
}

/** The same session (cookie) against another address: the same user on another server node, or on the server after a restart. */
export function sessionWith(baseUrl: string, cookie: string): HttpSession & { cookie: string } {
  return {
    baseUrl,
    cookie,
    async get(path) {
      return answerOf(await fetch(`${baseUrl}${path}`, { headers: { cookie } }));
    },
    async post(path, body, headers = {}) {
      return answerOf(await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }));
    },
  };
}

/** POST /api/tasks/:instanceId/:taskId/complete with an Idempotency-Key. */
export function completeTask(session: HttpSession, instanceId: string, taskId: string, data: unknown, key: string): Promise<HttpAnswer> {
  return session.post(`/api/tasks/${instanceId}/${encodeURIComponent(taskId)}/complete`, { data }, { 'idempotency-key': key });
}
