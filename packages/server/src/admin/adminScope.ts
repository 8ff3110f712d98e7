import type { FastifyBaseLogger } from 'fastify';
import { isWithin } from '@civicflow/engine';
import type { Actor } from '@civicflow/engine';
import { maskDeep } from '../logging/maskPii.js';
import { outsideAdminScope } from './adminErrors.js';

/**
 * An administrator administers their own unit (the session's unit) and everything below it;
 * every admin action checks the unit it touches with `assertInScope`.
 */
export function assertInScope(admin: Actor, unit: string): void {
  if (!isWithin(unit, admin.orgUnit)) throw outsideAdminScope(unit, admin.orgUnit);
}

/**
 * A query condition for `field` = `unit` or below it. LIKE is a superset here (`_` matches any
 * character, SQLite compares ASCII case-insensitively), so callers keep only rows that pass
 * `isWithin` — exact, and still served by the index for the prefix.
 */
export function subtreeCondition(field: string, unit: string): Record<string, unknown> {
  return { $or: [{ [field]: unit }, { [field]: { $like: `${unit}/%` } }] };
}

/** Logs an administrative change with who made it; personal numbers are masked, passwords never passed in. */
export function logAdminChange(log: FastifyBaseLogger, admin: Actor, event: string, fields: Record<string, unknown>): void {
  log.info(maskDeep({ event: `admin.${event}`, by: admin.id, byOrgUnit: admin.orgUnit, ...fields }) as Record<string, unknown>, `admin change: ${event}`);
}
