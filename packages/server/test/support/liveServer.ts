import type { FastifyInstance } from 'fastify';
import { buildApp, seedDemoUsers } from '../../src/index.js';
import type { Orm } from '../../src/index.js';
import type { ProcessDefinition } from '@civicflow/engine';
import type { OpenTestDatabase, TestDatabase } from './testDatabases.js';

/** The demo users' password in the reliability suites (synthetic users of src/demo). */
export const DEMO_PASSWORD = 'reliability-demo-2027';
/** The administrator's password in the reliability suites. */
export const ADMIN_PASSWORD = 'reliability-admin-2027';

/** A server node listening on a loopback port, over a database the test owns. */
export interface LiveServer {
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Builds the server on `orm` and listens on a free loopback port: the suites reach it over real
 * HTTP (sockets, the full request pipeline), not `inject`. Rate limits are off (the suites send
 * thousands of requests from one address) and no studio is served.
 */
export async function listenOn(orm: Orm): Promise<LiveServer> {
  const app = await buildApp({ orm, rateLimit: false, studioDir: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the server did not report its port');
  return { app, baseUrl: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/** Seeds the demo org and users (v_med and colleagues, admin) once per database. */
export async function seedUsers(orm: Orm): Promise<void> {
  await seedDemoUsers(orm, { production: false, password: DEMO_PASSWORD, adminPassword: ADMIN_PASSWORD });
}

/** A fresh test database with the demo users and `definition` published, served on a loopback port. */
export interface ServedProcess {
  database: OpenTestDatabase;
  server: LiveServer;
  /** Closes the server, then the database. */
  close(): Promise<void>;
}

/** Opens `db`, seeds the demo users, listens (listenOn) and publishes `definition`: the start of the HTTP suites. */
export async function serveProcess(db: TestDatabase, definition: ProcessDefinition): Promise<ServedProcess> {
  const database = await db.open();
  await seedUsers(database.orm);
  const server = await listenOn(database.orm);
  await server.app.definitions!.publish(definition);
  return { database, server, close: async () => { await server.close(); await database.close(); } };
}
