import { BaseSqlitePlatform } from '@mikro-orm/sqlite';
import type { MikroORM } from '@mikro-orm/core';

/**
 * Releases the timer claims a server finds at boot on SQLite, so that timers a crashed process
 * had claimed fire at once instead of when its lease runs out (30 s). SQLite serves one server
 * (several nodes need PostgreSQL, where leases of live nodes must be left alone: nothing is
 * released there). Safe even if another process did share the file: a fire is one
 * version-checked commit, so a timer released wrongly is still fired once. How many it released.
 */
export async function releaseTimerClaimsAtBoot(orm: MikroORM): Promise<number> {
  const em = orm.em.fork();
  if (!(em.getPlatform() instanceof BaseSqlitePlatform)) return 0;
  const result: { affectedRows?: number } = await em.getConnection().execute(
    'update "instance_timer" set "claimed_by" = null, "claimed_until" = null where "claimed_by" is not null', [], 'run');
  return result.affectedRows ?? 0;
}
