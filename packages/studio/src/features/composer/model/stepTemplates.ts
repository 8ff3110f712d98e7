import type { LadderRung, LocalizedText, ParallelBranch, ProcessDefinition, StepDefinition, StepKind } from '@civicflow/engine';
import { COMPOSER_MESSAGES } from '../composerMessages.js';
import { allStepIds, uniqueStepId } from './draftStructure.js';

const text = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
/** A text the author must still write: validateDefinition asks for it, on the step. */
const TO_WRITE: LocalizedText = text('', '');

/** The default title of a new step of `kind`: the palette's name for it. */
export function kindTitle(kind: StepKind): LocalizedText {
  const { 'zh-CN': zh, en } = COMPOSER_MESSAGES[`composer.kind.${kind}`];
  return text(zh, en);
}

/** Reserves fresh step ids while one template is built (a ladder's rungs hold steps too). */
export interface IdSource {
  next(base: string): string;
}

/** Ids not used in `draft`, each reserved as it is handed out. */
export function idSource(draft: ProcessDefinition): IdSource {
  const taken = allStepIds(draft);
  return {
    next(base) {
      const id = uniqueStepId(taken, base);
      taken.add(id);
      return id;
    },
  };
}

function endStep(outcome: string, title: LocalizedText): StepDefinition {
  return { kind: 'end', title, outcome };
}

/** A new branch of a parallel step: one end step, so that it can finish. */
export function branchTemplate(id: string, title: LocalizedText, ids: IdSource): ParallelBranch {
  const end = ids.next(`${id}Done`);
  return { id, title, start: end, steps: { [end]: endStep('done', text('分支完成', 'branch done')) } };
}

/**
 * A new rung of an escalation ladder at `level`: one end step (resolved at this level) and a
 * deadline after which the case moves up (`$escalate`), with its basis still to be written.
 */
export function rungTemplate(id: string, level: string, title: LocalizedText, ids: IdSource): LadderRung {
  const end = ids.next(`${id}Resolved`);
  return {
    id, title, level, start: end,
    steps: { [end]: endStep('resolved', text('已化解', 'resolved')) },
    deadline: { duration: { days: 30 }, basis: TO_WRITE, onExpiry: { goto: '$escalate' } },
  };
}

/**
 * A new step of `kind` that needs as little as possible before it is valid: a title (the kind's
 * name), the draft's first role where a role is needed (forms are left to choose: a task should
 * not silently share another step's form), no routes yet, and texts the author must write (a
 * deadline's basis) left empty so that validateDefinition points at them.
 */
export function stepTemplate(kind: StepKind, id: string, draft: ProcessDefinition, ids: IdSource): StepDefinition {
  const title = kindTitle(kind);
  const role = Object.keys(draft.roles ?? {})[0] ?? '';
  switch (kind) {
    case 'task':
      return { kind, title, form: '', assignee: { role }, next: [] };
    case 'jointReview':
      return {
        kind, title, form: '', reviewers: [{ id: 'reviewer1', title: text('审查单位一', 'reviewer 1') }], assignee: { role },
        decisionField: 'decision', approveValues: ['PASS'], rejectValues: ['FLAG'], join: { rule: 'all' },
        next: { approved: [], rejected: [] },
      };
    case 'vote': {
      const majority = { ratio: '1/2', strict: true };
      return {
        kind, title, mode: 'resolution', form: '', assignee: { role },
        resolution: { dimensions: ['persons'], quorum: [{ dimension: 'persons', threshold: majority }], pass: [{ dimension: 'persons', threshold: majority, base: 'participating' }] },
        next: { result: [], invalid: [] },
      };
    }
    case 'notice':
      return { kind, title, period: { days: 5 }, basis: TO_WRITE, next: [] };
    case 'escalation':
      return {
        kind, title,
        rungs: [rungTemplate('village', 'village', text('村级', 'village'), ids), rungTemplate('town', 'town', text('镇级', 'town'), ids)],
        next: [], exhausted: [],
      };
    case 'decision':
      return { kind, title, next: [] };
    case 'wait':
      return { kind, title, duration: { days: 1 }, basis: TO_WRITE, next: [] };
    case 'parallel':
      return { kind, title, branches: [branchTemplate('branch1', text('分支一', 'branch 1'), ids), branchTemplate('branch2', text('分支二', 'branch 2'), ids)], join: 'all', next: [] };
    case 'subprocess':
      return { kind, title, definition: { id: '' }, next: [] };
    case 'end':
      return endStep(id, title);
  }
}

/**
 * The draft a new process starts from: valid but for its id, which the author must set
 * (lower-case words joined by dashes). One role, one form with one field, a task and an end.
 */
export function newDefinition(): ProcessDefinition {
  return {
    schemaVersion: 1,
    id: '',
    version: 1,
    title: text('新流程', 'new process'),
    roles: { HANDLER: { title: text('经办人', 'handler') } },
    forms: {
      handleForm: {
        title: text('办理表单', 'handling form'),
        schema: { type: 'object', properties: { opinion: { type: 'string', title: '办理意见' } } },
      },
    },
    start: 'task1',
    steps: {
      task1: { kind: 'task', title: text('办理', 'handle'), form: 'handleForm', assignee: { role: 'HANDLER' }, next: 'end1' },
      end1: { kind: 'end', title: text('办结', 'done'), outcome: 'DONE' },
    },
  };
}
