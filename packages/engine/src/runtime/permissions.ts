import type { ProcessDefinition, ConflictRule, StepDefinition } from '../definition/types.js';
import { CivicflowError } from '../errors.js';
import { isWithin } from '../orgUnits/orgUnitPath.js';
import { evalIn } from '../compile/scope.js';
import type { EventEnv } from '../compile/engineEvent.js';
import type { LocalizedText } from '../i18n.js';
import { taskStepId } from './taskParts.js';
import type { Actor, EngineContext, TaskRecord } from './types.js';

/** What an actor lacks to act on a task: its role, its org unit, or being its named person. */
type EligibilityGap = 'role' | 'orgUnit' | 'person';

function eligibilityGap(actor: Actor, task: Pick<TaskRecord, 'assignee'>): EligibilityGap | null {
  const a = task.assignee;
  if (!actor.roles.includes(a.role)) return 'role';
  if (a.match === 'subtree' ? !isWithin(actor.orgUnit, a.orgUnit) : actor.orgUnit !== a.orgUnit) return 'orgUnit';
  if (a.person !== undefined && actor.personId !== a.person && actor.id !== a.person) return 'person';
  return null;
}

/**
 * True when the actor holds the task's role in the task's org unit (and is the named person, if
 * any), whoever holds the task: who could take it, or be handed it.
 */
export function isEligible(actor: Actor, task: Pick<TaskRecord, 'assignee'>): boolean {
  return eligibilityGap(actor, task) === null;
}

/** True when the task is claimed by someone other than the actor. */
export function isClaimedByOther(actor: Actor, task: Pick<TaskRecord, 'claimedBy'>): boolean {
  return task.claimedBy !== undefined && task.claimedBy !== actor.id;
}

/**
 * True when the actor may act on the task now: eligible (role, unit, person) and the task is not
 * claimed by someone else.
 */
export function canAct(actor: Actor, task: TaskRecord): boolean {
  return isEligible(actor, task) && !isClaimedByOther(actor, task);
}

/** Throws the specific CF_ENGINE_FORBIDDEN_* error when the actor is not eligible for the task (claims aside). */
export function assertEligible(actor: Actor, task: TaskRecord): void {
  const a = task.assignee;
  switch (eligibilityGap(actor, task)) {
    case 'role': throw new CivicflowError('CF_ENGINE_FORBIDDEN_ROLE', { role: a.role });
    case 'orgUnit': throw new CivicflowError('CF_ENGINE_FORBIDDEN_ORG_UNIT', { orgUnit: a.orgUnit, actorUnit: actor.orgUnit });
    case 'person': throw new CivicflowError('CF_ENGINE_FORBIDDEN_PERSON');
    case null: return;
  }
}

/**
 * Throws when the actor may not act on the task: the CF_ENGINE_FORBIDDEN_* error of eligibility
 * first (so that only those who could act learn who holds it), then CF_ENGINE_TASK_CLAIMED.
 */
export function assertCanAct(actor: Actor, taskId: string, task: TaskRecord): void {
  assertEligible(actor, task);
  if (isClaimedByOther(actor, task)) throw taskClaimed(taskId, task);
}

/** CF_ENGINE_TASK_CLAIMED for a task someone holds; `details` name the holder by actor id only. */
export function taskClaimed(taskId: string, task: TaskRecord): CivicflowError {
  return new CivicflowError('CF_ENGINE_TASK_CLAIMED', { taskId, holder: task.claimedBy ?? '—' }, { taskId, holder: task.claimedBy ?? null });
}

/** Why `actor` is not eligible for the task, said about them (a reassignment's target), or null when eligible. */
export function ineligibilityOf(actor: Actor, task: TaskRecord): LocalizedText | null {
  const a = task.assignee;
  switch (eligibilityGap(actor, task)) {
    case 'role': return { 'zh-CN': `${actor.id} 没有 ${a.role} 角色`, en: `${actor.id} does not hold the role ${a.role}` };
    case 'orgUnit': return a.match === 'subtree'
      ? { 'zh-CN': `${actor.id} 所在单位 ${actor.orgUnit} 不在 ${a.orgUnit} 范围内`, en: `${actor.id} works in ${actor.orgUnit}, outside ${a.orgUnit}` }
      : { 'zh-CN': `${actor.id} 所在单位是 ${actor.orgUnit}，不是 ${a.orgUnit}`, en: `${actor.id} works in ${actor.orgUnit}, not in ${a.orgUnit}` };
    case 'person': return { 'zh-CN': `此任务指定由本人办理，${actor.id} 不是指定办理人`, en: `the task names a person and ${actor.id} is not that person` };
    case null: return null;
  }
}

/** The conflict rules that apply to a task of a step. */
export function conflictRulesOf(step: StepDefinition): ConflictRule[] {
  return 'conflicts' in step && step.conflicts ? step.conflicts : [];
}

/**
 * Separation of duties (回避): refuses an actor who is among the persons a rule names (a candidate
 * acting on their own vetting), or whose near relative is (tellers related to a candidate).
 */
export function assertNoConflict(ctx: EngineContext, env: EventEnv, taskId: string, task: TaskRecord, rules: ConflictRule[], form: unknown): void {
  if (rules.length === 0) return;
  const me = env.actor.personId;
  const relatives = new Set(env.actor.relatives ?? []);
  for (const rule of rules) {
    const v = evalIn(ctx, env, taskStepId(taskId, task), rule.persons, { form, task: { id: taskId, meta: task.meta ?? {} } });
    const persons = (Array.isArray(v) ? v : [v]).filter((p): p is string => typeof p === 'string');
    const hit = persons.some((p) => p === me || (rule.includeRelatives === true && relatives.has(p)));
    if (hit) throw new CivicflowError('CF_ENGINE_CONFLICT_OF_INTEREST', { reason: rule.reason.en }, { reason: rule.reason });
  }
}

/** The step definition of a task, from the compiled index. */
export function stepOfTask(def: ProcessDefinition, index: Map<string, { step: StepDefinition }>, taskId: string, task: TaskRecord): StepDefinition {
  const stepId = taskStepId(taskId, task);
  const s = index.get(stepId);
  if (!s) throw new CivicflowError('CF_ENGINE_SNAPSHOT_MALFORMED', { detail: `task ${taskId} names step ${stepId}, unknown in ${def.id}@${def.version}` });
  return s.step;
}
