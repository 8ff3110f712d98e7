import type { StepDefinition, StepKind } from '@civicflow/engine';
import { defineCommand } from './composerCommand.js';
import type { ComposerCommand } from './composerCommand.js';
import { bilingual, refuse } from './composerEditError.js';
import { STEP_WORDS, checkFreeId, checkNameId, requireRegion, requireStep } from './draftChecks.js';
import { allStepIds, nestedStepIds, sameRegion, toPointer } from './draftStructure.js';
import type { RegionRef } from './draftStructure.js';
import type { Patch, Path } from './patches.js';
import { defaultRoutePatches, referenceRemovalPatches } from './routeCommands.js';
import { ROUTE_OUTCOMES, defaultRouteIndex, outcomePath, routesOf, stepReferences } from './routes.js';
import { idSource, stepTemplate } from './stepTemplates.js';
import { deepEqual, withValueAt } from './values.js';

/** Options of {@link addStep}. */
export interface AddStepOptions {
  /** The new step's id; default: the kind and a number (`task2`). */
  id?: string | undefined;
  /**
   * A step of the same region to insert the new one after: `after` now goes to the new step, and
   * the new step goes where `after` went (on its first outcome, when no guard applies).
   */
  after?: string | undefined;
}

/**
 * Adds a step of `kind`, from its template (see `stepTemplate`), to `region` (the top level, a
 * parallel branch or a ladder rung).
 *
 * @example composer.execute(addStep(ROOT_REGION, 'task', { after: 'task1' }))
 */
export function addStep(region: RegionRef, kind: StepKind, options: AddStepOptions = {}): ComposerCommand {
  return defineCommand('addStep', (draft) => {
    const target = requireRegion(draft, region);
    const ids = idSource(draft);
    let id: string;
    if (options.id !== undefined) {
      id = options.id;
      const pointer = toPointer([...target.path, 'steps', id]);
      checkNameId(id, STEP_WORDS, pointer);
      checkFreeId(id, allStepIds(draft), STEP_WORDS, pointer);
      ids.next(id); // reserved, so that a template's inner steps do not take it
    } else {
      id = ids.next(kind);
    }
    let step: StepDefinition = stepTemplate(kind, id, draft, ids);
    const stepPath: Path = [...target.path, 'steps', id];
    const patches: Patch[] = [];
    if (options.after !== undefined) {
      const after = requireStep(draft, options.after);
      if (!sameRegion(after.region.ref, region)) {
        refuse('CF_COMPOSER_TARGET_OUTSIDE_REGION', bilingual(`步骤 ${after.id} 不在要添加的区域中`, `step ${after.id} is not in the region the step is added to`),
          bilingual('选中同一区域中的步骤再添加', 'select a step of the same region, then add'), toPointer(after.path));
      }
      const outcome = ROUTE_OUTCOMES[after.step.kind][0];
      if (outcome !== undefined) {
        const routes = routesOf(after.step, outcome);
        const onward = routes[defaultRouteIndex(routes)]?.to;
        const ownOutcome = ROUTE_OUTCOMES[kind][0];
        if (onward !== undefined && ownOutcome !== undefined) {
          step = withValueAt(step, outcomePath(kind, ownOutcome), kind === 'decision' ? [{ to: onward }] : onward) as StepDefinition;
        }
        patches.push(...defaultRoutePatches(after, outcome, id));
      }
    }
    return [{ op: 'set', path: stepPath, value: step }, ...patches];
  });
}

/**
 * Deletes a step (with what its branches or rungs hold). Routes and deadline `goto`s that lead to
 * it are deleted too, so the draft never points at a step that is gone; a step that was left with
 * no route then shows "no route" until a new one is chosen. The first step of a region cannot be
 * deleted: make another step the start first (the region would have no beginning).
 */
export function deleteStep(id: string): ComposerCommand {
  return defineCommand('deleteStep', (draft) => {
    const loc = requireStep(draft, id);
    if (loc.region.start === id) {
      refuse('CF_COMPOSER_DELETE_START', bilingual(`步骤 ${id} 是起始步骤，不能删除`, `step ${id} is the start step, so it cannot be deleted`),
        bilingual('先把另一个步骤设为起始步骤，再删除它', 'make another step the start step first, then delete this one'), toPointer(loc.path));
    }
    const removed = new Set(nestedStepIds(loc.step, id));
    return [...referenceRemovalPatches(draft, removed, [loc.path]), { op: 'delete', path: loc.path }];
  });
}

/** Gives a step a new id; every route, deadline `goto` and start that named it follows. */
export function renameStep(id: string, newId: string): ComposerCommand {
  return defineCommand('renameStep', (draft) => {
    const loc = requireStep(draft, id);
    if (newId === id) return [];
    const pointer = toPointer(loc.path);
    checkNameId(newId, STEP_WORDS, pointer);
    checkFreeId(newId, allStepIds(draft), STEP_WORDS, pointer);
    // References first: their paths may pass through the step itself (a route back to itself).
    const patches: Patch[] = stepReferences(draft).filter((r) => r.to === id).map((ref): Patch => {
      switch (ref.kind) {
        case 'plain':
        case 'start':
          return { op: 'set', path: ref.path, value: newId };
        case 'route':
          return { op: 'set', path: [...ref.path, 'to'], value: newId };
        case 'expiry':
          return { op: 'set', path: [...ref.path, 'goto'], value: newId };
      }
    });
    return [...patches, { op: 'rename', path: loc.path.slice(0, -1), from: id, to: newId }];
  });
}

/** Makes step `id` the first step of its region (the process, a branch or a rung). */
export function setStart(id: string): ComposerCommand {
  return defineCommand('setStart', (draft) => {
    const loc = requireStep(draft, id);
    return loc.region.start === id ? [] : [{ op: 'set', path: [...loc.region.path, 'start'], value: id }];
  });
}

/** Members that have commands of their own (routes, branches, rungs) or must not change (kind). */
const RESERVED_STEP_MEMBERS: Readonly<Record<string, { zh: string; en: string }>> = {
  kind: { zh: '步骤类型不能修改；删除后添加另一类型的步骤', en: 'a step\'s kind cannot change; delete it and add a step of the other kind' },
  next: { zh: '用“下一步”和去向命令修改去向', en: 'change routes with the "next step" and route commands' },
  exhausted: { zh: '用“下一步”和去向命令修改去向', en: 'change routes with the "next step" and route commands' },
  branches: { zh: '用分支命令添加、删除或修改分支', en: 'add, remove or change branches with the branch commands' },
  rungs: { zh: '用层级命令添加、删除或修改层级', en: 'add, remove or change rungs with the rung commands' },
};

/**
 * Sets, or with `undefined` clears, a property of a step at `path` (relative to the step), e.g.
 * `['title']`, `['assignee', 'role']`, `['deadline', 'duration']`, `['join', 'count']`,
 * `['reviewers', 1]`. Missing objects on the way are created. Routes, branches and rungs have
 * their own commands; the kind never changes. A new member is written before `next`, where people
 * expect it when reading the JSON.
 *
 * @example composer.execute(setStepProperty('review', ['deadline'], { duration: { workingDays: 5 }, basis }))
 */
export function setStepProperty(id: string, path: Path, value: unknown): ComposerCommand {
  return defineCommand('setStepProperty', (draft) => {
    const loc = requireStep(draft, id);
    const [member] = path;
    if (typeof member !== 'string' || Object.hasOwn(RESERVED_STEP_MEMBERS, member)) {
      const why = (typeof member === 'string' && RESERVED_STEP_MEMBERS[member]) || { zh: '请指明要修改的属性', en: 'name the property to change' };
      refuse('CF_COMPOSER_PROPERTY_RESERVED', bilingual(`不能这样修改步骤 ${id} 的 ${String(member ?? '')}`, `step ${id}: ${String(member ?? '')} cannot be changed this way`),
        bilingual(why.zh, why.en), toPointer([...loc.path, ...path]));
    }
    const step = loc.step as unknown as Record<string, unknown>;
    const before = step[member];
    const after = withValueAt(before, path.slice(1), value);
    if (deepEqual(before, after) && (after !== undefined) === Object.hasOwn(step, member)) return [];
    const memberPath = [...loc.path, member];
    if (after === undefined) return Object.hasOwn(step, member) ? [{ op: 'delete', path: memberPath }] : [];
    if (Object.hasOwn(step, member)) return [{ op: 'set', path: memberPath, value: after }];
    const keys = Object.keys(step);
    const next = keys.indexOf('next');
    return [{ op: 'set', path: memberPath, value: after, ...(next >= 0 ? { position: next } : {}) }];
  });
}

