import { describe, expect, it } from 'vitest';
import { matchRoute, pathFor } from '../src/router/routes.js';

describe('process diagram addresses', () => {
  it('maps the process list and a version to addresses and back', () => {
    expect(matchRoute('/processes')).toEqual({ name: 'processes' });
    expect(pathFor({ name: 'processes' })).toBe('/processes');
    const route = { name: 'process' as const, definitionId: 'dispute-mediation', version: 3 };
    expect(pathFor(route)).toBe('/processes/dispute-mediation/3');
    expect(matchRoute(pathFor(route))).toEqual(route);
  });

  it('calls a version that is not a positive whole number not found', () => {
    for (const path of ['/processes/x/0', '/processes/x/1.5', '/processes/x/-1', '/processes/x/v1', '/processes/x', '/processes/x/1/y']) {
      expect(matchRoute(path), path).toEqual({ name: 'notFound' });
    }
  });
});
