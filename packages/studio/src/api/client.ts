import { ApiError, isErrorBody } from './ApiError.js';
import type {
  CaseHistory, CaseListPage, CaseListQuery, CaseView, CommandResult, DefinitionListing, InboxPage, PublishedDefinition, TaskDetail, User,
} from './types.js';

type Listener = () => void;
const sessionEndedListeners = new Set<Listener>();

/**
 * Called whenever the server answers 401 to a request made with a session (it expired or was
 * revoked): the app then shows the login page with a message. Returns the unsubscribe function.
 */
export function onSessionEnded(listener: Listener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** For login and the first /api/me: a 401 there is an answer, not an ended session. */
  anonymousAllowed?: boolean;
  /** Cancels the request; the promise then rejects with the signal's reason (an AbortError), not an ApiError. */
  signal?: AbortSignal | undefined;
}

/**
 * One JSON request to the server's API: the session cookie goes with it, a 401 ends the session,
 * and any failure is an {@link ApiError}. Features with API calls of their own build on this.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    // The session is an HttpOnly, SameSite=Strict cookie: same-origin requests carry it.
    response = await fetch(path, { method: options.method ?? 'GET', headers, body, credentials: 'same-origin', ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw ApiError.network();
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    if (payload === undefined) throw ApiError.unexpected(response.status);
    return payload as T;
  }
  if (response.status === 401 && !options.anonymousAllowed) for (const listener of sessionEndedListeners) listener();
  throw isErrorBody(payload) ? new ApiError(response.status, payload) : ApiError.unexpected(response.status);
}

const segment = encodeURIComponent;

/** The address of GET /api/instances with `query`'s filters (absent ones are left out). */
export function casesPath(query: CaseListQuery): string {
  const params = new URLSearchParams({ limit: String(query.limit ?? 20) });
  if (query.status) params.set('status', query.status);
  if (query.cursor) params.set('cursor', query.cursor);
  return `/api/instances?${params.toString()}`;
}

/** The server's API as the studio uses it; every failure is an {@link ApiError}. */
export const api = {
  login: (username: string, password: string) =>
    request<{ user: User }>('/api/auth/login', { method: 'POST', body: { username, password }, anonymousAllowed: true }),
  logout: () => request<void>('/api/auth/logout', { method: 'POST', anonymousAllowed: true }),
  /** The signed-in user; 401 (no session) is the normal answer before login. */
  me: () => request<{ user: User }>('/api/me', { anonymousAllowed: true }),

  inbox: (cursor: string | null, limit = 20) =>
    request<InboxPage>(`/api/tasks?limit=${limit}${cursor ? `&cursor=${segment(cursor)}` : ''}`),
  task: (instanceId: string, taskId: string) => request<TaskDetail>(`/api/tasks/${segment(instanceId)}/${segment(taskId)}`),
  /** Submits a task's form; `idempotencyKey` is the same on every retry of one submission. */
  completeTask: (instanceId: string, taskId: string, data: unknown, idempotencyKey: string) =>
    request<CommandResult>(`/api/tasks/${segment(instanceId)}/${segment(taskId)}/complete`, {
      method: 'POST', body: { data }, headers: { 'idempotency-key': idempotencyKey },
    }),

  /** The cases the signed-in user may see, newest first (the server decides which). */
  cases: (query: CaseListQuery = {}) => request<CaseListPage>(casesPath(query)),
  caseView: (instanceId: string) => request<CaseView>(`/api/instances/${segment(instanceId)}`),
  caseHistory: (instanceId: string) => request<CaseHistory>(`/api/instances/${segment(instanceId)}/history`),
  /** Starts a case; `start` pins the version and carries the start input of its start form. */
  startCase: (definitionId: string, start: { version?: number; data?: unknown } = {}) =>
    request<CommandResult>('/api/instances', { method: 'POST', body: { definitionId, ...start } }),

  definitions: () => request<{ definitions: DefinitionListing[] }>('/api/definitions'),
  definition: (id: string, version: number) => request<PublishedDefinition>(`/api/definitions/${segment(id)}/versions/${version}`),

  /** Stores a file for a form's file, photo or signature field; the form keeps only the id. */
  uploadAttachment: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<{ id: string }>('/api/attachments', { method: 'POST', body: form });
  },
};
