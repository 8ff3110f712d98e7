import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../src/index.js';
import { UserEntity } from '../src/entities/index.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

// Regression (found by the reliability suite of issue 7): two server nodes booting at once on one
// empty database both seeded the org tree; the second's insert met the first's committed row
// (UniqueConstraintViolationException on org_unit) and that node failed to start.

describe.each(TEST_DATABASES)('seeding the users from nodes booting at once, on $name', { timeout: DATABASE_TEST_TIMEOUT_MS }, (db) => {
  let database: OpenTestDatabase;
  beforeAll(async () => { database = await db.open(); }, DATABASE_TEST_TIMEOUT_MS);
  afterAll(async () => { await database?.close(); });

  it('every node starts: the seed that lost the race finds what the other created, and each user exists once', async () => {
    const nodes = [database.orm, await database.openAnother(), await database.openAnother()];
    const reports = await Promise.all(nodes.map((orm) => seedDemoUsers(orm, { production: false, password: 'demo-password-2027', adminPassword: 'admin-password-2027' })));
    const created = reports.flatMap((r) => r.usersCreated);
    expect(new Set(created).size).toBe(created.length);
    const users = await database.orm.em.fork().find(UserEntity, {}, { fields: ['username'] });
    expect(users.length).toBe(new Set(users.map((u) => u.username)).size);
    expect(users.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'v_med']));
    for (const r of reports) expect(r.usersCreated.length + r.usersExisting.length).toBe(users.length);
  });
});
