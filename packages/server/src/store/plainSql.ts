import type { EntityManager } from '@mikro-orm/core';
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
  /** The dialect's quoting of a table or column name. */
  quote(id: string): string;
  /** Any statement with `?` parameters (values converted as above); how many rows it changed. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
  /** A query with `?` parameters (values converted as above); its rows. */
  all<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** One multi-row INSERT per 500 rows; each row gives the columns' values in order. */
  insert(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  /** DELETE FROM table WHERE column = value. */
  deleteWhere(table: string, column: string, value: string): Promise<void>;
  /** UPDATE table SET … WHERE each column of `where` equals its value; how many rows it changed. */
  updateWhere(table: string, set: Readonly<Record<string, unknown>>, where: Readonly<Record<string, unknown>>): Promise<number>;
}

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
  return statementsOf((id) => platform.quoteIdentifier(id), {
    run: async (sql, params) => (await execute<{ affectedRows?: number }>(sql, params, 'run')).affectedRows ?? 0,
    all: (sql, params) => execute(sql, params, 'all'),
  });
}

/**
 * Plain SQL on a SQLite connection of the store's own (see sqliteAccess): values converted as
 * MikroORM's SQLite platform stores them, errors converted to MikroORM's exceptions.
 */
export function sqlitePlainSql(statements: SqliteStatements, quote: (id: string) => string, convertException: (error: Error) => Error): PlainSql {
  const value = (v: unknown): unknown => (v instanceof Date ? v.getTime() : v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
  const converted = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw error instanceof Error ? convertException(error) : error;
    }
  };
  return statementsOf(quote, {
    run: (sql, params) => converted(() => statements.run(sql, params.map(value))),
    all: <T>(sql: string, params: readonly unknown[]) => converted(() => statements.all<T>(sql, params.map(value))),
  });
}

function statementsOf(quote: (id: string) => string, base: Pick<PlainSql, 'run' | 'all'>): PlainSql {
  const q = quote;
  return {
    quote,
    ...base,
    async insert(table, columns, rows) {
      const marks = `(${columns.map(() => '?').join(', ')})`;
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + ROWS_PER_INSERT);
        const params: unknown[] = [];
        for (const row of chunk) for (const v of row) params.push(v);
        await base.run(`insert into ${q(table)} (${columns.map(q).join(', ')}) values ${chunk.map(() => marks).join(', ')}`, params);
      }
    },
    async deleteWhere(table, column, v) {
      await base.run(`delete from ${q(table)} where ${q(column)} = ?`, [v]);
    },
    async updateWhere(table, set, where) {
      const sets = Object.keys(set).map((c) => `${q(c)} = ?`).join(', ');
      const conditions = Object.keys(where).map((c) => `${q(c)} = ?`).join(' and ');
      return base.run(`update ${q(table)} set ${sets} where ${conditions}`, [...Object.values(set), ...Object.values(where)]);
    },
  };
}

/** True for PlainSql (rather than an EntityManager). */
function isPlainSql(x: EntityManager | PlainSql): x is PlainSql {
  return typeof (x as Partial<PlainSql>).quote === 'function' && typeof (x as Partial<PlainSql>).all === 'function';
}

/** The statements of a transaction given as either: plain SQL itself, or an EntityManager (in its transaction). */
export function asPlainSql(x: EntityManager | PlainSql): PlainSql {
  return isPlainSql(x) ? x : plainSql(x);
}
