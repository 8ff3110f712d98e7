import type { EntityManager } from '@mikro-orm/core';

/** Rows per INSERT statement (well below both dialects' bound-parameter limits). */
const ROWS_PER_INSERT = 500;

/**
 * Plain SQL for the statements every command runs (its rows are built from the snapshot, so the
 * ORM's change tracking has nothing to add): through MikroORM's query builder each cost a
 * multiple of the statement itself. Runs in the EntityManager's transaction. Values are passed as
 * the ORM passes them: a Date as the platform stores it (SQLite: epoch ms; PostgreSQL: the Date),
 * an object or array as JSON text (SQLite's json text, PostgreSQL's jsonb parses it), booleans as
 * they are (SQLite's driver binds 1/0).
 */
export interface PlainSql {
  /** One multi-row INSERT per 500 rows; each row gives the columns' values in order. */
  insert(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  /** DELETE FROM table WHERE column = value. */
  deleteWhere(table: string, column: string, value: string): Promise<void>;
  /** UPDATE table SET … WHERE each column of `where` equals its value; how many rows it changed. */
  updateWhere(table: string, set: Readonly<Record<string, unknown>>, where: Readonly<Record<string, unknown>>): Promise<number>;
}

export function plainSql(em: EntityManager): PlainSql {
  const platform = em.getPlatform();
  const q = (id: string): string => platform.quoteIdentifier(id);
  const value = (v: unknown): unknown => (v instanceof Date ? platform.processDateProperty(v) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
  // Driver errors become MikroORM's exceptions, as from the ORM's own statements (UniqueConstraintViolationException, …).
  const run = async (sql: string, params: unknown[]): Promise<number> => {
    try {
      const result: { affectedRows?: number } = await em.getConnection().execute(sql, params, 'run', em.getTransactionContext());
      return result.affectedRows ?? 0;
    } catch (error) {
      throw error instanceof Error ? em.getDriver().convertException(error) : error;
    }
  };
  return {
    async insert(table, columns, rows) {
      const marks = `(${columns.map(() => '?').join(', ')})`;
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + ROWS_PER_INSERT);
        const params: unknown[] = [];
        for (const row of chunk) for (const v of row) params.push(value(v));
        await run(`insert into ${q(table)} (${columns.map(q).join(', ')}) values ${chunk.map(() => marks).join(', ')}`, params);
      }
    },
    async deleteWhere(table, column, v) {
      await run(`delete from ${q(table)} where ${q(column)} = ?`, [v]);
    },
    async updateWhere(table, set, where) {
      const sets = Object.keys(set).map((c) => `${q(c)} = ?`).join(', ');
      const conditions = Object.keys(where).map((c) => `${q(c)} = ?`).join(' and ');
      return run(`update ${q(table)} set ${sets} where ${conditions}`, [...Object.values(set), ...Object.values(where)].map(value));
    },
  };
}
