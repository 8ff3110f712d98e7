import { BaseSqlitePlatform } from '@mikro-orm/sqlite';
import type { MikroORM } from '@mikro-orm/core';

/** What a boot released of the claims an earlier (crashed) process left behind. */
export interface ReleasedAtBoot {
  timers: number;
  idempotencyKeys: number;
  outboxWork: number;
}

/**
 * Releases, at boot on SQLite, what an earlier process had claimed and could not finish (kill -9,
 * power loss), so that it is taken up at once instead of when its claim runs out. SQLite serves one
 * server; on PostgreSQL several nodes share these tables and a live node's claims must be left
 * alone, so nothing is released there (the leases and the stale-claim takeover apply). Each release
 * is safe even if another process did share the file:
 * - timers (lease 30 s): a fire is one version-checked commit, so a timer released wrongly still fires once;
 * - Idempotency-Keys `in_progress` (claims of versions before 2026-12-08, stale after 5 min): a
 *   command writes its key `done` inside its own transaction, so a key still in progress belongs
 *   to a command that never committed — a client's retry runs it instead of being told 409 "in progress";
 * - effect-outbox work (lease 30 s): each piece is idempotent and marked done in its own transaction.
 */
export async function releaseClaimsAtBoot(orm: MikroORM): Promise<ReleasedAtBoot> {
  const em = orm.em.fork();
  if (!(em.getPlatform() instanceof BaseSqlitePlatform)) return { timers: 0, idempotencyKeys: 0, outboxWork: 0 };
  const connection = em.getConnection();
  const run = async (sql: string): Promise<number> => ((await connection.execute(sql, [], 'run')) as { affectedRows?: number }).affectedRows ?? 0;
  return {
    timers: await run('update "instance_timer" set "claimed_by" = null, "claimed_until" = null where "claimed_by" is not null'),
    idempotencyKeys: await run(`delete from "idempotency_key" where "status" = 'in_progress'`),
    outboxWork: await run('update "effect_outbox" set "claimed_by" = null, "claimed_until" = null where "done_at" is null and "claimed_by" is not null'),
  };
}
