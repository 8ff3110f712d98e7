import { describe, expect, it } from 'vitest';
import { matchRoute, pathFor } from '../src/router/routes.js';
import type { Route } from '../src/router/routes.js';

describe('studio addresses', () => {
  it('maps every page to an address and back, task ids with their colon included', () => {
    const routes: Route[] = [
      { name: 'inbox' }, { name: 'login' }, { name: 'cases' },
      { name: 'case', instanceId: '45c8da7b-77ef-4ca2-b155-c195ec72461a' },
      { name: 'task', instanceId: '45c8da7b-77ef-4ca2-b155-c195ec72461a', taskId: 'intake:1' },
      { name: 'task', instanceId: 'a/b c', taskId: 'review:12' },
      { name: 'processes' }, { name: 'process', definitionId: 'dispute-mediation', version: 3 },
      { name: 'composer' }, { name: 'composer', definitionId: 'dispute-mediation', version: 3 },
      { name: 'simulator', definitionId: 'dispute-mediation', version: 1 },
      { name: 'versionDiff', definitionId: 'dispute-mediation', from: 1, to: 2 },
      { name: 'monitor' },
    ];
    for (const route of routes) expect(matchRoute(pathFor(route)), pathFor(route)).toEqual(route);
    expect(pathFor({ name: 'task', instanceId: 'c1', taskId: 'intake:1' })).toBe('/tasks/c1/intake%3A1');
  });

  it('accepts a trailing slash and an unencoded colon, and calls anything else not found', () => {
    expect(matchRoute('/cases/')).toEqual({ name: 'cases' });
    expect(matchRoute('/tasks/c1/intake:1')).toEqual({ name: 'task', instanceId: 'c1', taskId: 'intake:1' });
    for (const path of ['/tasks/c1', '/tasks/c1/t/x', '/cases/a/b', '/api/tasks', '/tasks/%E0%A4%A/t', '/nope', '/processes/p/0/edit', '/processes/p/1/run', '/processes/p/diff/1', '/processes/p/diff/1/x', '/monitor/x']) {
      expect(matchRoute(path), path).toEqual({ name: 'notFound' });
    }
  });
});
