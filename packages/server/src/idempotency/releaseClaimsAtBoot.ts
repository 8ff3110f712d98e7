import { BaseSqlitePlatform } from '@mikro-orm/sqlite';
import type { MikroORM } from '@mikro-orm/core';

/**
 * Releases the Idempotency-Keys a server finds `in_progress` at boot on SQLite: their requests
 * died with the process that claimed them (kill -9, power loss), so a client's retry after the
 * restart runs the command at once instead of answering 409 "in progress" until the claim goes
 * stale (5 min). Safe: a command marks its key `done` inside its own transaction, so a key still
 * `in_progress` belongs to a command that never committed. SQLite serves one server (several
 * nodes need PostgreSQL, where live nodes' requests hold claims: nothing is released there, the
 * stale-claim takeover applies). How many it released.
 */
export async function releaseIdempotencyClaimsAtBoot(orm: MikroORM): Promise<number> {
  const em = orm.em.fork();
  if (!(em.getPlatform() instanceof BaseSqlitePlatform)) return 0;
  const result: { affectedRows?: number } = await em.getConnection().execute(
    `delete from "idempotency_key" where "status" = 'in_progress'`, [], 'run');
  return result.affectedRows ?? 0;
}
