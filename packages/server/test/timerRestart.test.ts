import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStored } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { createFormValidator } from '@civicflow/forms';
import { closeOrm, createSqlStore, createTimerScheduler } from '../src/index.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

const t = (s: string) => ({ 'zh-CN': s, en: s });
const definition: ProcessDefinition = {
  schemaVersion: 1, id: 'restart-test', version: 1, title: t('restart'),
  roles: { CLERK: { title: t('clerk') } },
  forms: { f: { title: t('f'), schema: { type: 'object', properties: {} } } },
  start: 'wait',
  steps: {
    wait: { kind: 'wait', duration: { hours: 1 }, basis: t('test'), next: 'task' },
    task: { kind: 'task', title: t('task'), form: 'f', assignee: { role: 'CLERK' }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('done') },
  },
};
const definitions = { get: async () => definition };
const engineOptions = { validator: createFormValidator() };

describe.each(TEST_DATABASES)('timers across a restart, on $name', { timeout: DATABASE_TEST_TIMEOUT_MS }, (db) => {
  let open: OpenTestDatabase;
  beforeAll(async () => { open = await db.open(); });
  afterAll(async () => { await open?.close(); });

  it('timers that fell due while the server was down fire exactly once after it comes back', async () => {
    const first = await open.openAnother();
    const store1 = createSqlStore(first);
    for (let i = 0; i < 25; i++) {
      await startStored(store1, definition, { instanceId: `r-${i}`, orgUnit: 'county:x' }, { now: '2027-01-04T09:00:00+08:00', actor: { id: 'c', roles: ['CLERK'], orgUnit: 'county:x' } }, engineOptions);
    }
    await closeOrm(first); // the server goes down before 10:00; nothing fires

    const second = await open.openAnother();
    const store2 = createSqlStore(second);
    const scheduler = createTimerScheduler({ store: store2, definitions, engineOptions, worker: 'after-restart', now: () => '2027-01-04T13:00:00+08:00' });
    expect(await scheduler.runOnce()).toBe(25);
    expect(await scheduler.runOnce()).toBe(0);
    for (let i = 0; i < 25; i++) {
      const fired = (await store2.history(`r-${i}`)).filter((e) => e.type === 'timer.fired');
      expect(fired).toHaveLength(1);
    }
    await closeOrm(second);
  });
});
