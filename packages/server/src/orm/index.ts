/** Opening and closing the server's database. */
export { createOrm, closeOrm } from './createOrm.js';
export type { CreateOrmOptions, Orm } from './createOrm.js';
export { resolveDatabase, SQLITE_FILE_NAME } from './resolveDatabase.js';
export type { DatabaseTarget } from './resolveDatabase.js';
