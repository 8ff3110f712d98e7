import type {
  ConfigParameter, FormDefinition, LocalizedText, Next, ProcessDefinition, RoleDefinition, StepDefinition, StepKind, Transition,
} from '@civicflow/engine';

/** Where a step sits: the regions (parallel branches, ladder rungs) around it, outermost first. Empty at the top level. */
export type StepPlace = { stepId: string; stepTitle: LocalizedText | undefined; regionId: string; regionKind: 'branch' | 'rung'; regionTitle: LocalizedText | undefined }[];

/** The parts of a definition a change belongs to, in the order a reader goes through them. */
export type ChangeGroup = 'definition' | 'roles' | 'forms' | 'config' | 'steps' | 'routes';

/** A change of one property: what it was and what it is (`undefined` when absent). */
interface PropertyChange {
  property: string;
  before: unknown;
  after: unknown;
}

/** One route out of a step: for steps with several exits (a joint review's `approved`…), the exit it belongs to. */
export interface RouteRef {
  from: string;
  fromTitle: LocalizedText | undefined;
  /** `approved`, `rejected`, `overdue` (joint review), `result`, `invalid` (vote), `exhausted` (ladder); absent for `next`. */
  exit: string | undefined;
  to: string;
  toTitle: LocalizedText | undefined;
  when: string | undefined;
}

/** One readable difference between two versions of a definition. */
export type DefinitionChange =
  | ({ kind: 'definition.changed' } & PropertyChange)
  | { kind: 'role.added' | 'role.removed'; roleId: string; title: LocalizedText }
  | ({ kind: 'role.changed'; roleId: string; title: LocalizedText } & PropertyChange)
  | { kind: 'form.added' | 'form.removed'; formId: string; title: LocalizedText; fields: number }
  | ({ kind: 'form.changed'; formId: string; title: LocalizedText } & PropertyChange)
  | { kind: 'field.added' | 'field.removed'; formId: string; formTitle: LocalizedText; field: string; label: string; required: boolean }
  | ({ kind: 'field.changed'; formId: string; formTitle: LocalizedText; field: string; label: string } & PropertyChange)
  | { kind: 'config.added' | 'config.removed'; key: string; title: LocalizedText | undefined; value: unknown }
  | ({ kind: 'config.changed'; key: string; title: LocalizedText | undefined } & PropertyChange)
  | { kind: 'step.added' | 'step.removed'; stepId: string; stepKind: StepKind; title: LocalizedText | undefined; place: StepPlace }
  | ({ kind: 'step.changed'; stepId: string; stepKind: StepKind; title: LocalizedText | undefined; place: StepPlace } & PropertyChange)
  | { kind: 'step.moved'; stepId: string; stepKind: StepKind; title: LocalizedText | undefined; before: StepPlace; after: StepPlace }
  | { kind: 'region.added' | 'region.removed'; stepId: string; stepTitle: LocalizedText | undefined; regionId: string; regionKind: 'branch' | 'rung'; title: LocalizedText | undefined }
  | ({ kind: 'region.changed'; stepId: string; stepTitle: LocalizedText | undefined; regionId: string; regionKind: 'branch' | 'rung'; title: LocalizedText | undefined } & PropertyChange)
  | ({ kind: 'route.added' | 'route.removed' } & RouteRef)
  | ({ kind: 'route.changed' } & RouteRef & PropertyChange);

/** Every kind of change. */
export type ChangeKind = DefinitionChange['kind'];

/** The group a change kind belongs to. */
export function groupOf(change: DefinitionChange): ChangeGroup {
  const head = change.kind.slice(0, change.kind.indexOf('.'));
  switch (head) {
    case 'definition': return 'definition';
    case 'role': return 'roles';
    case 'form':
    case 'field': return 'forms';
    case 'config': return 'config';
    case 'route': return 'routes';
    default: return 'steps';
  }
}

/** Step properties compared elsewhere: routes (`next`, `exhausted`) and regions (`branches`, `rungs`). */
const STEP_SKIPPED = new Set(['next', 'exhausted', 'branches', 'rungs']);
/** Region properties compared as such (their `steps` are compared as steps, wherever they sit). */
const REGION_PROPERTIES = ['title', 'level', 'start', 'deadline', 'escalateWhen'] as const;

/**
 * What changed from definition `a` (the older version) to `b`, as a list a person can read:
 * the title and description, roles, forms (each field added, removed or changed, keyword by
 * keyword), configuration parameters, steps (added, removed, moved between regions, or changed
 * property by property — steps inside parallel branches and ladder rungs included, found by their
 * id wherever they sit), the branches and rungs themselves, and routes (added, removed, or with
 * changed assignments, notifications or label). Pure: the same two documents give the same list,
 * in a stable order (the groups in order, within a group the order of `b` then what `a` alone had).
 *
 * @example
 * diffDefinitions(v1, v2)
 * // [{ kind: 'config.changed', key: 'village_mediation_months', property: 'value', before: 1, after: 2, … }, …]
 */
export function diffDefinitions(a: ProcessDefinition, b: ProcessDefinition): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  for (const property of ['title', 'description', 'start', 'data'] as const) {
    if (!same(a[property], b[property])) changes.push({ kind: 'definition.changed', property, before: a[property], after: b[property] });
  }
  changes.push(...diffRoles(a.roles, b.roles));
  changes.push(...diffForms(a.forms, b.forms));
  changes.push(...diffConfig(a.config ?? {}, b.config ?? {}));
  const before = indexSteps(a.steps);
  const after = indexSteps(b.steps);
  changes.push(...diffSteps(before, after));
  changes.push(...diffRoutes(before, after));
  return changes;
}

// ---------------------------------------------------------------- roles, forms, config

function diffRoles(a: Record<string, RoleDefinition>, b: Record<string, RoleDefinition>): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  for (const [roleId, role] of Object.entries(b)) {
    const old = a[roleId];
    if (!old) {
      out.push({ kind: 'role.added', roleId, title: role.title });
      continue;
    }
    for (const p of propertyChanges(old, role)) out.push({ kind: 'role.changed', roleId, title: role.title, ...p });
  }
  for (const [roleId, role] of Object.entries(a)) if (!Object.hasOwn(b, roleId)) out.push({ kind: 'role.removed', roleId, title: role.title });
  return out;
}

/** A form field: its dotted path (`applicants[].name`), its own schema keywords, whether it is required, its widget options. */
interface Field {
  path: string;
  label: string;
  own: Record<string, unknown>;
  required: boolean;
  ui: unknown;
}

function diffForms(a: Record<string, FormDefinition>, b: Record<string, FormDefinition>): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  for (const [formId, form] of Object.entries(b)) {
    const old = a[formId];
    if (!old) {
      out.push({ kind: 'form.added', formId, title: form.title, fields: fieldsOf(form).size });
      continue;
    }
    if (!same(old.title, form.title)) out.push({ kind: 'form.changed', formId, title: form.title, property: 'title', before: old.title, after: form.title });
    // Rules on the whole form (conditions such as allOf / if-then, dependencies): compared keyword by keyword.
    for (const p of propertyChanges(formRules(old), formRules(form))) out.push({ kind: 'form.changed', formId, title: form.title, ...p });
    const oldFields = fieldsOf(old);
    const newFields = fieldsOf(form);
    for (const [path, field] of newFields) {
      const was = oldFields.get(path);
      if (!was) {
        out.push({ kind: 'field.added', formId, formTitle: form.title, field: path, label: field.label, required: field.required });
        continue;
      }
      const base = { kind: 'field.changed' as const, formId, formTitle: form.title, field: path, label: field.label };
      for (const p of propertyChanges(was.own, field.own)) out.push({ ...base, ...p });
      if (was.required !== field.required) out.push({ ...base, property: 'required', before: was.required, after: field.required });
      if (!same(was.ui, field.ui)) out.push({ ...base, property: 'ui', before: was.ui, after: field.ui });
    }
    for (const [path, field] of oldFields) {
      if (!newFields.has(path)) out.push({ kind: 'field.removed', formId, formTitle: form.title, field: path, label: field.label, required: field.required });
    }
  }
  for (const [formId, form] of Object.entries(a)) if (!Object.hasOwn(b, formId)) out.push({ kind: 'form.removed', formId, title: form.title, fields: fieldsOf(form).size });
  return out;
}

function formRules(form: FormDefinition): Record<string, unknown> {
  const { properties: _p, required: _r, type: _t, ...rules } = form.schema;
  return rules;
}

/** Every field of a form, nested ones (sections, the items of lists) by their dotted path. */
function fieldsOf(form: FormDefinition): Map<string, Field> {
  const fields = new Map<string, Field>();
  const walk = (schema: Record<string, unknown>, prefix: string, ui: unknown): void => {
    const properties = isRecord(schema['properties']) ? schema['properties'] : {};
    const required = Array.isArray(schema['required']) ? schema['required'] : [];
    for (const [name, child] of Object.entries(properties)) {
      if (!isRecord(child)) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      const childUi = isRecord(ui) ? ui[name] : undefined;
      const items = isRecord(child['items']) ? child['items'] : undefined;
      fields.set(path, {
        path, label: typeof child['title'] === 'string' && child['title'] ? child['title'] : name,
        own: ownKeywords(child), required: required.includes(name), ui: withoutChildren(childUi, child),
      });
      if (isRecord(child['properties'])) walk(child, path, childUi);
      if (items && isRecord(items['properties'])) walk(items, `${path}[]`, isRecord(childUi) ? childUi['items'] : undefined);
    }
  };
  walk(form.schema, '', form.uiSchema);
  return fields;
}

/** A field's own keywords: its nested fields are fields of their own. */
function ownKeywords(schema: Record<string, unknown>): Record<string, unknown> {
  const { properties: _p, required: _r, ...own } = schema;
  if (isRecord(own['items']) && isRecord(own['items']['properties'])) {
    const { properties: _ip, required: _ir, ...items } = own['items'];
    own['items'] = items;
  }
  return own;
}

/** A field's uiSchema without the entries of its nested fields (compared with them). */
function withoutChildren(ui: unknown, schema: Record<string, unknown>): unknown {
  if (!isRecord(ui)) return ui;
  const nested = new Set([...Object.keys(isRecord(schema['properties']) ? schema['properties'] : {}), 'items']);
  const own = Object.fromEntries(Object.entries(ui).filter(([key]) => !nested.has(key)));
  return Object.keys(own).length > 0 ? own : undefined;
}

function diffConfig(a: Record<string, ConfigParameter>, b: Record<string, ConfigParameter>): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  for (const [key, parameter] of Object.entries(b)) {
    const old = a[key];
    if (!old) {
      out.push({ kind: 'config.added', key, title: parameter.title, value: parameter.value });
      continue;
    }
    for (const p of propertyChanges(old, parameter)) out.push({ kind: 'config.changed', key, title: parameter.title ?? old.title, ...p });
  }
  for (const [key, parameter] of Object.entries(a)) if (!Object.hasOwn(b, key)) out.push({ kind: 'config.removed', key, title: parameter.title, value: parameter.value });
  return out;
}

// ---------------------------------------------------------------- steps and regions

interface PlacedStep {
  step: StepDefinition;
  place: StepPlace;
}

/** Every step of a definition by id, wherever it sits, in document order. */
function indexSteps(steps: Record<string, StepDefinition>, place: StepPlace = [], into = new Map<string, PlacedStep>()): Map<string, PlacedStep> {
  for (const [id, step] of Object.entries(steps)) {
    into.set(id, { step, place });
    const regions = step.kind === 'parallel' ? step.branches.map((r) => ({ r, kind: 'branch' as const })) : step.kind === 'escalation' ? step.rungs.map((r) => ({ r, kind: 'rung' as const })) : [];
    for (const { r, kind } of regions) indexSteps(r.steps, [...place, { stepId: id, stepTitle: step.title, regionId: r.id, regionKind: kind, regionTitle: r.title }], into);
  }
  return into;
}

/** A place by ids alone: a branch or rung that was only renamed has not moved its steps. */
const placeIds = (place: StepPlace): string[] => place.map((p) => `${p.stepId}/${p.regionId}`);

function diffSteps(before: Map<string, PlacedStep>, after: Map<string, PlacedStep>): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  for (const [stepId, { step, place }] of after) {
    const old = before.get(stepId);
    const base = { stepId, stepKind: step.kind, title: step.title };
    if (!old) {
      out.push({ kind: 'step.added', ...base, place });
      continue;
    }
    if (!same(placeIds(old.place), placeIds(place))) out.push({ kind: 'step.moved', ...base, before: old.place, after: place });
    const ownOld = Object.fromEntries(Object.entries(old.step).filter(([key]) => !STEP_SKIPPED.has(key)));
    const ownNew = Object.fromEntries(Object.entries(step).filter(([key]) => !STEP_SKIPPED.has(key)));
    for (const p of propertyChanges(ownOld, ownNew)) out.push({ kind: 'step.changed', ...base, place, ...p });
    out.push(...diffRegions(stepId, old.step, step));
  }
  for (const [stepId, { step, place }] of before) {
    if (!after.has(stepId)) out.push({ kind: 'step.removed', stepId, stepKind: step.kind, title: step.title, place });
  }
  return out;
}

/** The branches of a parallel step or the rungs of a ladder: added, removed, changed, and rungs reordered. */
function diffRegions(stepId: string, a: StepDefinition, b: StepDefinition): DefinitionChange[] {
  const regionsOf = (s: StepDefinition) => (s.kind === 'parallel' ? s.branches : s.kind === 'escalation' ? s.rungs : []);
  const regionKind = b.kind === 'escalation' ? 'rung' as const : 'branch' as const;
  const oldRegions = new Map(regionsOf(a).map((r) => [r.id, r as unknown as Record<string, unknown>]));
  const newRegions = regionsOf(b).map((r) => r as unknown as Record<string, unknown>);
  const out: DefinitionChange[] = [];
  const base = { stepId, stepTitle: b.title };
  for (const region of newRegions) {
    const regionId = region['id'] as string;
    const title = region['title'] as LocalizedText | undefined;
    const old = oldRegions.get(regionId);
    if (!old) {
      out.push({ kind: 'region.added', ...base, regionId, regionKind, title });
      continue;
    }
    for (const property of REGION_PROPERTIES) {
      if (!same(old[property], region[property])) out.push({ kind: 'region.changed', ...base, regionId, regionKind, title, property, before: old[property], after: region[property] });
    }
  }
  const newIds = new Set(newRegions.map((r) => r['id'] as string));
  for (const [regionId, old] of oldRegions) {
    if (!newIds.has(regionId)) out.push({ kind: 'region.removed', ...base, regionId, regionKind: a.kind === 'escalation' ? 'rung' : 'branch', title: old['title'] as LocalizedText | undefined });
  }
  // The order of a ladder's rungs is the order of escalation: a reordering is a change of its own.
  if (a.kind === 'escalation' && b.kind === 'escalation') {
    const kept = (ids: string[], other: Set<string>) => ids.filter((id) => other.has(id));
    const oldOrder = kept(a.rungs.map((r) => r.id), newIds);
    const newOrder = kept(b.rungs.map((r) => r.id), new Set(oldRegions.keys()));
    if (!same(oldOrder, newOrder)) out.push({ kind: 'step.changed', stepId, stepKind: b.kind, title: b.title, place: [], property: 'rungOrder', before: oldOrder, after: newOrder });
  }
  return out;
}

// ---------------------------------------------------------------- routes

/** The routes out of a step, each with the exit it belongs to. */
function routesOf(step: StepDefinition): { exit: string | undefined; transition: Transition }[] {
  const of = (next: Next | undefined, exit?: string) => toTransitions(next).map((transition) => ({ exit, transition }));
  switch (step.kind) {
    case 'end': return [];
    case 'jointReview': return [...of(step.next.approved, 'approved'), ...of(step.next.rejected, 'rejected'), ...of(step.next.overdue, 'overdue')];
    case 'vote': return [...of(step.next.result, 'result'), ...of(step.next.invalid, 'invalid')];
    case 'escalation': return [...of(step.next), ...of(step.exhausted, 'exhausted')];
    default: return of(step.next);
  }
}

function toTransitions(next: Next | undefined): Transition[] {
  if (next === undefined) return [];
  return typeof next === 'string' ? [{ to: next }] : next;
}

/**
 * Routes of the steps both versions have, matched by (exit, target, condition): a route whose
 * condition or target changed reads as one removed and one added; one with the same three whose
 * assignments, notifications or label changed reads as changed.
 */
function diffRoutes(before: Map<string, PlacedStep>, after: Map<string, PlacedStep>): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  const titleIn = (steps: Map<string, PlacedStep>, id: string) => steps.get(id)?.step.title;
  for (const [from, { step }] of after) {
    const old = before.get(from);
    if (!old) continue; // a new step's routes are part of the step
    const keyed = (routes: ReturnType<typeof routesOf>) => {
      const map = new Map<string, { exit: string | undefined; transition: Transition }>();
      for (const r of routes) {
        let key = JSON.stringify([r.exit ?? null, r.transition.to, r.transition.when ?? null]);
        while (map.has(key)) key += '+'; // the same route twice: matched in order
        map.set(key, r);
      }
      return map;
    };
    const oldRoutes = keyed(routesOf(old.step));
    const newRoutes = keyed(routesOf(step));
    const ref = (steps: Map<string, PlacedStep>, r: { exit: string | undefined; transition: Transition }): RouteRef => ({
      from, fromTitle: step.title, exit: r.exit, to: r.transition.to, toTitle: titleIn(steps, r.transition.to) ?? titleIn(before, r.transition.to), when: r.transition.when,
    });
    for (const [key, r] of newRoutes) {
      const was = oldRoutes.get(key);
      if (!was) {
        out.push({ kind: 'route.added', ...ref(after, r) });
        continue;
      }
      for (const property of ['set', 'notify', 'label'] as const) {
        if (!same(was.transition[property], r.transition[property])) out.push({ kind: 'route.changed', ...ref(after, r), property, before: was.transition[property], after: r.transition[property] });
      }
    }
    for (const [key, r] of oldRoutes) if (!newRoutes.has(key)) out.push({ kind: 'route.removed', ...ref(before, r) });
  }
  return out;
}

// ---------------------------------------------------------------- values

/** The properties of two objects that differ (a property one of them lacks is `undefined` there), in key order of `b` then `a`. */
function propertyChanges(a: object, b: object): PropertyChange[] {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(right), ...Object.keys(left)])];
  return keys.filter((k) => !same(left[k], right[k])).map((property) => ({ property, before: left[property], after: right[property] }));
}

/** Deep equality of JSON values, key order ignored. */
export function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value).filter((k) => value[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
