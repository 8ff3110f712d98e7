import type { ProcessDefinition } from '../definition/types.js';
import { CivicflowError } from '../errors.js';
import { startInstance, step } from '../runtime/engine.js';
import type { EngineOptions, StartOptions } from '../runtime/engine.js';
import type { Command, StepContext, StepResult } from '../runtime/types.js';
import type { InstanceStore, StoredInstance } from './InstanceStore.js';

/** Starts an instance and stores it. */
export async function startStored(store: InstanceStore, definition: ProcessDefinition, start: StartOptions, ctx: StepContext, options: EngineOptions): Promise<{ stored: StoredInstance; result: StepResult }> {
  const result = startInstance(definition, start, ctx, options);
  return { stored: await store.create(result.snapshot, result.events, result.effects), result };
}

/**
 * One command as one transaction: load → pure step → commit with the loaded version. A refused
 * command throws before anything is written; a concurrent change throws CF_ENGINE_STORE_CONFLICT.
 */
export async function runCommand(
  store: InstanceStore, definition: ProcessDefinition, instanceId: string, command: Command, ctx: StepContext, options: EngineOptions,
): Promise<{ stored: StoredInstance; result: StepResult }> {
  const loaded = await store.load(instanceId);
  if (!loaded) throw new CivicflowError('CF_ENGINE_STORE_NOT_FOUND', { instanceId });
  const result = step(definition, loaded.snapshot, command, ctx, options);
  if (result.snapshot === loaded.snapshot) return { stored: loaded, result }; // nothing to do (a timer already fired)
  return { stored: await store.commit(instanceId, loaded.version, result.snapshot, result.events, result.effects), result };
}
