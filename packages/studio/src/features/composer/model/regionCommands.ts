import type { EscalationStep, LocalizedText, ParallelStep } from '@civicflow/engine';
import { defineCommand } from './composerCommand.js';
import type { ComposerCommand } from './composerCommand.js';
import { bilingual, refuse } from './composerEditError.js';
import { checkFreeId, checkNameId, requireStep } from './draftChecks.js';
import { nestedStepIds, toPointer } from './draftStructure.js';
import type { StepLocation } from './draftStructure.js';
import type { Path } from './patches.js';
import { referenceRemovalPatches } from './routeCommands.js';
import { branchTemplate, idSource, rungTemplate } from './stepTemplates.js';
import { deepEqual, withValueAt } from './values.js';

/** The levels of a ladder in the order a case climbs them, with a rung's default title. */
export const LADDER_LEVELS: readonly { level: string; title: LocalizedText }[] = [
  { level: 'village', title: { 'zh-CN': '村级', en: 'village' } },
  { level: 'town', title: { 'zh-CN': '镇级', en: 'town' } },
  { level: 'county', title: { 'zh-CN': '县级', en: 'county' } },
  { level: 'court', title: { 'zh-CN': '法院', en: 'court' } },
];

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

type GroupLocation = StepLocation & { step: ParallelStep | EscalationStep };

function requireGroup(location: StepLocation): GroupLocation {
  if (location.step.kind !== 'parallel' && location.step.kind !== 'escalation') {
    refuse('CF_COMPOSER_REGION_NOT_FOUND', bilingual(`步骤 ${location.id} 没有分支或层级`, `step ${location.id} has no branches or rungs`),
      bilingual('只有并行办理和逐级调处步骤有分支或层级', 'only parallel and escalation steps have branches or rungs'), toPointer(location.path));
  }
  return location as GroupLocation;
}

function regionsOf(group: GroupLocation): { list: { id: string }[]; member: 'branches' | 'rungs'; words: { zh: string; en: string } } {
  return group.step.kind === 'parallel'
    ? { list: group.step.branches, member: 'branches', words: { zh: '分支', en: 'branch' } }
    : { list: group.step.rungs, member: 'rungs', words: { zh: '层级', en: 'rung' } };
}

function requireRegionIndex(group: GroupLocation, regionId: string): number {
  const { list, member, words } = regionsOf(group);
  const index = list.findIndex((r) => r.id === regionId);
  if (index < 0) {
    refuse('CF_COMPOSER_REGION_NOT_FOUND', bilingual(`步骤 ${group.id} 没有${words.zh} ${regionId}`, `step ${group.id} has no ${words.en} ${regionId}`),
      bilingual(`选择一个现有${words.zh}`, `choose an existing ${words.en}`), toPointer([...group.path, member]));
  }
  return index;
}

/**
 * Adds a branch to a parallel step, or a rung to an escalation ladder (the next level up that the
 * ladder does not have yet: village → town → county → court), each holding one end step so that
 * it can finish; a rung also gets a deadline that moves the case up.
 */
export function addRegion(owner: string, options: { id?: string | undefined } = {}): ComposerCommand {
  return defineCommand('addRegion', (draft) => {
    const group = requireGroup(requireStep(draft, owner));
    const { list, member, words } = regionsOf(group);
    const taken = new Set(list.map((r) => r.id));
    const ids = idSource(draft);
    const path: Path = [...group.path, member, list.length];
    if (group.step.kind === 'parallel') {
      let n = list.length + 1;
      while (taken.has(`branch${n}`)) n += 1;
      const id = options.id ?? `branch${n}`;
      checkNameId(id, words, toPointer(path));
      checkFreeId(id, taken, words, toPointer(path));
      const title = { 'zh-CN': `分支${CHINESE_NUMBERS[n - 1] ?? n}`, en: `branch ${n}` };
      return [{ op: 'insert', path, value: branchTemplate(id, title, ids) }];
    }
    const levels = new Set(group.step.rungs.map((r) => r.level));
    const next = LADDER_LEVELS.find((l) => !levels.has(l.level) && !taken.has(l.level));
    let n = list.length + 1;
    while (taken.has(`rung${n}`)) n += 1;
    const id = options.id ?? next?.level ?? `rung${n}`;
    checkNameId(id, words, toPointer(path));
    checkFreeId(id, taken, words, toPointer(path));
    return [{ op: 'insert', path, value: rungTemplate(id, next?.level ?? id, next?.title ?? { 'zh-CN': `第${n}级`, en: `rung ${n}` }, ids) }];
  });
}

/**
 * Removes a branch or rung with its steps (routes into them from elsewhere go too). The last one
 * stays: a parallel step needs a branch and a ladder a rung; delete the step instead.
 */
export function removeRegion(owner: string, regionId: string): ComposerCommand {
  return defineCommand('removeRegion', (draft) => {
    const group = requireGroup(requireStep(draft, owner));
    const index = requireRegionIndex(group, regionId);
    const { list, member, words } = regionsOf(group);
    const path: Path = [...group.path, member, index];
    if (list.length === 1) {
      refuse('CF_COMPOSER_LAST_REGION', bilingual(`不能删除唯一的${words.zh} ${regionId}`, `the only ${words.en} ${regionId} cannot be removed`),
        bilingual(`先添加另一个${words.zh}，或删除整个步骤 ${owner}`, `add another ${words.en} first, or delete the whole step ${owner}`), toPointer(path));
    }
    const region = list[index] as { steps?: Record<string, never> };
    const removed = new Set(Object.entries(region.steps ?? {}).flatMap(([id, step]) => nestedStepIds(step, id)));
    return [...referenceRemovalPatches(draft, removed, [path]), { op: 'remove', path }];
  });
}

/**
 * Sets, or with `undefined` clears, a property of a branch or rung at `path` (relative to it):
 * `['title']`, `['level']`, `['deadline', 'duration']`, `['escalateWhen']`, or `['id']` (checked:
 * letters, digits and `_`, unique in its step). Its steps and start have commands of their own.
 */
export function setRegionProperty(owner: string, regionId: string, path: Path, value: unknown): ComposerCommand {
  return defineCommand('setRegionProperty', (draft) => {
    const group = requireGroup(requireStep(draft, owner));
    const index = requireRegionIndex(group, regionId);
    const { list, member: listMember, words } = regionsOf(group);
    const regionPath: Path = [...group.path, listMember, index];
    const [member] = path;
    if (typeof member !== 'string' || member === 'steps' || member === 'start') {
      refuse('CF_COMPOSER_PROPERTY_RESERVED', bilingual(`不能这样修改${words.zh} ${regionId} 的 ${String(member ?? '')}`, `${words.en} ${regionId}: ${String(member ?? '')} cannot be changed this way`),
        bilingual('用添加步骤、删除步骤和“设为起始步骤”修改其中的步骤', 'change its steps with add step, delete step and "make start step"'), toPointer([...regionPath, ...path]));
    }
    if (member === 'id') {
      if (path.length !== 1 || typeof value !== 'string') {
        refuse('CF_COMPOSER_INVALID_ID', bilingual(`${words.zh}标识必须是文字`, `a ${words.en} id must be text`), bilingual('如 village', 'e.g. village'), toPointer([...regionPath, 'id']));
      }
      if (value === regionId) return [];
      checkNameId(value, words, toPointer([...regionPath, 'id']));
      checkFreeId(value, new Set(list.map((r) => r.id)), words, toPointer([...regionPath, 'id']));
    }
    const region = list[index] as unknown as Record<string, unknown>;
    const before = region[member];
    const after = withValueAt(before, path.slice(1), value);
    const memberPath = [...regionPath, member];
    if (after === undefined) return Object.hasOwn(region, member) ? [{ op: 'delete', path: memberPath }] : [];
    if (deepEqual(before, after) && Object.hasOwn(region, member)) return [];
    return [{ op: 'set', path: memberPath, value: after }];
  });
}
