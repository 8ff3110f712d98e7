import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/core';
import { EventEntity, InstanceEntity } from '../entities/index.js';
import { GENESIS_HASH, hashEvent } from './eventHash.js';

/** Why the chain of an instance does not verify. */
export type ChainBreak =
  /** A seq is missing (a deleted row): `seq` is the first missing one. */
  | 'missing'
  /** The row does not point at the hash of the row before it. */
  | 'link'
  /** The row's content (its payload) does not give its stored hash: it was edited. */
  | 'hash'
  /** The `type`/`at` columns disagree with the payload they were copied from. */
  | 'columns'
  /** The log ends before the instance row says it does (rows deleted at the end). */
  | 'head';

/** The result of `verifyChain`. */
export type ChainReport =
  | { ok: true; events: number }
  | { ok: false; events: number; seq: number; reason: ChainBreak };

/**
 * Recomputes the hash chain of an instance's history and reports the first broken seq. An
 * edited payload, a deleted or re-ordered row, or a cut-off tail is found; someone able to
 * rewrite every later row *and* the instance row is not (anchor `headHash` outside the
 * database for that). An unknown instance with no events verifies as empty.
 */
export async function verifyChain(source: MikroORM | EntityManager, instanceId: string): Promise<ChainReport> {
  const em = (source instanceof MikroORM ? source.em : source).fork();
  const rows = await em.find(EventEntity, { instance: instanceId }, { orderBy: { seq: 'asc' }, disableIdentityMap: true });
  const instance = await em.findOne(InstanceEntity, { instanceId }, { fields: ['eventCount', 'headHash'], disableIdentityMap: true });
  let prev = GENESIS_HASH;
  let expected = 1;
  for (const row of rows) {
    const broken = (seq: number, reason: ChainBreak): ChainReport => ({ ok: false, events: rows.length, seq, reason });
    if (row.seq !== expected) return broken(expected, 'missing');
    if (row.prevHash !== prev) return broken(row.seq, 'link');
    if (hashEvent(row.prevHash, instanceId, row.seq, row.payload) !== row.hash) return broken(row.seq, 'hash');
    if (row.type !== row.payload.type || row.at !== row.payload.at) return broken(row.seq, 'columns');
    prev = row.hash;
    expected += 1;
  }
  const count = expected - 1;
  if (instance && (instance.eventCount !== count || instance.headHash !== prev)) {
    return { ok: false, events: rows.length, seq: count + 1, reason: 'head' };
  }
  return { ok: true, events: count };
}
