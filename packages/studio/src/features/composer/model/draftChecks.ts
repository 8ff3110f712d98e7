import type { ProcessDefinition } from '@civicflow/engine';
import { bilingual, refuse } from './composerEditError.js';
import { findRegion, locateStep, sameRegion, toPointer } from './draftStructure.js';
import type { RegionInfo, RegionRef, StepLocation } from './draftStructure.js';

/** Step, branch, rung, role and form ids: a letter, then letters, digits and `_` (the engine's rule for step ids). */
export const NAME_ID = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** A process id: lower-case words (letters and digits) joined by single dashes, 2–64 characters. */
export const DEFINITION_ID = /^(?=.{2,64}$)[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The step `id`, or a refusal naming it. */
export function requireStep(draft: ProcessDefinition, id: string): StepLocation {
  return locateStep(draft, id) ?? refuse('CF_COMPOSER_STEP_NOT_FOUND', bilingual(`没有步骤 ${id}`, `there is no step ${id}`),
    bilingual('从流程图或步骤列表中选择一个现有步骤', 'choose an existing step in the diagram or the step list'));
}

/** The region `ref`, or a refusal naming it. */
export function requireRegion(draft: ProcessDefinition, ref: RegionRef): RegionInfo {
  return findRegion(draft, ref) ?? refuse('CF_COMPOSER_REGION_NOT_FOUND',
    bilingual(`步骤 ${ref?.owner ?? ''} 没有分支或层级 ${ref?.region ?? ''}`, `step ${ref?.owner ?? ''} has no branch or rung ${ref?.region ?? ''}`),
    bilingual('选择一个现有的分支或层级', 'choose an existing branch or rung'));
}

/** Refuses a name id (step, branch, rung, role, form) that breaks {@link NAME_ID}; `what` names it in both languages. */
export function checkNameId(id: string, what: { zh: string; en: string }, pointer: string): void {
  if (!NAME_ID.test(id)) {
    refuse('CF_COMPOSER_INVALID_ID', bilingual(`${what.zh}标识“${id}”不正确`, `the ${what.en} id "${id}" is not valid`),
      bilingual('以英文字母开头，只用英文字母、数字和下划线，最多 64 个字符，如 villageReview', 'start with a letter and use only letters, digits and "_", at most 64 characters, e.g. villageReview'), pointer);
  }
}

/** Refuses `id` when `taken` already has it. */
export function checkFreeId(id: string, taken: ReadonlySet<string>, what: { zh: string; en: string }, pointer: string): void {
  if (taken.has(id)) {
    refuse('CF_COMPOSER_DUPLICATE_ID', bilingual(`已有${what.zh}“${id}”`, `there already is a ${what.en} "${id}"`),
      bilingual(`换一个${what.zh}标识；${what.zh === '步骤' ? '步骤标识在整个流程中必须唯一' : '标识不能重复'}`, `choose another id; ${what.en === 'step' ? 'step ids are unique across the whole process' : 'ids must not repeat'}`), pointer);
  }
}

/** Refuses a route from `from` to `to` unless `to` is a step of the same region. */
export function checkTarget(draft: ProcessDefinition, from: StepLocation, to: string): void {
  const target = locateStep(draft, to);
  const pointer = toPointer(from.path);
  if (!target) {
    refuse('CF_COMPOSER_TARGET_NOT_FOUND', bilingual(`去向步骤 ${to} 不存在`, `the target step ${to} does not exist`),
      bilingual('从“下一步”列表中选择一个现有步骤', 'choose an existing step from the "next step" list'), pointer);
  }
  if (!sameRegion(target.region.ref, from.region.ref)) {
    refuse('CF_COMPOSER_TARGET_OUTSIDE_REGION', bilingual(`步骤 ${from.id} 不能去往另一区域中的 ${to}`, `step ${from.id} cannot go to ${to}, which is in another region`),
      bilingual('分支或层级内的步骤只能去往同一分支或层级中的步骤；用结束步骤离开分支或层级', 'steps in a branch or rung may only go to steps of the same branch or rung; leave it through an end step'), pointer);
  }
}

export const STEP_WORDS = { zh: '步骤', en: 'step' };
