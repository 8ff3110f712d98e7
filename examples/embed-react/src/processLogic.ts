import { fromTransition } from 'xstate';
import { isCivicflowError, startInstance, step } from '@civicflow/engine';
import type { Actor, Command, Effect, EngineOptions, HistoryEvent, InstanceSnapshot, LocalizedText, ProcessDefinition, StartOptions } from '@civicflow/engine';

/** What the actor holds: the engine's snapshot (plain JSON: store it anywhere), the history, the last step's effects, the last refusal. */
export interface ProcessState {
  snapshot: InstanceSnapshot;
  history: HistoryEvent[];
  effects: Effect[];
  refusal: { code: string; message: LocalizedText } | null;
}

/** One engine command, with the time and the person it comes from: the host's clock, never the engine's. */
export interface ProcessEvent {
  type: 'command';
  command: Command;
  now: string;
  actor: Actor;
}

/** How the case starts: the engine's start options, and when and by whom. */
export interface ProcessInput {
  start: StartOptions;
  now: string;
  actor: Actor;
}

/**
 * The engine's pure step as XState actor logic, for `useActor` (@xstate/react) or `createActor`.
 *
 * `compile(definition)` is an XState machine too, but it is the engine's inside: its events skip
 * the checks `step` makes (who may act, the form's validation, the step's rules) and it returns no
 * effects. `step` is already a pure transition — (snapshot, command) → next snapshot — which is
 * exactly what `fromTransition` takes. A command the engine refuses changes nothing but `refusal`.
 */
export function processLogic(definition: ProcessDefinition, options: EngineOptions) {
  return fromTransition(
    (state: ProcessState, event: ProcessEvent): ProcessState => {
      try {
        const result = step(definition, state.snapshot, event.command, { now: event.now, actor: event.actor }, options);
        return { snapshot: result.snapshot, history: [...state.history, ...result.events], effects: result.effects, refusal: null };
      } catch (error) {
        if (!isCivicflowError(error)) throw error;
        return { ...state, refusal: { code: error.code, message: error.localized } };
      }
    },
    ({ input }: { input: ProcessInput }): ProcessState => {
      const result = startInstance(definition, input.start, { now: input.now, actor: input.actor }, options);
      return { snapshot: result.snapshot, history: result.events, effects: result.effects, refusal: null };
    },
  );
}
