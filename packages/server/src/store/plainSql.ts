import type { EntityManager } from '@mikro-orm/core';
import { BaseSqlitePlatform } from '@mikro-orm/sqlite';
import { sqliteLiteral } from './sqliteLiteral.js';
import type { SqliteStatements } from './sqliteStatements.js';

/** Rows per INSERT statement (well below both dialects' bound-parameter limits). */
const ROWS_PER_INSERT = 500;

/**
 * Plain SQL for the statements every command runs (its rows are built from the snapshot, so the
 * ORM's change tracking has nothing to add): through MikroORM's query builder each cost a
 * multiple of the statement itself. Runs in a transaction: an EntityManager's (`plainSql`), or a
 * SQLite group commit's (`sqlitePlainSql`, see sqliteAccess). Values are passed as the ORM passes
 * them: a Date as the platform stores it (SQLite: epoch ms; PostgreSQL: the Date), an object or
 * array as JSON text (SQLite's json text, PostgreSQL's jsonb parses it), booleans as they are
 * (SQLite's driver binds 1/0). Rows read come as the driver returns them (SQLite: dates as epoch
 * ms, JSON as text; PostgreSQL: Date and parsed jsonb).
 */
export interface PlainSql {
  /** True on SQLite (for the few statements written per dialect). */
  readonly sqlite: boolean;
  /** The dialect's quoting of a table or column name. */
  quote(id: string): string;
  /** Any statement with `?` parameters (values converted as above); how many rows it changed. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
  /** A query with `?` parameters (values converted as above); its rows. */
  all<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /**
   * One multi-row INSERT per 500 rows; each row gives the columns' values in order. Like
   * `deleteWhere` and `updateAll`, its result is not read, so a SQLite group commit may run it
   * later (see sqliteTransactionSql): before the next statement whose result is read, and before
   * the command's savepoint is released — an error still fails the command it belongs to.
   */
  insert(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  /** Any statement whose result is not read, with `?` parameters (may run later, see insert). */
  runLater(sql: string, params: readonly unknown[]): Promise<void>;
  /** DELETE FROM table WHERE column = value (may run later, see insert). */
  deleteWhere(table: string, column: string, value: string): Promise<void>;
  /** UPDATE table SET … WHERE each column of `where` equals its value; how many rows it changed. */
  updateWhere(table: string, set: Readonly<Record<string, unknown>>, where: Readonly<Record<string, unknown>>): Promise<number>;
  /**
   * updateWhere that must change exactly one row (an optimistic lock); may run later (see insert).
   * If it changes none, the command fails with an error `isNoRowChanged` recognises (here, or
   * where the deferred statements run).
   */
  updateOne(table: string, set: Readonly<Record<string, unknown>>, where: Readonly<Record<string, unknown>>): Promise<void>;
  /**
   * A query whose one column counts rows, which must count exactly one (a check of what the
   * transaction rests on); may run later (see insert). Otherwise the command fails as for
   * `updateOne` (`isNoRowChanged`), with `what` in the message.
   */
  checkOne(what: string, countSql: string, params: readonly unknown[]): Promise<void>;
  /** updateWhere when the count does not matter (may run later, see insert). */
  updateAll(table: string, set: Readonly<Record<string, unknown>>, where: Readonly<Record<string, unknown>>): Promise<void>;
}

/** The name of the check that fails when `updateOne` changed no row (in SQLite's error message). */
const ONE_ROW_CHECK = 'cf_one_row_changed';

/** What `updateOne` fails with when it changed no row (run at once). */
class NoRowChanged extends Error {
  constructor(table: string, message = `the statement on ${table} changed no row`) {
    super(`${ONE_ROW_CHECK}: ${message}`);
  }
}

/** What `checkOne` fails with when its count is not one (run at once). */
const notOne = (what: string): NoRowChanged => new NoRowChanged(what, `the check of ${what} did not count one row`);

/** True when `error` (or what it wraps) is `updateOne` finding no row to change. */
export function isNoRowChanged(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = (e as { cause?: unknown }).cause, depth += 1) {
    if (e instanceof NoRowChanged || e.message.includes(ONE_ROW_CHECK)) return true;
  }
  return false;
}

/**
 * Run once per writer connection, outside any transaction: the temporary table whose CHECK makes
 * a deferred `updateOne` that changed no row fail the statements it was deferred with.
 */
export const SQLITE_ONE_ROW_CHECK_TABLE = `create temp table if not exists ${ONE_ROW_CHECK}`
  + ` (changed integer primary key on conflict replace, constraint ${ONE_ROW_CHECK} check (changed = 1))`;

/** Plain SQL in an EntityManager's transaction (PostgreSQL, and SQLite's cold paths). */
export function plainSql(em: EntityManager): PlainSql {
  const platform = em.getPlatform();
  const value = (v: unknown): unknown => (v instanceof Date ? platform.processDateProperty(v) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
  // Driver errors become MikroORM's exceptions, as from the ORM's own statements (UniqueConstraintViolationException, …).
  const execute = async <T>(sql: string, params: readonly unknown[], method: 'run' | 'all'): Promise<T> => {
    try {
      return await em.getConnection().execute(sql, params.map(value), method, em.getTransactionContext());
    } catch (error) {
      throw error instanceof Error ? em.getDriver().convertException(error) : error;
    }
  };
  return statementsOf(platform instanceof BaseSqlitePlatform, (id) => platform.quoteIdentifier(id), {
    run: async (sql, params) => (await execute<{ affectedRows?: number }>(sql, params, 'run')).affectedRows ?? 0,
    all: (sql, params) => execute(sql, params, 'all'),
  });
}

/**
 * Plain SQL on a SQLite connection of the store's own (see sqliteAccess): values converted as
 * MikroORM's SQLite platform stores them, errors converted to MikroORM's exceptions.
 */
export function sqlitePlainSql(statements: SqliteStatements, quote: (id: string) => string, convertException: (error: Error) => Error): PlainSql {
  return sqliteTransactionSql(statements, quote, convertException, false);
}

/** Plain SQL in a SQLite group commit: the statements whose result is not read wait in `deferred`. */
export interface SqliteTransactionSql extends PlainSql {
  /** The statements waiting to run (SQL text with their values as literals), emptied. */
  takeDeferred(): string;
}

/**
 * Runs the statements deferred so far (`deferred`, possibly empty) before a statement whose result
 * is read; the group commit passes one that also runs what it has waiting (see sqliteAccess).
 */
export type BeforeStatement = (deferred: string) => Promise<void>;

/**
 * Plain SQL in a SQLite group commit. Each call into node-sqlite3 is a round trip through libuv's
 * thread pool, and the whole group waits for each: so the statements whose result nobody reads
 * (`insert`, `deleteWhere`, `updateAll`, `updateOne`) are kept, with their values
 * written as SQL literals, and handed over as text — to `beforeStatement` before the next statement
 * whose result is read, or by `takeDeferred` once the command's job is done (see sqliteAccess). A
 * value that has no safe literal (a string holding NUL) makes its statement run at once, with
 * parameters.
 */
export function sqliteTransactionSql(statements: SqliteStatements, quote: (id: string) => string, convertException: (error: Error) => Error, defer = true,
  beforeStatement: BeforeStatement = async (sql) => { if (sql !== '') await statements.exec(sql); }): SqliteTransactionSql {
  const converted = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw error instanceof Error ? convertException(error) : error;
    }
  };
  let deferred = '';
  const flush = (): Promise<void> => {
    const sql = deferred;
    deferred = '';
    return beforeStatement(sql);
  };
  const run = (sql: string, params: readonly unknown[]) => converted(async () => {
    await flush();
    return statements.run(sql, params.map(sqliteValue));
  });
  const all = <T>(sql: string, params: readonly unknown[]) => converted(async () => {
    await flush();
    return statements.all<T>(sql, params.map(sqliteValue));
  });
  return {
    ...statementsOf(true, quote, {
      run,
      all,
      async later(sql, params) {
        const text = defer ? withLiterals(sql, params) : undefined;
        if (text === undefined) await run(sql, params);
        else deferred += `${text};\n`;
      },
      async laterOne(table, sql, params) {
        const text = defer ? withLiterals(sql, params) : undefined;
        if (text === undefined) {
          if (await run(sql, params) !== 1) throw new NoRowChanged(table);
        } else {
          // changes() is the count of the statement just before; 0 fails the check (see SQLITE_ONE_ROW_CHECK_TABLE).
          deferred += `${text};\ninsert into temp.${ONE_ROW_CHECK} (changed) values (changes());\n`;
        }
      },
      async laterCheck(what, countSql, params) {
        // The count goes into the check table, whose CHECK fails the command unless it is 1.
        const text = defer ? withLiterals(countSql, params) : undefined;
        if (text === undefined) {
          await checkNow(all, what, countSql, params);
        } else {
          deferred += `insert into temp.${ONE_ROW_CHECK} (changed) ${text};\n`;
        }
      },
    }),
    takeDeferred() {
      const sql = deferred;
      deferred = '';
      return sql;
    },
  };
}

/** A value as SQLite's driver takes it: a Date as epoch ms, an object or array as JSON text. */
function sqliteValue(v: unknown): unknown {
  return v instanceof Date ? v.getTime() : v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
}

/** `sql` with each `?` replaced by its value (converted as the driver would) as a SQLite literal; undefined if a value has none. */
function withLiterals(sql: string, params: readonly unknown[]): string | undefined {
  const parts = sql.split('?');
  if (parts.length !== params.length + 1) return undefined;
  let out = parts[0]!;
  for (let i = 0; i < params.length; i += 1) {
    const literal = sqliteLiteral(sqliteValue(params[i]));
    if (literal === undefined) return undefined;
    out += literal + parts[i + 1]!;
  }
  return out;
}

/** Runs a count query at once (`checkOne`): its one row's one value must be 1. */
async function checkNow(all: PlainSql['all'], what: string, countSql: string, params: readonly unknown[]): Promise<void> {
  const row = (await all<Record<string, unknown>>(countSql, params))[0];
  if (row === undefined || Number(Object.values(row)[0]) !== 1) throw notOne(what);
}

interface BaseStatements extends Pick<PlainSql, 'run' | 'all'> {
  /** Runs a statement whose result is not read (perhaps later). */
  later?(sql: string, params: readonly unknown[]): Promise<void>;
  /** Runs an UPDATE that must change one row (perhaps later). */
  laterOne?(table: string, sql: string, params: readonly unknown[]): Promise<void>;
  /** Runs a count that must be one (perhaps later). */
  laterCheck?(what: string, countSql: string, params: readonly unknown[]): Promise<void>;
}

function statementsOf(sqlite: boolean, quote: (id: string) => string, base: BaseStatements): PlainSql {
  const q = quote;
  const later = base.later ?? (async (sql: string, params: readonly unknown[]) => { await base.run(sql, params); });
  const laterOne = base.laterOne ?? (async (table: string, sql: string, params: readonly unknown[]) => {
    if (await base.run(sql, params) !== 1) throw new NoRowChanged(table);
  });
  const laterCheck = base.laterCheck ?? ((what: string, countSql: string, params: readonly unknown[]) => checkNow(base.all, what, countSql, params));
  return {
    sqlite,
    quote,
    run: base.run,
    all: base.all,
    runLater: later,
    async insert(table, columns, rows) {
      const marks = `(${columns.map(() => '?').join(', ')})`;
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + ROWS_PER_INSERT);
        const params: unknown[] = [];
        for (const row of chunk) for (const v of row) params.push(v);
        await later(`insert into ${q(table)} (${columns.map(q).join(', ')}) values ${chunk.map(() => marks).join(', ')}`, params);
      }
    },
    async deleteWhere(table, column, v) {
      await later(`delete from ${q(table)} where ${q(column)} = ?`, [v]);
    },
    async updateWhere(table, set, where) {
      return base.run(updateSql(table, set, where), [...Object.values(set), ...Object.values(where)]);
    },
    async updateAll(table, set, where) {
      await later(updateSql(table, set, where), [...Object.values(set), ...Object.values(where)]);
    },
    async updateOne(table, set, where) {
      await laterOne(table, updateSql(table, set, where), [...Object.values(set), ...Object.values(where)]);
    },
    checkOne: laterCheck,
  };
  function updateSql(table: string, set: Readonly<Record<string, unknown>>, where: Readonly<Record<string, unknown>>): string {
    const sets = Object.keys(set).map((c) => `${q(c)} = ?`).join(', ');
    const conditions = Object.keys(where).map((c) => `${q(c)} = ?`).join(' and ');
    return `update ${q(table)} set ${sets} where ${conditions}`;
  }
}

/** True for PlainSql (rather than an EntityManager). */
function isPlainSql(x: EntityManager | PlainSql): x is PlainSql {
  return typeof (x as Partial<PlainSql>).quote === 'function' && typeof (x as Partial<PlainSql>).all === 'function';
}

/** The statements of a transaction given as either: plain SQL itself, or an EntityManager (in its transaction). */
export function asPlainSql(x: EntityManager | PlainSql): PlainSql {
  return isPlainSql(x) ? x : plainSql(x);
}
