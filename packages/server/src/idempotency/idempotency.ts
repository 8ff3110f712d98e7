import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/core';
import { ServerError } from '../plugins/serverError.js';
import { canonicalJson } from '../store/canonicalJson.js';
import { sha256Hex } from '../store/eventHash.js';
import { asPlainSql, isNoRowChanged, plainSql } from '../store/plainSql.js';
import type { PlainSql } from '../store/plainSql.js';
import { sqliteAccessOf } from '../store/sqliteAccess.js';

/** A response as the route sends it: the status and the (JSON) body. Stored for replays. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * A response as the `response` column holds it. The body is kept as JSON text: PostgreSQL's
 * jsonb reorders object keys, and a replay must answer byte for byte what the first request got.
 * (`body` as an object: records written before the text form.)
 */
type StoredRecord = { status: number; json: string } | StoredResponse;

/** What a guarded call answered: the response, and whether it is a replay of a stored one. */
export interface IdempotentOutcome extends StoredResponse {
  replayed: boolean;
}

/**
 * How the guarded work ended. `record` responses are final and answered again on every retry
 * with the same key (successes and user errors such as an invalid form). `release` responses are
 * transient (a concurrent change, an internal error): the key is freed, so a retry runs again.
 */
export type WorkResult = StoredResponse & { record: boolean };

/** The longest Idempotency-Key accepted (UUIDs are 36 characters). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
/** An `in_progress` record older than this is taken to belong to a request that died (crash between insert and mark-done). */
export const DEFAULT_STALE_AFTER_MS = 5 * 60_000;

/** SHA-256 of what identifies a request: the route (method and concrete path) and the canonical JSON of the body. */
export function requestHash(method: string, path: string, body: unknown): string {
  return sha256Hex(canonicalJson({ method: method.toUpperCase(), path, body: body ?? null }));
}

/** Validates the `Idempotency-Key` header value; throws 400 CF_SERVER_IDEMPOTENCY_KEY_REQUIRED / _INVALID. */
export function idempotencyKeyOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') {
    throw new ServerError('CF_SERVER_IDEMPOTENCY_KEY_REQUIRED', 400, {
      'zh-CN': '此操作需要请求头 Idempotency-Key', en: 'this operation needs an Idempotency-Key header',
    }, { hint: { 'zh-CN': '每次提交生成一个新的随机值（如 UUID），重试时沿用同一个值', en: 'send a fresh random value (e.g. a UUID) per submission and the same value on retries' } });
  }
  if (value.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(value)) {
    throw new ServerError('CF_SERVER_IDEMPOTENCY_KEY_INVALID', 400, {
      'zh-CN': `Idempotency-Key 须为 1–${MAX_IDEMPOTENCY_KEY_LENGTH} 个可见 ASCII 字符`, en: `the Idempotency-Key must be 1–${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters`,
    });
  }
  return value;
}

/**
 * Given the response a command will answer, the step that marks the key `done` with it — to be run
 * inside the command's own transaction, so that the effect and the remembered response commit
 * together (a crash between them would otherwise let a retry run the command a second time).
 */
export type RecordWithin = (response: StoredResponse) => (tx: EntityManager | PlainSql) => Promise<void>;

export interface IdempotencyGuard {
  /**
   * Runs `work` at most once per (actor, key). The record is inserted `in_progress` first (the
   * primary key makes a concurrent duplicate fail), then marked `done` with the response when
   * `work` ends with a recordable response, or deleted when it ends with a transient one.
   *
   * - same key, same request, done → the stored response again (`replayed: true`), no second effect;
   * - same key, another request → 422 CF_SERVER_IDEMPOTENCY_MISMATCH;
   * - same key while the first is still running → 409 CF_SERVER_IDEMPOTENCY_IN_PROGRESS.
   */
  run(args: { actorId: string; key: string; requestHash: string; work: (recordWithin: RecordWithin) => Promise<WorkResult> }): Promise<IdempotentOutcome>;
}

export interface IdempotencyGuardOptions {
  staleAfterMs?: number;
  now?: () => number;
}

/**
 * The guard over table `idempotency_key`, in plain SQL: on SQLite opened by createOrm each write
 * joins the writer's group commit (see sqliteAccess); elsewhere each statement commits on its own.
 */
export function createIdempotencyGuard(source: MikroORM | EntityManager, options: IdempotencyGuardOptions = {}): IdempotencyGuard {
  const root = source instanceof MikroORM ? source.em : source;
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const now = options.now ?? Date.now;
  const sqlite = sqliteAccessOf(root);
  const write = <T>(job: (sql: PlainSql) => Promise<T>): Promise<T> => (sqlite ? sqlite.write(job) : job(plainSql(root.fork())));
  const q = (id: string): string => root.getPlatform().quoteIdentifier(id);
  const table = q('idempotency_key');
  const byKey = `${q('key')} = ? and ${q('actor')} = ?`;
  const selectSql = `select ${['request_hash', 'status', 'response', 'created_at'].map(q).join(', ')} from ${table} where ${byKey}`;
  const releaseSql = `delete from ${table} where ${byKey} and ${q('status')} = 'in_progress'`;
  const release = (actor: string, key: string) => write((sql) => sql.run(releaseSql, [key, actor]));

  const columns = ['key', 'actor', 'request_hash', 'status', 'response', 'created_at'];
  const insertSql = `insert into ${table} (${columns.map(q).join(', ')}) values (?, ?, ?, ?, ?, ?) on conflict do nothing`;

  /** Inserts the in_progress record; returns the stored response if this key was already used. */
  async function claim(actor: string, key: string, hash: string): Promise<IdempotentOutcome | undefined> {
    if (sqlite) {
      // A fresh key (nearly always): an insert that must insert, whose statement the group commit
      // runs with the others' (no round trip of its own, see sqliteAccess). A used key fails it,
      // and the insert-or-read below says how.
      try {
        await sqlite.write((sql) => sql.insertNew('idempotency_key', columns, [key, actor, hash, 'in_progress', null, new Date(now())]));
        return undefined;
      } catch (error) {
        if (!isNoRowChanged(error)) throw error;
      }
    }
    return claimUsed(actor, key, hash);
  }

  /** claim, reading the record that makes the insert do nothing (in the same transaction on SQLite). */
  async function claimUsed(actor: string, key: string, hash: string): Promise<IdempotentOutcome | undefined> {
    const existing = await write(async (sql) => {
      if (await sql.run(insertSql, [key, actor, hash, 'in_progress', null, new Date(now())]) === 1) return undefined;
      const [row] = await sql.all<KeyRow>(selectSql, [key, actor]);
      return row ?? null;
    });
    if (existing === undefined) return undefined;
    // Deleted in between (the first attempt was released): try once more.
    if (existing === null) return claim(actor, key, hash);
    if (existing.request_hash !== hash) throw mismatch();
    if (existing.status === 'done') {
      const stored = (typeof existing.response === 'string' ? JSON.parse(existing.response) : existing.response) as StoredRecord;
      return { status: stored.status, body: 'json' in stored ? JSON.parse(stored.json) : stored.body, replayed: true };
    }
    const createdAt = existing.created_at instanceof Date ? existing.created_at : new Date(typeof existing.created_at === 'string' && /^\d+$/.test(existing.created_at) ? Number(existing.created_at) : existing.created_at);
    if (now() - createdAt.getTime() > staleAfterMs) {
      // Abandoned by a request that died: take it over (conditionally, so only one retry does).
      const taken = await write((sql) => sql.updateWhere('idempotency_key', { created_at: new Date(now()) }, { key, actor, status: 'in_progress', created_at: existing.created_at }));
      if (taken === 1) return undefined;
    }
    throw inProgress();
  }

  return {
    async run({ actorId, key, requestHash: hash, work }) {
      const stored = await claim(actorId, key, hash);
      if (stored) return stored;
      const done = (response: StoredResponse) => ({ status: 'done' as const, response: { status: response.status, json: JSON.stringify(response.body) } satisfies StoredRecord });
      // The response last recorded inside the work's transaction (see below).
      let recordedWithin: StoredResponse | undefined;
      const recordWithin: RecordWithin = (response) => async (tx) => {
        const { status, response: stored } = done(response);
        await asPlainSql(tx).updateAll('idempotency_key', { status, response: stored }, { key, actor: actorId, status: 'in_progress' });
        recordedWithin = response;
      };
      let result: WorkResult;
      try {
        result = await work(recordWithin);
      } catch (error) {
        await release(actorId, key);
        throw error;
      }
      if (result.record && recordedWithin !== undefined && recordedWithin.status === result.status && recordedWithin.body === result.body) {
        // The command recorded this very response in its own transaction, which committed: work
        // answers with it only after the commit returned (a rolled-back transaction makes work
        // throw or answer another response). Nothing is left to write.
      } else if (result.record) {
        // Refusals are recorded here (and a response other than the one recorded within, which
        // then updates nothing).
        const { status, response } = done(result);
        await write((sql) => sql.updateAll('idempotency_key', { status, response }, { key, actor: actorId, status: 'in_progress' }));
      } else {
        await release(actorId, key);
      }
      return { status: result.status, body: result.body, replayed: false };
    },
  };
}

/** The columns claim reads of a used key, as the driver returns them (SQLite: epoch ms and JSON text; PostgreSQL: Date and parsed jsonb). */
interface KeyRow { request_hash: string; status: 'in_progress' | 'done'; response: string | StoredRecord | null; created_at: Date | number | string }

function mismatch(): ServerError {
  return new ServerError('CF_SERVER_IDEMPOTENCY_MISMATCH', 422, {
    'zh-CN': '此 Idempotency-Key 已用于另一内容的请求', en: 'this Idempotency-Key was already used for a different request',
  }, { hint: { 'zh-CN': '新的提交请使用新的 Idempotency-Key；重试时请求内容须与首次完全相同', en: 'use a new Idempotency-Key for a new submission; a retry must repeat the first request exactly' } });
}

function inProgress(): ServerError {
  return new ServerError('CF_SERVER_IDEMPOTENCY_IN_PROGRESS', 409, {
    'zh-CN': '使用此 Idempotency-Key 的请求仍在处理中', en: 'the request with this Idempotency-Key is still being processed',
  }, { hint: { 'zh-CN': '稍候以同一 Idempotency-Key 重试，将得到首次请求的结果', en: 'retry shortly with the same Idempotency-Key to get the first request’s result' } });
}
