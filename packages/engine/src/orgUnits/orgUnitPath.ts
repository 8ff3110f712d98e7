import { CivicflowError } from '../errors.js';

/**
 * Org units are paths of `level:code` segments joined by `/`, from the top down:
 * `county:huaxi/town:qingshi/village:qingshicun/grid:03`. The level is in the path itself, so the
 * pure engine can find "the town above the village" without an org-tree lookup.
 */
const SEGMENT = /^[a-z][a-z0-9_-]*:[\p{L}\p{N}_.-]+$/u;

/** True when `path` is a well-formed org unit path. */
export function isOrgUnitPath(path: unknown): path is string {
  if (typeof path !== 'string' || path.length === 0 || path.length > 512) return false;
  return path.split('/').every((s) => SEGMENT.test(s));
}

/** Throws CF_ENGINE_ORG_UNIT_INVALID unless `path` is well formed. */
export function assertOrgUnitPath(path: unknown): string {
  if (!isOrgUnitPath(path)) throw new CivicflowError('CF_ENGINE_ORG_UNIT_INVALID', { orgUnit: String(path) });
  return path;
}

/** The ancestor-or-self of `path` whose last segment has `level`, or undefined. */
export function ancestorAtLevel(path: string, level: string): string | undefined {
  const segments = path.split('/');
  for (let i = segments.length - 1; i >= 0; i--) {
    if (segments[i]!.startsWith(`${level}:`)) return segments.slice(0, i + 1).join('/');
  }
  return undefined;
}

/** The level of the unit (the level of its last segment). */
export function levelOf(path: string): string {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last.slice(0, last.indexOf(':'));
}

/** True when `unit` is `scope` or lies below it. */
export function isWithin(unit: string, scope: string): boolean {
  return unit === scope || unit.startsWith(`${scope}/`);
}
