import { describe, expect, it } from 'vitest';
import { CivicflowError, runCommand, startStored } from '../src/index.js';
import { createMemoryStore, describeInstanceStoreContract } from '../src/testing/index.js';
import { actor, VILLAGE } from './support/actors.js';
import { reviewProcess } from './support/definitions.js';
import { requiredFieldsValidator as validator } from './support/requiredFieldsValidator.js';

describeInstanceStoreContract('memory', createMemoryStore, { describe, it, expect: expect as never });

describe('runCommand: one command, one transaction', () => {
  const clerk = actor('u-clerk', ['CLERK'], VILLAGE);
  it('loads, steps and commits; a refused command writes nothing', async () => {
    const store = createMemoryStore();
    const def = reviewProcess();
    const { stored } = await startStored(store, def, { instanceId: 'r-1', orgUnit: VILLAGE }, { now: '2027-05-07T09:00:00+08:00', actor: clerk }, { validator });
    const taskId = Object.keys(stored.snapshot.context.tasks)[0]!;
    await expect(runCommand(store, def, 'r-1', { type: 'complete', taskId, data: { amount: 'x' } }, { now: '2027-05-07T10:00:00+08:00', actor: clerk }, { validator })).rejects.toBeInstanceOf(CivicflowError);
    expect((await store.load('r-1'))!.version).toBe(1);
    const { stored: after } = await runCommand(store, def, 'r-1', { type: 'complete', taskId, data: { amount: 5, reason: 'x' } }, { now: '2027-05-07T10:00:00+08:00', actor: clerk }, { validator });
    expect(after.version).toBe(2);
    expect(after.snapshot.status).toBe('done');
  });
});
