import { compile } from '../compile/compileProcess.js';
import type { ProcessDefinition } from '../definition/types.js';
import { CivicflowError } from '../errors.js';
import { taskPartOf, taskStepId } from './taskParts.js';
import type { AnySnapshot, HistoryEvent, InstanceSnapshot } from './types.js';
import { upgradeSnapshot } from './upgradeSnapshot.js';

/** How the steps of the old version correspond to the new one; unmapped steps keep their id. */
export interface SnapshotMigration {
  steps?: Record<string, string>;
}

function refuse(snapshot: InstanceSnapshot, to: ProcessDefinition, reason: string): never {
  throw new CivicflowError('CF_ENGINE_MIGRATION_REFUSED', { instanceId: snapshot.instanceId, version: to.version, reason });
}

/**
 * Moves a running instance from one version of its definition to another with an explicit
 * mapping of steps. Refuses — with the reason — when an active step, an open task's form or a
 * timer's step has no counterpart in the new version, so an instance is never half-migrated.
 * Returns the new snapshot and the `instance.migrated` history event to append.
 */
export function migrateSnapshot(stored: AnySnapshot, from: ProcessDefinition, to: ProcessDefinition, migration: SnapshotMigration = {}): { snapshot: InstanceSnapshot; event: HistoryEvent } {
  if (stored.definitionId !== from.id || stored.definitionVersion !== from.version) {
    throw new CivicflowError('CF_ENGINE_SNAPSHOT_VERSION_MISMATCH', { snapshotId: stored.definitionId, snapshotVersion: stored.definitionVersion, definitionId: from.id, definitionVersion: from.version });
  }
  const snapshot = upgradeSnapshot(from, stored);
  if (to.id !== from.id) refuse(snapshot, to, `the new definition is ${to.id}, not ${from.id}`);
  if (snapshot.status !== 'active') refuse(snapshot, to, `it has ended (${snapshot.status}); ended cases stay on the version they ran`);
  const target = compile(to);
  const map = (id: string): string => migration.steps?.[id] ?? id;

  // Rename step ids in the state value. Keys below a parallel step are branch ids and keys below a
  // ladder are rung ids: they must exist under the mapped parent in the new version.
  const rename = (value: unknown, parent?: string): unknown => {
    const check = (id: string): string => {
      const parentStep = parent ? target.index.get(parent)?.step : undefined;
      if (parentStep?.kind === 'parallel') {
        if (!parentStep.branches.some((b) => b.id === id)) refuse(snapshot, to, `branch ${id} of ${parent} does not exist in the new version`);
        return id;
      }
      if (parentStep?.kind === 'escalation') {
        if (!parentStep.rungs.some((r) => r.id === id)) refuse(snapshot, to, `rung ${id} of ${parent} does not exist in the new version`);
        return id;
      }
      const mapped = map(id);
      if (!target.index.has(mapped)) refuse(snapshot, to, `the active step ${id} has no counterpart${mapped !== id ? ` (mapped to ${mapped})` : ''}`);
      return mapped;
    };
    if (typeof value === 'string') return check(value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const key = check(k);
      out[key] = rename(v, target.index.has(key) ? key : parent);
    }
    return out;
  };
  const value = rename(snapshot.value);
  const ctx = snapshot.context;
  const tasks = Object.fromEntries(Object.entries(ctx.tasks).map(([id, t]) => {
    const stepId = taskStepId(id, t);
    const mapped = map(stepId);
    const step = target.index.get(mapped)?.step;
    if (!step) refuse(snapshot, to, `open task ${id} belongs to step ${stepId}, which has no counterpart`);
    // The task keeps its id; its title and form become the new version's for its part.
    const part = taskPartOf(step, t.role);
    if (!part) refuse(snapshot, to, `open task ${id} is a task of step ${stepId}${t.role ? ` (part ${t.role})` : ''}, which ${mapped} of the new version has not`);
    if (!to.forms[part.form]) refuse(snapshot, to, `open task ${id} would use form ${part.form}, which the new version lacks`);
    const { stepId: _old, ...record } = t;
    return [id, mapped === taskStepId(id) ? record : { stepId: mapped, ...record }];
  }));
  const timers = Object.fromEntries(Object.entries(ctx.timers).map(([id, t]) => {
    if (!target.index.has(map(t.stepId))) refuse(snapshot, to, `timer ${id} belongs to step ${t.stepId}, which has no counterpart`);
    return [id, { ...t, stepId: map(t.stepId) }];
  }));
  const children = Object.fromEntries(Object.entries(ctx.children).map(([k, c]) => [k, { ...c, stepId: map(c.stepId) }]));
  const steps = Object.fromEntries(Object.entries(ctx.steps).map(([k, v]) => [map(k), v]));
  const migrated: InstanceSnapshot = {
    ...snapshot, definitionVersion: to.version, value, context: { ...ctx, tasks, timers, children, steps },
  };
  // Prove the new version's machine accepts the state before handing it out.
  try {
    target.machine.resolveState({ value: value as never, context: { ...migrated.context, instanceId: migrated.instanceId, journal: [], outbox: [] } as never });
  } catch (e) {
    refuse(snapshot, to, e instanceof Error ? e.message : String(e));
  }
  const event: HistoryEvent = { type: 'instance.migrated', at: ctx.now, data: { fromVersion: from.version, toVersion: to.version, steps: migration.steps ?? {} } };
  return { snapshot: migrated, event };
}
