import { BaseSqlitePlatform } from '@mikro-orm/sqlite';
import type { MikroORM } from '@mikro-orm/core';

/**
 * Releases the effect-outbox claims a server finds at boot on SQLite, so that subprocess work a
 * crashed process had claimed is done at once instead of when its lease runs out (30 s). As for
 * timers (timers/releaseClaimsAtBoot.ts): SQLite serves one server; on PostgreSQL several nodes
 * share the outbox and a live node's lease must be left alone, so nothing is released there. Safe
 * even if another process did share the file: each piece of work is idempotent and marked done in
 * its own transaction. How many it released.
 */
export async function releaseEffectClaimsAtBoot(orm: MikroORM): Promise<number> {
  const em = orm.em.fork();
  if (!(em.getPlatform() instanceof BaseSqlitePlatform)) return 0;
  const result: { affectedRows?: number } = await em.getConnection().execute(
    'update "effect_outbox" set "claimed_by" = null, "claimed_until" = null where "done_at" is null and "claimed_by" is not null', [], 'run');
  return result.affectedRows ?? 0;
}
