import { taskStepId } from '../runtime/taskParts.js';
import type { EngineContext } from '../runtime/types.js';
import { envOfInit } from './engineEvent.js';
import { txOf } from './Tx.js';
import type { Tx } from './Tx.js';

/**
 * The compiler builds XState configs from data at run time, so their shapes are not known to
 * XState's static types. These loose aliases keep that one looseness in one place.
 */
export type NodeConfig = Record<string, unknown>;
export type TransitionConfig = Record<string, unknown>;
export type GuardArgs = { context: EngineContext; event: { type: string } & Record<string, unknown> };
export type Guard = (args: GuardArgs) => boolean;
export type Action = unknown;

type EditFn = (tx: Tx, event: GuardArgs['event']) => void;
const EDITS = Symbol('civicflow.edits');

/**
 * An XState action that edits the context in place through the step's Tx (see `txOf`). It is a
 * plain action, not an `assign`: XState copies the context and rebuilds the machine snapshot for
 * every assign, while the compiled machine runs in an actor scope that executes plain actions at
 * once, in order (`CompiledProcess.scope`), on a context that belongs to the step alone. The edit
 * functions ride along on the action so that `fuse` can merge a list of them into one action.
 */
export function act(...fns: EditFn[]): Action {
  const action = ({ context, event }: { context: EngineContext; event: GuardArgs['event'] }): void => {
    const env = envOfInit(event);
    if (env === null) return; // XState's probe init while building the actor scope
    const tx = txOf(context, env);
    for (const fn of fns) fn(tx, event);
  };
  (action as unknown as Record<symbol, unknown>)[EDITS] = fns;
  return action;
}

/** Merges actions made by `act` into a single action, in order; other actions are kept as they are. */
export function fuse(actions: unknown): Action[] {
  const list = actions === undefined ? [] : Array.isArray(actions) ? actions : [actions];
  const out: Action[] = [];
  let pending: EditFn[] = [];
  for (const a of list) {
    const fns = (a as Record<symbol, unknown> | null)?.[EDITS] as EditFn[] | undefined;
    if (fns) { pending.push(...fns); continue; }
    if (pending.length) { out.push(act(...pending)); pending = []; }
    out.push(a);
  }
  if (pending.length) out.push(act(...pending));
  return out;
}

export function and(...guards: (Guard | undefined)[]): Guard {
  const gs = guards.filter((g): g is Guard => g !== undefined);
  return (args) => gs.every((g) => g(args));
}

/** Guard: the event completes a task that belongs to `stepId`. */
export function ownsTask(stepId: string, role?: string): Guard {
  return ({ context, event }) => {
    if (event.type !== 'cf.complete') return false;
    const taskId = event['taskId'] as string;
    const t = context.tasks[taskId];
    return t !== undefined && taskStepId(taskId, t) === stepId && (role === undefined || t.role === role);
  };
}

/** Guard: the event fires a timer that belongs to `stepId` (optionally of one purpose). */
export function ownsTimer(stepId: string, purpose?: string): Guard {
  return ({ context, event }) => {
    if (event.type !== 'cf.timer') return false;
    const t = context.timers[event['timerId'] as string];
    return t !== undefined && t.stepId === stepId && (purpose === undefined || t.purpose === purpose);
  };
}

/** The state node id used for a step: step ids are unique across the whole definition. */
export function target(stepId: string): string {
  return `#${stepId}`;
}
