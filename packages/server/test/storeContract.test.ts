import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeInstanceStoreContract } from '@civicflow/engine/testing';
import { closeOrm, createOrm } from '../src/orm/createOrm.js';
import type { Orm } from '../src/orm/createOrm.js';
import { createSqlStore } from '../src/store/createSqlStore.js';

// Each store of the contract gets its own database file, on disk, as in production.
const orms: Orm[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const orm of orms) await closeOrm(orm);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeInstanceStoreContract('sqlite', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'civicflow-contract-'));
  dirs.push(dataDir);
  const orm = await createOrm({ dataDir });
  orms.push(orm);
  return createSqlStore(orm);
}, { describe, it, expect });
