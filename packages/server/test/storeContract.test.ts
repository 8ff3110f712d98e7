import { afterAll, describe, expect, it } from 'vitest';
import { describeInstanceStoreContract } from '@civicflow/engine/testing';
import { createSqlStore } from '../src/store/createSqlStore.js';
import { TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

// Each store of the contract gets its own database (a file on disk, or a PostgreSQL database), as in production.
describe.each(TEST_DATABASES)('InstanceStore contract on $name', (db) => {
  const opened: OpenTestDatabase[] = [];
  afterAll(async () => {
    for (const o of opened) await o.close();
  });

  describeInstanceStoreContract(db.name, async () => {
    const o = await db.open();
    opened.push(o);
    return createSqlStore(o.orm);
  }, { describe, it, expect });
});
