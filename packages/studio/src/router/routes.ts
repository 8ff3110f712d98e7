/** The pages of the studio and their addresses. */
export type Route =
  | { name: 'inbox' }
  | { name: 'login' }
  | { name: 'task'; instanceId: string; taskId: string }
  | { name: 'cases' }
  | { name: 'case'; instanceId: string }
  | { name: 'processes' }
  | { name: 'process'; definitionId: string; version: number }
  | { name: 'notFound' };

function decode(segment: string): string | undefined {
  try {
    const value = decodeURIComponent(segment);
    return value.length > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The page at `pathname`. Ids are path segments, URL-encoded (task ids contain a colon: `task:3`).
 *
 * @example matchRoute('/tasks/4f1c…/task%3A3') // { name: 'task', instanceId: '4f1c…', taskId: 'task:3' }
 */
export function matchRoute(pathname: string): Route {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(1);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === '')) return { name: 'inbox' };
  const [first, second, third] = parts.map(decode);
  if (parts.length === 1 && first === 'login') return { name: 'login' };
  if (parts.length === 1 && first === 'cases') return { name: 'cases' };
  if (parts.length === 2 && first === 'cases' && second) return { name: 'case', instanceId: second };
  if (parts.length === 1 && first === 'processes') return { name: 'processes' };
  if (parts.length === 3 && first === 'processes' && second && third && /^[1-9]\d{0,8}$/.test(third)) {
    return { name: 'process', definitionId: second, version: Number(third) };
  }
  if (parts.length === 3 && first === 'tasks' && second && third) return { name: 'task', instanceId: second, taskId: third };
  return { name: 'notFound' };
}

/** The address of a page. */
export function pathFor(route: Route): string {
  switch (route.name) {
    case 'inbox': return '/';
    case 'login': return '/login';
    case 'cases': return '/cases';
    case 'case': return `/cases/${encodeURIComponent(route.instanceId)}`;
    case 'task': return `/tasks/${encodeURIComponent(route.instanceId)}/${encodeURIComponent(route.taskId)}`;
    case 'processes': return '/processes';
    case 'process': return `/processes/${encodeURIComponent(route.definitionId)}/${route.version}`;
    case 'notFound': return '/';
  }
}
