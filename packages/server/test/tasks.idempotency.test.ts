import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdempotencyGuard, idempotencyKeyOf, requestHash } from '../src/index.js';
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

  it('runs the work once per (actor, key); keys of different actors are independent', async () => {
    const guard = createIdempotencyGuard(orm);
    let runs = 0;
    const work = async () => ({ status: 200, body: { n: ++runs }, record: true });
    expect(await guard.run({ actorId: 'a', key: 'k', requestHash: hash, work })).toEqual({ status: 200, body: { n: 1 }, replayed: false });
    expect(await guard.run({ actorId: 'a', key: 'k', requestHash: hash, work })).toEqual({ status: 200, body: { n: 1 }, replayed: true });
    expect(await guard.run({ actorId: 'b', key: 'k', requestHash: hash, work })).toEqual({ status: 200, body: { n: 2 }, replayed: false });
    await expect(guard.run({ actorId: 'a', key: 'k', requestHash: requestHash('POST', '/x', { data: 2 }), work })).rejects.toMatchObject({ code: 'CF_SERVER_IDEMPOTENCY_MISMATCH', status: 422 });
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

  it('frees the key when the work throws or ends with a transient response', async () => {
    const guard = createIdempotencyGuard(orm);
    await expect(guard.run({ actorId: 'a', key: 'boom', requestHash: hash, work: async () => { throw new Error('db down'); } })).rejects.toThrow('db down');
    expect(await orm.em.fork().count(IdempotencyKeyEntity, { key: 'boom' })).toBe(0);
    expect(await guard.run({ actorId: 'a', key: 'busy', requestHash: hash, work: async () => ({ status: 409, body: { code: 'X' }, record: false }) })).toMatchObject({ status: 409, replayed: false });
    expect(await orm.em.fork().count(IdempotencyKeyEntity, { key: 'busy' })).toBe(0);
  });

  it('refuses a key in progress, and takes over one abandoned longer than the stale limit', async () => {
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
