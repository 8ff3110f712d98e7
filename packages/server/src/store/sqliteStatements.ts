import type { Database, Statement } from 'sqlite3';

/** How many prepared statements one connection keeps (the least recently prepared go first). */
const MAX_PREPARED = 200;

/**
 * Promise-returning statements on one node-sqlite3 connection, each SQL text prepared once and
 * kept (the hot statements are few and fixed: the command path's SQL varies only by row count).
 * Reads use `all`, which steps a statement to its end: a statement left mid-result would keep
 * the connection's read snapshot open, so it would go on seeing old data.
 */
export interface SqliteStatements {
  /** Runs a write; how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Every row of a query. */
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs SQL without parameters (one or more statements: BEGIN, SAVEPOINT, pragmas). */
  exec(sql: string): Promise<void>;
  /** Finalizes the prepared statements (before the connection closes). */
  finalize(): Promise<void>;
}

export function sqliteStatements(db: Database): SqliteStatements {
  // Promises, so that two callers preparing the same text at once share one statement.
  const prepared = new Map<string, Promise<Statement>>();
  function statement(sql: string): Promise<Statement> {
    const hit = prepared.get(sql);
    if (hit) return hit;
    if (prepared.size >= MAX_PREPARED) {
      const oldest = prepared.keys().next().value!;
      void prepared.get(oldest)!.then((s) => s.finalize(), () => undefined);
      prepared.delete(oldest);
    }
    const made = new Promise<Statement>((resolve, reject) => {
      const stmt = db.prepare(sql, (error: Error | null) => {
        if (error) reject(error);
        else resolve(stmt);
      });
    });
    prepared.set(sql, made);
    made.catch(() => prepared.delete(sql));
    return made;
  }
  return {
    async run(sql, params = []) {
      const stmt = await statement(sql);
      return new Promise((resolve, reject) => {
        stmt.run(params as unknown[], function (this: { changes: number }, error: Error | null) {
          if (error) reject(error);
          else resolve(this.changes);
        });
      });
    },
    async all<T>(sql: string, params: readonly unknown[] = []) {
      const stmt = await statement(sql);
      return new Promise<T[]>((resolve, reject) => {
        stmt.all(params as unknown[], (error: Error | null, rows: T[]) => {
          if (error) reject(error);
          else resolve(rows);
        });
      });
    },
    exec(sql) {
      return new Promise((resolve, reject) => {
        db.exec(sql, (error: Error | null) => {
          if (error) reject(error);
          else resolve();
        });
      });
    },
    async finalize() {
      const all = [...prepared.values()];
      prepared.clear();
      await Promise.all(all.map((p) => p.then((s) => new Promise<void>((resolve) => { s.finalize(() => resolve()); }), () => undefined)));
    },
  };
}
