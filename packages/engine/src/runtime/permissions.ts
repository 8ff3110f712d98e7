import type { ProcessDefinition, ConflictRule, StepDefinition } from '../definition/types.js';
import { CivicflowError } from '../errors.js';
import { isWithin } from '../orgUnits/orgUnitPath.js';
import { evalIn } from '../compile/scope.js';
import type { EventEnv } from '../compile/engineEvent.js';
import type { Actor, EngineContext, TaskRecord } from './types.js';

/** True when the actor holds the task's role in the task's org unit (and is the named person, if any). */
export function canAct(actor: Actor, task: TaskRecord): boolean {
  const a = task.assignee;
  if (!actor.roles.includes(a.role)) return false;
  if (a.match === 'subtree' ? !isWithin(actor.orgUnit, a.orgUnit) : actor.orgUnit !== a.orgUnit) return false;
  if (a.person !== undefined && actor.personId !== a.person && actor.id !== a.person) return false;
  return true;
}

/** Throws the specific CF_ENGINE_FORBIDDEN_* error when the actor may not act on the task. */
export function assertCanAct(actor: Actor, task: TaskRecord): void {
  const a = task.assignee;
  if (!actor.roles.includes(a.role)) throw new CivicflowError('CF_ENGINE_FORBIDDEN_ROLE', { role: a.role });
  if (a.match === 'subtree' ? !isWithin(actor.orgUnit, a.orgUnit) : actor.orgUnit !== a.orgUnit) {
    throw new CivicflowError('CF_ENGINE_FORBIDDEN_ORG_UNIT', { orgUnit: a.orgUnit, actorUnit: actor.orgUnit });
  }
  if (a.person !== undefined && actor.personId !== a.person && actor.id !== a.person) throw new CivicflowError('CF_ENGINE_FORBIDDEN_PERSON');
}

/** The conflict rules that apply to a task of a step. */
export function conflictRulesOf(step: StepDefinition): ConflictRule[] {
  return 'conflicts' in step && step.conflicts ? step.conflicts : [];
}

/**
 * Separation of duties (回避): refuses an actor who is among the persons a rule names (a candidate
 * acting on their own vetting), or whose near relative is (tellers related to a candidate).
 */
export function assertNoConflict(ctx: EngineContext, env: EventEnv, task: TaskRecord, rules: ConflictRule[], form: unknown): void {
  if (rules.length === 0) return;
  const me = env.actor.personId;
  const relatives = new Set(env.actor.relatives ?? []);
  for (const rule of rules) {
    const v = evalIn(ctx, env, task.stepId, rule.persons, { form, task: { id: task.id, meta: task.meta ?? {} } });
    const persons = (Array.isArray(v) ? v : [v]).filter((p): p is string => typeof p === 'string');
    const hit = persons.some((p) => p === me || (rule.includeRelatives === true && relatives.has(p)));
    if (hit) throw new CivicflowError('CF_ENGINE_CONFLICT_OF_INTEREST', { reason: rule.reason.en }, { reason: rule.reason });
  }
}

/** The step definition of a task, from the compiled index. */
export function stepOfTask(def: ProcessDefinition, index: Map<string, { step: StepDefinition }>, task: TaskRecord): StepDefinition {
  const s = index.get(task.stepId);
  if (!s) throw new CivicflowError('CF_ENGINE_SNAPSHOT_MALFORMED', { detail: `task ${task.id} names step ${task.stepId}, unknown in ${def.id}@${def.version}` });
  return s.step;
}
