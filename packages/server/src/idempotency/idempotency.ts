import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/core';
import { ServerError } from '../plugins/serverError.js';
import { canonicalJson } from '../store/canonicalJson.js';
import { sha256Hex } from '../store/eventHash.js';
import { asPlainSql, plainSql } from '../store/plainSql.js';
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
 * with the same key (successes and user errors such as an invalid form). Other responses are
 * transient (a concurrent change): nothing is recorded, so a retry runs again.
 */
export type WorkResult = StoredResponse & { record: boolean };

/** The longest Idempotency-Key accepted (UUIDs are 36 characters). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
/**
 * An `in_progress` record older than this is taken to belong to a request that died. Only versions
 * before 2026-12-08 wrote such claims (before their work); a key is now written `done` or not at all.
 */
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
 * Given the response a command will answer, the step that records the key `done` with it — to be
 * run inside the command's own transaction, so that the effect and the remembered response commit
 * together or not at all (the key's primary key makes a second commit with it fail as a whole).
 */
export type RecordWithin = (response: StoredResponse) => (tx: EntityManager | PlainSql) => Promise<void>;

export interface IdempotencyGuard {
  /**
   * Runs `work` so that its effect happens at most once per (actor, key). The key is written
   * `done`, with the response, in the work's own transaction (`recordWithin`); no claim is written
   * first: a command costs one commit, not two, and a server that dies mid-request leaves nothing
   * behind to wait out.
   *
   * - same key, same request, done → the stored response again (`replayed: true`), no second effect;
   * - same key, another request → 422 CF_SERVER_IDEMPOTENCY_MISMATCH;
   * - same key while the first is still running in this server process → 409
   *   CF_SERVER_IDEMPOTENCY_IN_PROGRESS. Sent to another node at the same time, both run, one
   *   commits, and the other answers what that one answered.
   *
   * Work whose effect is not in the transaction of `recordWithin` may run again on a retry (its
   * answer is then replaced by the recorded one): refusals, and reads.
   */
  run(args: { actorId: string; key: string; requestHash: string; work: (recordWithin: RecordWithin) => Promise<WorkResult> }): Promise<IdempotentOutcome>;
  /**
   * Records the key `done` with `response` in the caller's own transaction, outside `run`: for a
   * first try whose answer counts only if that transaction commits (a key used before makes it
   * fail, and the caller then goes through `run`, which answers as the key's row says).
   */
  recordIn(args: { actorId: string; key: string; requestHash: string }, response: StoredResponse): (tx: EntityManager | PlainSql) => Promise<void>;
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
  const read = (actor: string, key: string): Promise<KeyRow[]> => (sqlite ? sqlite.read<KeyRow>(selectSql, [key, actor]) : root.fork().getConnection().execute(selectSql, [key, actor]));
  const columns = ['key', 'actor', 'request_hash', 'status', 'response', 'created_at'];
  const doneRow = (actor: string, key: string, hash: string, response: StoredResponse): unknown[] =>
    [key, actor, hash, 'done', { status: response.status, json: JSON.stringify(response.body) } satisfies StoredRecord, new Date(now())];
  const recordIn = (actor: string, key: string, hash: string, response: StoredResponse) => async (tx: EntityManager | PlainSql): Promise<void> => {
    await asPlainSql(tx).insert('idempotency_key', columns, [doneRow(actor, key, hash, response)]);
  };
  // The (actor, key) pairs whose first request this process is running (another node's are found by the key's row).
  const running = new Set<string>();

  /** Whether the key was used before (the stored response, or an error saying how), or may be used. */
  async function used(actor: string, key: string, hash: string): Promise<IdempotentOutcome | 'retry' | undefined> {
    const [existing] = await read(actor, key);
    if (!existing) return undefined;
    if (existing.request_hash !== hash) throw mismatch();
    if (existing.status === 'done') {
      const stored = (typeof existing.response === 'string' ? JSON.parse(existing.response) : existing.response) as StoredRecord;
      return { status: stored.status, body: 'json' in stored ? JSON.parse(stored.json) : stored.body, replayed: true };
    }
    // `in_progress`: a claim written by an earlier version of the server, whose request has not finished.
    const createdAt = existing.created_at instanceof Date ? existing.created_at : new Date(typeof existing.created_at === 'string' && /^\d+$/.test(existing.created_at) ? Number(existing.created_at) : existing.created_at);
    if (now() - createdAt.getTime() > staleAfterMs) {
      // Abandoned by a request that died: removed (conditionally, so only one retry does), and the work runs.
      const removed = await write((sql) => sql.run(`delete from ${table} where ${byKey} and ${q('status')} = 'in_progress' and ${q('created_at')} = ?`, [key, actor, existing.created_at]));
      if (removed === 1) return 'retry';
    }
    throw inProgress();
  }

  /** One run of the work; 'retry' when it met an abandoned claim of an earlier version, now removed. */
  async function attempt(actorId: string, key: string, hash: string, work: (recordWithin: RecordWithin) => Promise<WorkResult>): Promise<IdempotentOutcome | 'retry'> {
    /** A failure refused by the key's row (recorded by a request that ended first, or by another request) answers as that row says. */
    const answeredOr = async (error: unknown): Promise<IdempotentOutcome | 'retry'> => {
      const outcome = await used(actorId, key, hash);
      if (outcome) return outcome;
      throw error;
    };
    // The response recorded inside the work's transaction (see below).
    let recordedWithin: StoredResponse | undefined;
    const recordWithin: RecordWithin = (response) => async (tx) => {
      await recordIn(actorId, key, hash, response)(tx);
      recordedWithin = response;
    };
    let result: WorkResult;
    try {
      result = await work(recordWithin);
    } catch (error) {
      return answeredOr(error);
    }
    const answer: IdempotentOutcome = { status: result.status, body: result.body, replayed: false };
    if (result.record && recordedWithin !== undefined && recordedWithin.status === result.status && recordedWithin.body === result.body) {
      // The command recorded this very response in its own transaction, which committed: work
      // answers with it only after the commit returned (a rolled-back transaction makes work
      // throw or answer another response).
      return answer;
    }
    if (result.record) {
      // Refusals are recorded here.
      try {
        await write((sql) => sql.insert('idempotency_key', columns, [doneRow(actorId, key, hash, result)]));
        return answer;
      } catch (error) {
        return answeredOr(error);
      }
    }
    // Transient (a concurrent change, a task completed meanwhile): the answer of a request with this
    // key that ended first, if there was one (a retry of a command that succeeded finds its task done).
    return (await used(actorId, key, hash)) ?? answer;
  }

  return {
    recordIn: ({ actorId, key, requestHash: hash }, response) => recordIn(actorId, key, hash, response),
    async run({ actorId, key, requestHash: hash, work }) {
      const id = `${actorId}\u0000${key}`;
      if (running.has(id)) {
        // Running here, or a retry of a request already answered while another retry runs its work again.
        const outcome = await used(actorId, key, hash);
        if (outcome && outcome !== 'retry') return outcome;
        throw inProgress();
      }
      running.add(id);
      try {
        // Once more after an abandoned claim was removed; a second one in a row is someone else's.
        for (let tries = 0; tries < 2; tries += 1) {
          const outcome = await attempt(actorId, key, hash, work);
          if (outcome !== 'retry') return outcome;
        }
        throw inProgress();
      } finally {
        running.delete(id);
      }
    },
  };
}

/** The columns read of a used key, as the driver returns them (SQLite: epoch ms and JSON text; PostgreSQL: Date and parsed jsonb). */
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
