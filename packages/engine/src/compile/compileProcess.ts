import { createActor, createMachine } from 'xstate';
import type { AnyActorScope, AnyStateMachine } from 'xstate';
import type { ProcessDefinition, StepDefinition } from '../definition/types.js';
import { validateDefinition } from '../definition/validateDefinition.js';
import { CivicflowError } from '../errors.js';
import type { EngineContext } from '../runtime/types.js';
import { indexSteps } from './Compiler.js';
import type { Compiler, IndexedStep } from './Compiler.js';
import type { StartInput } from './engineEvent.js';
import { compileDecision, compileEnd, compileWait } from './kinds/decision.js';
import { compileEscalation } from './kinds/escalation.js';
import { compileJointReview } from './kinds/jointReview.js';
import { compileNotice } from './kinds/notice.js';
import { compileParallel } from './kinds/parallel.js';
import { compileSubprocess } from './kinds/subprocess.js';
import { compileTask } from './kinds/task.js';
import { compileVote } from './kinds/vote.js';
import { act, fuse } from './xstateConfig.js';
import type { NodeConfig } from './xstateConfig.js';

/** A definition compiled to an XState v5 machine, with its step index. */
export interface CompiledProcess {
  definition: ProcessDefinition;
  machine: AnyStateMachine;
  index: Map<string, IndexedStep>;
  /**
   * The actor scope every pure step runs in. XState's `transition()` helper builds a throwaway
   * actor (and the machine's initial state) on every call; our machines spawn no actors and have
   * only plain actions (`act`), so one scope per machine that runs them gives the same results
   * several times faster.
   */
  scope: AnyActorScope;
}

/** Name of the final state a cancelled instance rests in. */
export const CANCELLED_STATE = '__cancelled';

function compileStep(c: Compiler, id: string, step: StepDefinition): NodeConfig {
  switch (step.kind) {
    case 'task': return compileTask(c, id, step);
    case 'jointReview': return compileJointReview(c, id, step);
    case 'vote': return compileVote(c, id, step);
    case 'notice': return compileNotice(c, id, step);
    case 'escalation': return compileEscalation(c, id, step);
    case 'decision': return compileDecision(c, id, step);
    case 'wait': return compileWait(c, id, step);
    case 'parallel': return compileParallel(c, id, step);
    case 'subprocess': return compileSubprocess(c, id, step);
    case 'end': return compileEnd(c, id, step);
  }
}

/** Wraps a kind's node with the bookkeeping every step shares: its id, an entry record, and cleanup on exit. */
function wrapStep(c: Compiler, id: string, step: StepDefinition): NodeConfig {
  const node = compileStep(c, id, step);
  return {
    ...node,
    id,
    entry: fuse([act((tx) => tx.log('step.entered', { stepId: id, data: { kind: step.kind } })), ...fuse(node['entry'])]),
    exit: fuse([...fuse(node['exit']), act((tx, event) => tx.cleanupStep(id, event))]),
  };
}

/** The context of XState's input-less probe init (see `CompiledProcess.scope`); never persisted. */
const PROBE_CONTEXT: EngineContext = {
  instanceId: '', case: { orgUnit: '', startedAt: '', startedBy: '' }, config: {}, data: {},
  tasks: {}, timers: {}, children: {}, steps: {}, seq: 0, now: '', journal: [], outbox: [],
};

function initialContext(input: StartInput | undefined): EngineContext {
  if (!input) return PROBE_CONTEXT;
  return {
    instanceId: input.instanceId,
    case: { orgUnit: input.orgUnit, startedAt: input.now, startedBy: input.actor.id },
    config: input.config,
    data: input.data,
    tasks: {}, timers: {}, children: {}, steps: {},
    seq: 0,
    now: input.now,
    journal: [{ type: 'instance.started', at: input.now, actor: { id: input.actor.id, roles: input.actor.roles, orgUnit: input.actor.orgUnit }, data: { orgUnit: input.orgUnit } }],
    outbox: [],
  };
}

function buildMachine(def: ProcessDefinition): CompiledProcess {
  const index = indexSteps(def);
  const c: Compiler = {
    def, index,
    defaultLevel: (stepId) => {
      const place = index.get(stepId)?.place;
      return place?.region === 'rung' ? place.level : undefined;
    },
    region: (steps, start) => ({
      initial: start,
      states: Object.fromEntries(Object.entries(steps).map(([id, s]) => [id, wrapStep(c, id, s)])),
    }),
  };
  const { states } = c.region(def.steps, def.start);
  const machine = createMachine({
    id: def.id,
    initial: def.start,
    context: ({ input }: { input: StartInput | undefined }) => initialContext(input),
    states: {
      ...states,
      [CANCELLED_STATE]: {
        type: 'final',
        entry: act((tx, event) => {
          const reason = String(event['reason'] ?? '');
          tx.ctx.outcome = { id: 'CANCELLED', title: { 'zh-CN': `已撤销：${reason}`, en: `cancelled: ${reason}` } };
          tx.log('instance.cancelled', { data: { reason } });
          tx.emit({ type: 'instance.ended', outcome: 'CANCELLED', title: tx.ctx.outcome.title });
        }),
      },
    },
    on: { 'cf.cancel': { target: `.${CANCELLED_STATE}` } },
  } as never);
  return { definition: def, machine, index, scope: inertScope(machine) };
}

/**
 * An actor scope that runs the machine's plain actions (`act`) at once, in order, and nothing else:
 * our machines spawn no actors, send no events and use no other built-in action.
 */
function inertScope(machine: AnyStateMachine): AnyActorScope {
  const self = createActor(machine);
  return {
    self, id: '', sessionId: '', system: self.system,
    defer: () => {}, logger: () => {}, stopChild: () => {}, emit: () => {},
    actionExecutor: (action: { exec?: (info: unknown, params: unknown) => void; info: unknown; params: unknown }) => action.exec?.(action.info, action.params),
  } as unknown as AnyActorScope;
}

const byObject = new WeakMap<ProcessDefinition, CompiledProcess>();
const byContent = new Map<string, CompiledProcess>();
const MAX_CACHED = 200;

/**
 * Compiles a definition to an XState v5 machine, cached per id+version and content (a draft edited
 * in the studio's simulator under the same version compiles anew; keeping published versions
 * immutable is the store's job). The definition must be valid: CF_ENGINE_DEFINITION_INVALID
 * carries every problem in `details`.
 */
export function compile(def: ProcessDefinition): CompiledProcess {
  const hit = byObject.get(def);
  if (hit) return hit;
  const key = `${def.id}@${def.version}:${JSON.stringify(def)}`;
  const known = byContent.get(key);
  if (known) {
    byObject.set(def, known);
    return known;
  }
  const problems = validateDefinition(def);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new CivicflowError('CF_ENGINE_DEFINITION_INVALID', { count: errors.length, first: `${errors[0]!.pointer}: ${errors[0]!.message.en}` }, problems);
  }
  const compiled = buildMachine(def);
  byObject.set(def, compiled);
  if (byContent.size >= MAX_CACHED) byContent.delete(byContent.keys().next().value!);
  byContent.set(key, compiled);
  return compiled;
}
