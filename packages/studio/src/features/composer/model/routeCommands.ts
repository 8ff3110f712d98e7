import type { ProcessDefinition, StepKind, Transition } from '@civicflow/engine';
import { defineCommand } from './composerCommand.js';
import type { ComposerCommand } from './composerCommand.js';
import { bilingual, refuse } from './composerEditError.js';
import { checkTarget, requireStep } from './draftChecks.js';
import { toPointer } from './draftStructure.js';
import type { StepLocation } from './draftStructure.js';
import { getAt } from './patches.js';
import type { Patch, Path } from './patches.js';
import { OPTIONAL_OUTCOMES, ROUTE_OUTCOMES, defaultRouteIndex, outcomePath, routesOf, stepReferences } from './routes.js';
import type { RouteOutcome } from './routes.js';

function requireOutcome(loc: StepLocation, outcome: RouteOutcome): Path {
  if (!ROUTE_OUTCOMES[loc.step.kind].includes(outcome)) {
    const known = ROUTE_OUTCOMES[loc.step.kind];
    refuse('CF_COMPOSER_NO_OUTCOME',
      bilingual(`步骤 ${loc.id}（${loc.step.kind}）没有“${outcome}”去向`, `step ${loc.id} (${loc.step.kind}) has no "${outcome}" route`),
      known.length === 0
        ? bilingual('结束步骤没有去向', 'an end step has no routes')
        : bilingual(`这类步骤的去向：${known.join('、')}`, `this kind of step routes on: ${known.join(', ')}`), toPointer(loc.path));
  }
  return [...loc.path, ...outcomePath(loc.step.kind, outcome)];
}

function requireRoute(loc: StepLocation, outcome: RouteOutcome, index: number): Transition {
  const route = routesOf(loc.step, outcome)[index];
  if (!route) {
    refuse('CF_COMPOSER_ROUTE_NOT_FOUND', bilingual(`步骤 ${loc.id} 没有第 ${index + 1} 条“${outcome}”去向`, `step ${loc.id} has no "${outcome}" route number ${index + 1}`),
      bilingual('从去向列表中选择一条现有去向', 'choose an existing route from the list'), toPointer([...loc.path, ...outcomePath(loc.step.kind, outcome)]));
  }
  return route;
}

/** A plain step id where the kind allows it; a decision's routes are always a list. */
function plainRoute(kind: StepKind, to: string): string | Transition[] {
  return kind === 'decision' ? [{ to }] : to;
}

/**
 * The patches that make the default route (the one without a guard) of `outcome` go to `to`, or
 * remove it when `to` is undefined. Guarded routes are left as they are.
 */
export function defaultRoutePatches(loc: StepLocation, outcome: RouteOutcome, to: string | undefined): Patch[] {
  const at = [...loc.path, ...outcomePath(loc.step.kind, outcome)];
  const current = getAt(loc.step, outcomePath(loc.step.kind, outcome));
  if (!Array.isArray(current) || current.length === 0) {
    if (to === undefined) {
      if (typeof current !== 'string') return [];
      return OPTIONAL_OUTCOMES.has(outcome) ? [{ op: 'delete', path: at }] : [{ op: 'set', path: at, value: [] }];
    }
    return current === to ? [] : [{ op: 'set', path: at, value: plainRoute(loc.step.kind, to) }];
  }
  const routes = current as Transition[];
  const index = defaultRouteIndex(routes);
  if (index >= 0) {
    if (to === undefined) return [{ op: 'remove', path: [...at, index] }];
    return routes[index]!.to === to ? [] : [{ op: 'set', path: [...at, index, 'to'], value: to }];
  }
  return to === undefined ? [] : [{ op: 'insert', path: [...at, routes.length], value: { to } }];
}

function planSetNext(draft: ProcessDefinition, from: string, outcome: RouteOutcome, to: string | undefined): Patch[] {
  const loc = requireStep(draft, from);
  requireOutcome(loc, outcome);
  if (to !== undefined) checkTarget(draft, loc, to);
  return defaultRoutePatches(loc, outcome, to);
}

/**
 * Sets where step `from` goes on `outcome` when no guard applies (下一步): a plain step id, or
 * the last, unguarded route of a list; `undefined` removes that route. The target must be a step
 * of the same region (branches and rungs are left through their end steps).
 *
 * @example composer.execute(setNext('review', 'approved', 'publish'))
 */
export function setNext(from: string, outcome: RouteOutcome, to: string | undefined): ComposerCommand {
  return defineCommand('setNext', (draft) => planSetNext(draft, from, outcome, to));
}

/** The routes of `outcome` as a list in the document: a plain step id becomes `[{ to }]` first. */
function asListPatches(loc: StepLocation, at: Path): Patch[] {
  const current = getAt(loc.step, at.slice(loc.path.length));
  if (typeof current === 'string') return [{ op: 'set', path: at, value: [{ to: current }] }];
  if (current === undefined) return [{ op: 'set', path: at, value: [] }];
  return [];
}

function planAddRoute(draft: ProcessDefinition, from: string, outcome: RouteOutcome, route: { when?: string | undefined; to: string }, index?: number): Patch[] {
  const loc = requireStep(draft, from);
  const at = requireOutcome(loc, outcome);
  checkTarget(draft, loc, route.to);
  const routes = routesOf(loc.step, outcome);
  const fallback = defaultRouteIndex(routes);
  const position = index ?? (fallback >= 0 ? fallback : routes.length);
  if (!Number.isInteger(position) || position < 0 || position > routes.length) {
    refuse('CF_COMPOSER_ROUTE_NOT_FOUND', bilingual(`位置 ${position} 超出范围（0–${routes.length}）`, `the position ${position} is out of range (0–${routes.length})`),
      bilingual('在现有去向之间选择位置', 'choose a position among the existing routes'), toPointer(at));
  }
  const value: Transition = route.when !== undefined ? { when: route.when, to: route.to } : { to: route.to };
  return [...asListPatches(loc, at), { op: 'insert', path: [...at, position], value }];
}

/**
 * Adds a route (usually guarded: `when` is an expression of the engine's language) from `from`
 * to `to` on `outcome`, by default just before the default route so that the default stays last.
 */
export function addRoute(from: string, outcome: RouteOutcome, route: { when?: string | undefined; to: string }, index?: number): ComposerCommand {
  return defineCommand('addRoute', (draft) => planAddRoute(draft, from, outcome, route, index));
}

/** Sets (or with `undefined`, clears) the guard of route `index` of `outcome`. */
export function setRouteWhen(from: string, outcome: RouteOutcome, index: number, when: string | undefined): ComposerCommand {
  return defineCommand('setRouteWhen', (draft) => {
    const loc = requireStep(draft, from);
    const at = requireOutcome(loc, outcome);
    const route = requireRoute(loc, outcome, index);
    if (route.when === when) return [];
    const routePath = [...at, index];
    if (when === undefined) return [{ op: 'delete', path: [...routePath, 'when'] }];
    if (route.when !== undefined) return [{ op: 'set', path: [...routePath, 'when'], value: when }];
    // The guard is written first, as people read a route: "when …, go to …".
    return [...asListPatches(loc, at), { op: 'set', path: [...routePath, 'when'], value: when, position: 0 }];
  });
}

/** Sends route `index` of `outcome` to another step of the same region. */
export function setRouteTarget(from: string, outcome: RouteOutcome, index: number, to: string): ComposerCommand {
  return defineCommand('setRouteTarget', (draft) => {
    const loc = requireStep(draft, from);
    const at = requireOutcome(loc, outcome);
    const route = requireRoute(loc, outcome, index);
    checkTarget(draft, loc, to);
    if (route.to === to) return [];
    return typeof getAt(draft, at) === 'string' ? [{ op: 'set', path: at, value: to }] : [{ op: 'set', path: [...at, index, 'to'], value: to }];
  });
}

/**
 * Deletes route `index` of `outcome`. The last route of a required outcome leaves an empty list,
 * which validateDefinition reports on the step ("has no route") until a new one is chosen.
 */
export function deleteRoute(from: string, outcome: RouteOutcome, index: number): ComposerCommand {
  return defineCommand('deleteRoute', (draft) => {
    const loc = requireStep(draft, from);
    const at = requireOutcome(loc, outcome);
    requireRoute(loc, outcome, index);
    if (typeof getAt(draft, at) === 'string') return OPTIONAL_OUTCOMES.has(outcome) ? [{ op: 'delete', path: at }] : [{ op: 'set', path: at, value: [] }];
    return [{ op: 'remove', path: [...at, index] }];
  });
}

/**
 * Connects `from` → `to`: with `when`, a guarded route (as decision steps have); without, the
 * default route (下一步) of `outcome` (default: the kind's first outcome, e.g. `approved`).
 */
export function connect(from: string, to: string, options: { outcome?: RouteOutcome; when?: string } = {}): ComposerCommand {
  return defineCommand('connect', (draft) => {
    const outcome = options.outcome ?? ROUTE_OUTCOMES[requireStep(draft, from).step.kind][0] ?? 'next';
    return options.when !== undefined ? planAddRoute(draft, from, outcome, { when: options.when, to }) : planSetNext(draft, from, outcome, to);
  });
}

/**
 * The patches that remove every reference to the steps in `removed` (routes, deadline `goto`s)
 * outside the subtrees at `inside` (what is being deleted anyway). Region starts are not touched:
 * callers refuse to remove a start step first.
 */
export function referenceRemovalPatches(draft: ProcessDefinition, removed: ReadonlySet<string>, inside: readonly Path[]): Patch[] {
  const within = (path: Path): boolean => inside.some((prefix) => prefix.every((k, i) => path[i] === k));
  const refs = stepReferences(draft).filter((r) => removed.has(r.to) && r.kind !== 'start' && !within(r.path));
  const patches: Patch[] = [];
  for (const ref of refs) {
    if (ref.kind === 'plain') patches.push(ref.optional ? { op: 'delete', path: ref.path } : { op: 'set', path: ref.path, value: [] });
    if (ref.kind === 'expiry') patches.push({ op: 'delete', path: [...ref.path, 'goto'] });
  }
  // Routes in a list go last to first, so that each removal leaves the other indices valid.
  const routes = refs.filter((r) => r.kind === 'route').sort((a, b) => Number(b.path[b.path.length - 1]) - Number(a.path[a.path.length - 1]));
  for (const ref of routes) patches.push({ op: 'remove', path: ref.path });
  return patches;
}
