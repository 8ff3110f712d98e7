/** The pages of the studio and their addresses. */
export type Route =
  | { name: 'inbox' }
  | { name: 'login' }
  | { name: 'task'; instanceId: string; taskId: string }
  | { name: 'cases' }
  | { name: 'case'; instanceId: string }
  | { name: 'processes' }
  | { name: 'process'; definitionId: string; version: number }
  /** The flow composer: a new definition, or a draft of the next version from a published one. */
  | { name: 'composer'; definitionId?: string | undefined; version?: number | undefined }
  /** The simulator: a published version run in the browser on a simulated clock. */
  | { name: 'simulator'; definitionId: string; version: number }
  /** Two published versions of one definition, side by side with their differences. */
  | { name: 'versionDiff'; definitionId: string; from: number; to: number }
  /** Running cases, overdue tasks and SLA breaches per process and org unit (administrators). */
  | { name: 'monitor' }
  | { name: 'notFound' };

const VERSION = /^[1-9]\d{0,8}$/;

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
  const [first, second, third, fourth, fifth] = parts.map(decode);
  if (parts.length === 1 && first === 'login') return { name: 'login' };
  if (parts.length === 1 && first === 'cases') return { name: 'cases' };
  if (parts.length === 2 && first === 'cases' && second) return { name: 'case', instanceId: second };
  if (parts.length === 1 && first === 'processes') return { name: 'processes' };
  if (parts.length === 1 && first === 'monitor') return { name: 'monitor' };
  if (parts.length === 2 && first === 'processes' && second === 'new') return { name: 'composer' };
  if (parts.length === 3 && first === 'processes' && second && third && VERSION.test(third)) {
    return { name: 'process', definitionId: second, version: Number(third) };
  }
  if (parts.length === 4 && first === 'processes' && second && third && VERSION.test(third)) {
    if (fourth === 'edit') return { name: 'composer', definitionId: second, version: Number(third) };
    if (fourth === 'simulate') return { name: 'simulator', definitionId: second, version: Number(third) };
  }
  if (parts.length === 5 && first === 'processes' && second && third === 'diff' && fourth && fifth && VERSION.test(fourth) && VERSION.test(fifth)) {
    return { name: 'versionDiff', definitionId: second, from: Number(fourth), to: Number(fifth) };
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
    case 'composer':
      return route.definitionId !== undefined && route.version !== undefined
        ? `/processes/${encodeURIComponent(route.definitionId)}/${route.version}/edit`
        : '/processes/new';
    case 'simulator': return `/processes/${encodeURIComponent(route.definitionId)}/${route.version}/simulate`;
    case 'versionDiff': return `/processes/${encodeURIComponent(route.definitionId)}/diff/${route.from}/${route.to}`;
    case 'monitor': return '/monitor';
    case 'notFound': return '/';
  }
}
