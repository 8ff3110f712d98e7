/**
 * The server under test, in its own Node process as it runs in production (the load generator
 * must not share its event loop): opens the database given as the first argument (`sqlite:<file>`
 * or `postgres://…`), adds the bench's users and definitions unless told `--no-seed`, then builds
 * the real app with `buildApp` and listens on a free loopback port, which it prints as JSON.
 * Rate limits are off (the bench is one address sending thousands of requests); logging is off.
 * Optional `--studio <dir>` serves a studio build. Ends on SIGTERM, closing the database.
 */
import { buildApp, closeOrm, createDefinitionRepository, createOrm } from '@civicflow/server';
import type { ProcessDefinition } from '@civicflow/engine';
import { readFileSync } from 'node:fs';
import { JOINT_QUALIFICATION_REVIEW } from '../workload/jointQualificationReview.js';
import { seedBenchUsers } from './benchUsers.js';

const [databaseUrl, ...flags] = process.argv.slice(2);
if (!databaseUrl) throw new Error('serverChild: give the database URL (sqlite:<file> or postgres://…)');
const flag = (name: string): string | undefined => {
  const i = flags.indexOf(name);
  return i >= 0 ? flags[i + 1] : undefined;
};

const orm = await createOrm({ databaseUrl });
if (!flags.includes('--no-seed')) {
  await seedBenchUsers(orm);
  const definitions = createDefinitionRepository(orm);
  await definitions.publish(JOINT_QUALIFICATION_REVIEW);
  // Extra definitions (the studio pages' 300-step process, the largest example form) as JSON files.
  for (const file of flags.filter((_, i) => flags[i - 1] === '--publish')) {
    await definitions.publish(JSON.parse(readFileSync(file, 'utf8')) as ProcessDefinition);
  }
}
const studio = flag('--studio');
const app = await buildApp({ orm, rateLimit: false, logger: false, studioDir: studio ?? false });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ ready: true, url: address, pid: process.pid })}\n`);

let closing = false;
async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  await app.close();
  await closeOrm(orm);
  process.exit(0);
}
process.on('SIGTERM', () => { void close(); });
process.on('SIGINT', () => { void close(); });
