import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdempotencyGuard, idempotencyKeyOf, requestHash } from '../src/index.js';
import type { RecordWithin } from '../src/idempotency/index.js';
import { sqliteAccessOf } from '../src/store/sqliteAccess.js';
import type { Orm } from '../src/index.js';
import { IdempotencyKeyEntity } from '../src/entities/index.js';
import { TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

describe.each(TEST_DATABASES)('idempotency guard (table idempotency_key) on $name', (db) => {
  let open: OpenTestDatabase;
  let orm: Orm;
  beforeAll(async () => {
    open = await db.open();
    orm = open.orm;
  });
  afterAll(async () => { await open?.close(); });
  const hash = requestHash('POST', '/x', { data: 1 });

  it('answers the first response again per (actor, key); keys of different actors are independent', async () => {
    const guard = createIdempotencyGuard(orm);
    let runs = 0;
    const work = async () => ({ status: 200, body: { n: ++runs }, record: true });
    expect(await guard.run({ actorId: 'a', key: 'k', requestHash: hash, work })).toEqual({ status: 200, body: { n: 1 }, replayed: false });
    expect(await guard.run({ actorId: 'a', key: 'k', requestHash: hash, work })).toEqual({ status: 200, body: { n: 1 }, replayed: true });
    const other = await guard.run({ actorId: 'b', key: 'k', requestHash: hash, work });
    expect(other.replayed).toBe(false);
    expect(other.body).not.toEqual({ n: 1 });
    await expect(guard.run({ actorId: 'a', key: 'k', requestHash: requestHash('POST', '/x', { data: 2 }), work })).rejects.toMatchObject({ code: 'CF_SERVER_IDEMPOTENCY_MISMATCH', status: 422 });
  });

  it('commits the effect of work that records its response within its transaction once, however often it is retried', async () => {
    const guard = createIdempotencyGuard(orm);
    const access = sqliteAccessOf(orm);
    // The effect: a row of its own, written in the same transaction as the key (as a command writes its case).
    const effect = (n: number) => ({ key: `effect-${n}`, actor: 'effects', requestHash: hash, status: 'done' as const, response: null, createdAt: new Date(0) });
    let tries = 0;
    const work = async (recordWithin: RecordWithin) => {
      tries += 1;
      const response = { status: 200, body: { effect: tries } };
      if (access) {
        await access.write(async (sql) => {
          await sql.insert('idempotency_key', ['key', 'actor', 'request_hash', 'status', 'response', 'created_at'], [[`effect-${tries}`, 'effects', hash, 'done', null, new Date(0)]]);
          await recordWithin(response)(sql);
        });
      } else {
        await orm.em.fork().transactional(async (em) => {
          await em.insert(IdempotencyKeyEntity, effect(tries));
          await recordWithin(response)(em);
        });
      }
      return { ...response, record: true };
    };
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await guard.run({ actorId: 'a', key: 'once', requestHash: hash, work }));
    expect(answers.map((a) => [a.body, a.replayed])).toEqual([[{ effect: 1 }, false], [{ effect: 1 }, true], [{ effect: 1 }, true]]);
    // The retries ran (this work's refusal to be stopped is its own), and their effects were rolled back with their commits.
    expect(tries).toBe(3);
    expect(await orm.em.fork().count(IdempotencyKeyEntity, { actor: 'effects' })).toBe(1);
  });

  it('answers 409 in progress to a second request with the key while the first runs in this process', async () => {
    const guard = createIdempotencyGuard(orm);
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const first = guard.run({ actorId: 'a', key: 'slow', requestHash: hash, work: async () => { await held; return { status: 200, body: { first: true }, record: true }; } });
    await expect(guard.run({ actorId: 'a', key: 'slow', requestHash: hash, work: async () => ({ status: 200, body: { second: true }, record: true }) }))
      .rejects.toMatchObject({ code: 'CF_SERVER_IDEMPOTENCY_IN_PROGRESS', status: 409 });
    release();
    expect(await first).toEqual({ status: 200, body: { first: true }, replayed: false });
    expect(await guard.run({ actorId: 'a', key: 'slow', requestHash: hash, work: async () => ({ status: 200, body: { second: true }, record: true }) }))
      .toEqual({ status: 200, body: { first: true }, replayed: true });
  });

  it('replays the body exactly as first answered, key order included (PostgreSQL jsonb reorders keys)', async () => {
    const guard = createIdempotencyGuard(orm);
    const body = { zeta: 1, alpha: { longer_key: [{ b: 2, a: 1 }], k: null }, mid: '调解' };
    const work = async () => ({ status: 201, body, record: true });
    await guard.run({ actorId: 'a', key: 'order', requestHash: hash, work });
    const replay = await guard.run({ actorId: 'a', key: 'order', requestHash: hash, work });
    expect(replay.replayed).toBe(true);
    expect(JSON.stringify(replay.body)).toBe(JSON.stringify(body));
  });

  it('records nothing when the work throws or ends with a transient response', async () => {
    const guard = createIdempotencyGuard(orm);
    await expect(guard.run({ actorId: 'a', key: 'boom', requestHash: hash, work: async () => { throw new Error('db down'); } })).rejects.toThrow('db down');
    expect(await orm.em.fork().count(IdempotencyKeyEntity, { key: 'boom' })).toBe(0);
    expect(await guard.run({ actorId: 'a', key: 'busy', requestHash: hash, work: async () => ({ status: 409, body: { code: 'X' }, record: false }) })).toMatchObject({ status: 409, replayed: false });
    expect(await orm.em.fork().count(IdempotencyKeyEntity, { key: 'busy' })).toBe(0);
  });

  it('refuses a key claimed in progress by an earlier version, and takes over one abandoned longer than the stale limit', async () => {
    let clock = Date.parse('2027-03-01T00:00:00Z');
    const guard = createIdempotencyGuard(orm, { staleAfterMs: 60_000, now: () => clock });
    await orm.em.fork().insert(IdempotencyKeyEntity, { key: 'stuck', actor: 'a', requestHash: hash, status: 'in_progress', response: null, createdAt: new Date(clock) });
    const work = async () => ({ status: 200, body: { ok: true }, record: true });
    await expect(guard.run({ actorId: 'a', key: 'stuck', requestHash: hash, work })).rejects.toMatchObject({ code: 'CF_SERVER_IDEMPOTENCY_IN_PROGRESS', status: 409 });
    clock += 61_000;
    expect(await guard.run({ actorId: 'a', key: 'stuck', requestHash: hash, work })).toEqual({ status: 200, body: { ok: true }, replayed: false });
  });

  it('validates the header', () => {
    expect(idempotencyKeyOf('3f1c-uuid')).toBe('3f1c-uuid');
    expect(() => idempotencyKeyOf(undefined)).toThrow(/Idempotency-Key/);
    expect(() => idempotencyKeyOf('has space')).toThrow(/ASCII/);
    expect(() => idempotencyKeyOf('x'.repeat(201))).toThrow(/ASCII/);
  });
});
