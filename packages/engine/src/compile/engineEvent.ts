import type { HolidayCalendar, Instant } from '../calendar/index.js';
import type { Actor } from '../runtime/types.js';

/** What every event sent to a compiled machine carries: the command's clock, actor and calendar. */
export interface EventEnv {
  now: Instant;
  actor: Actor;
  calendar: HolidayCalendar;
}

/** Input of the initial transition (`xstate.init`). */
export interface StartInput extends EventEnv {
  instanceId: string;
  orgUnit: string;
  data: Record<string, unknown>;
  config: Record<string, unknown>;
}

/** The XState events of a compiled machine. Commands from `step` are translated into these. */
export type EngineEvent =
  | ({ type: 'cf.complete'; taskId: string; data: Record<string, unknown> } & EventEnv)
  | ({ type: 'cf.timer'; timerId: string } & EventEnv)
  | ({ type: 'cf.child'; key: string; outcome: string; output?: unknown } & EventEnv)
  | ({ type: 'cf.cancel'; reason: string } & EventEnv);

/**
 * The env of any event, including XState's init event whose env is in `input`. Null for the
 * input-less init XState runs once when it builds the actor scope a machine is stepped in.
 */
export function envOfInit(event: unknown): EventEnv | null {
  const e = event as { type: string; input?: StartInput };
  if (e.type !== 'xstate.init') return envOf(event);
  return e.input ?? null;
}

/** The env of any event, including XState's init event whose env is in `input`. */
export function envOf(event: unknown): EventEnv {
  const e = event as { type: string; input?: StartInput } & Partial<EventEnv>;
  if (e.type === 'xstate.init' && e.input) return e.input;
  if (e.now === undefined || e.actor === undefined || e.calendar === undefined) {
    throw new Error(`engine event ${e.type} is missing now/actor/calendar`);
  }
  return e as EventEnv;
}
