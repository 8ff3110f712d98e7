import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { PiiAccessEntity } from '../entities/index.js';
import type { PiiAccessRow } from '../entities/index.js';
import { maskPii } from '../logging/maskPii.js';
import type { PiiCount } from '../logging/maskPii.js';

/** One response that showed personal numbers unmasked. */
export interface PiiAccess {
  userId: string;
  orgUnit: string;
  method: string;
  /** The route pattern (e.g. `/api/instances/:id`), never the URL as sent. */
  route: string;
  instanceId: string | null;
  status: number;
  count: PiiCount;
  at?: Date | undefined;
}

/**
 * Writes the audit row. Every text field is masked once more and cut to its column: an instance
 * id comes from the URL, and a URL can carry anything, an ID number included.
 */
export async function recordPiiAccess(em: EntityManager, access: PiiAccess): Promise<void> {
  const clip = (s: string, n: number) => maskPii(s).slice(0, n);
  await em.insert(PiiAccessEntity, {
    id: randomUUID(),
    userId: clip(access.userId, 64),
    orgUnit: clip(access.orgUnit, 512),
    at: access.at ?? new Date(),
    method: clip(access.method, 10),
    route: clip(access.route, 255),
    instanceId: access.instanceId === null ? null : clip(access.instanceId, 100),
    status: access.status,
    idNumbers: access.count.idNumbers,
    phoneNumbers: access.count.phoneNumbers,
  });
}

/** The audit rows, newest first (for administrators and tests; an HTTP endpoint is future work). */
export async function listPiiAccess(em: EntityManager, filter: { userId?: string; instanceId?: string } = {}, limit = 100): Promise<PiiAccessRow[]> {
  return em.find(PiiAccessEntity, {
    ...(filter.userId !== undefined ? { userId: filter.userId } : {}),
    ...(filter.instanceId !== undefined ? { instanceId: filter.instanceId } : {}),
  }, { orderBy: { at: 'desc', id: 'asc' }, limit, disableIdentityMap: true });
}
