import { isAbsolute, join, resolve } from 'node:path';

/** Where the server keeps its data: a SQLite file (the default) or a PostgreSQL server. */
export type DatabaseTarget =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgresql'; url: string };

/** The file name of the embedded database inside the data directory. */
export const SQLITE_FILE_NAME = 'civicflow.sqlite';

/**
 * Chooses the database from configuration: `postgres://…`/`postgresql://…` selects PostgreSQL,
 * `sqlite:<path>` a SQLite file at that path, and no URL the file `${dataDir}/civicflow.sqlite`
 * (dataDir defaults to ./data). The dialect comes only from here, never from code paths.
 */
export function resolveDatabase(options: { databaseUrl?: string | undefined; dataDir?: string | undefined }): DatabaseTarget {
  const url = options.databaseUrl?.trim();
  if (!url) return { dialect: 'sqlite', file: resolve(join(options.dataDir ?? './data', SQLITE_FILE_NAME)) };
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgresql', url };
  if (/^sqlite:/i.test(url)) {
    const path = url.replace(/^sqlite:(\/\/)?/i, '');
    if (!path) throw new Error(`DATABASE_URL "${url}" names no SQLite file (use sqlite:<path>)`);
    return { dialect: 'sqlite', file: isAbsolute(path) ? path : resolve(path) };
  }
  throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "${url.replace(/\/\/[^@/]*@/, '//***@')}")`);
}

