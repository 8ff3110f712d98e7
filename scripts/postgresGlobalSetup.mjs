// vitest global setup of the node project: the PostgreSQL the server suites run on, so that
// `pnpm exec vitest run` works on its own. scripts/run.mjs starts it itself and passes
// CIVICFLOW_TEST_POSTGRES_URL, which is then used as is. Nothing is installed here. When
// PostgreSQL cannot be had, the SQLite suites still run and every PostgreSQL suite fails with
// the reason (packages/server/test/support/testDatabases.ts): never a silent skip.
import { acquireTestPostgres } from './postgres.mjs';

export default function setup(project) {
  let lease;
  try {
    lease = acquireTestPostgres({ log: () => {} });
    project.provide('civicflowTestPostgres', { url: lease.url });
  } catch (error) {
    project.provide('civicflowTestPostgres', { error: error instanceof Error ? error.message : String(error) });
  }
  return () => lease?.release();
}
