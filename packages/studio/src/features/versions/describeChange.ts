import type { LocalizedText } from '@civicflow/engine';
import { MESSAGES } from '../../i18n/messages.js';
import type { MessageKey, MessageParams } from '../../i18n/messages.js';
import type { DefinitionChange, RouteRef, StepPlace } from './diffDefinitions.js';

/** The text helpers of `useText()`: the studio's messages and server-supplied localized values, in one language. */
export interface TextHelpers {
  t(key: MessageKey, params?: MessageParams): string;
  text(value: LocalizedText | string | null | undefined): string;
}

/** A change as a person reads it: one sentence, and for a changed property what it was and is. */
export interface ChangeDescription {
  text: string;
  before?: string;
  after?: string;
}

/** Largest unit first, as a duration is read out. */
const DURATION_UNITS = ['months', 'workingDays', 'days', 'hours', 'minutes'] as const;

/**
 * One change of {@link diffDefinitions} in the chosen language, e.g. “步骤“村调委会调解”（vSession）的
 * 办理期限已修改” with before “1 个月；依据：…” and after “2 个月；依据：…”. Durations, deadlines,
 * assignees, localized texts and lists are written out; anything else as compact JSON.
 */
export function describeChange(change: DefinitionChange, helpers: TextHelpers): ChangeDescription {
  const { t, text } = helpers;
  const name = (title: LocalizedText | undefined, id: string) => (title ? text(title) : id);
  const values = (c: { before: unknown; after: unknown }) => ({ before: formatValue(c.before, helpers), after: formatValue(c.after, helpers) });
  const property = (p: string) => propertyLabel(p, t);
  switch (change.kind) {
    case 'definition.changed':
      return { text: t('versions.change.definition.changed', { property: property(change.property) }), ...values(change) };
    case 'role.added':
    case 'role.removed':
      return { text: t(`versions.change.${change.kind}`, { title: text(change.title), id: change.roleId }) };
    case 'role.changed':
      return { text: t('versions.change.role.changed', { title: text(change.title), id: change.roleId, property: property(change.property) }), ...values(change) };
    case 'form.added':
      return { text: t('versions.change.form.added', { title: text(change.title), id: change.formId, count: change.fields }) };
    case 'form.removed':
      return { text: t('versions.change.form.removed', { title: text(change.title), id: change.formId }) };
    case 'form.changed':
      return { text: t('versions.change.form.changed', { title: text(change.title), id: change.formId, property: property(change.property) }), ...values(change) };
    case 'field.added':
      return { text: t('versions.change.field.added', { label: change.label, field: change.field, required: change.required ? t('versions.required') : '' }) };
    case 'field.removed':
      return { text: t('versions.change.field.removed', { label: change.label, field: change.field }) };
    case 'field.changed':
      return { text: t('versions.change.field.changed', { label: change.label, field: change.field, property: property(change.property) }), ...values(change) };
    case 'config.added':
    case 'config.removed':
      return { text: t(`versions.change.${change.kind}`, { title: name(change.title, change.key), key: change.key, value: formatValue(change.value, helpers) }) };
    case 'config.changed':
      return { text: t('versions.change.config.changed', { title: name(change.title, change.key), key: change.key, property: property(change.property) }), ...values(change) };
    case 'step.added':
    case 'step.removed':
      return { text: t(`versions.change.${change.kind}`, { kind: t(`flow.kind.${change.stepKind}`), title: name(change.title, change.stepId), id: change.stepId, place: placeText(change.place, helpers) }) };
    case 'step.changed':
      return { text: t('versions.change.step.changed', { title: name(change.title, change.stepId), id: change.stepId, property: property(change.property) }), ...values(change) };
    case 'step.moved':
      return { text: t('versions.change.step.moved', { title: name(change.title, change.stepId), id: change.stepId }), before: placeText(change.before, helpers), after: placeText(change.after, helpers) };
    case 'region.added':
    case 'region.removed':
      return { text: t(`versions.change.${change.kind}`, { step: name(change.stepTitle, change.stepId), region: regionWord(change.regionKind, t), title: name(change.title, change.regionId), id: change.regionId }) };
    case 'region.changed':
      return {
        text: t('versions.change.region.changed', { step: name(change.stepTitle, change.stepId), region: regionWord(change.regionKind, t), title: name(change.title, change.regionId), id: change.regionId, property: property(change.property) }),
        ...values(change),
      };
    case 'route.added':
    case 'route.removed':
      return { text: t(`versions.change.${change.kind}`, { route: routeText(change, helpers) }) };
    case 'route.changed':
      return { text: t('versions.change.route.changed', { route: routeText(change, helpers), property: property(change.property) }), ...values(change) };
  }
}

/** The localized name of a property, or the property's own name when the studio has none for it. */
export function propertyLabel(property: string, t: TextHelpers['t']): string {
  const key = `versions.prop.${property}`;
  return Object.hasOwn(MESSAGES, key) ? t(key as MessageKey) : property;
}

function regionWord(kind: 'branch' | 'rung', t: TextHelpers['t']): string {
  return t(kind === 'branch' ? 'flow.branch' : 'flow.rung');
}

/** Where a step sits, outermost region first; the top level is “the main flow”. */
export function placeText(place: StepPlace, { t, text }: TextHelpers): string {
  if (place.length === 0) return t('versions.topLevel');
  return place.map((p) => t('versions.place.region', {
    step: p.stepTitle ? text(p.stepTitle) : p.stepId, region: regionWord(p.regionKind, t), title: p.regionTitle ? text(p.regionTitle) : p.regionId,
  })).join(t('versions.place.separator'));
}

function routeText(route: RouteRef, { t, text }: TextHelpers): string {
  return t('versions.route', {
    from: route.fromTitle ? text(route.fromTitle) : route.from,
    exit: route.exit && Object.hasOwn(MESSAGES, `versions.exit.${route.exit}`) ? t(`versions.exit.${route.exit}` as MessageKey) : route.exit ? ` (${route.exit})` : '',
    to: route.toTitle ? text(route.toTitle) : route.to,
    when: route.when ? t('versions.routeWhen', { when: route.when }) : '',
  });
}

/** A value of a definition as a person reads it. */
export function formatValue(value: unknown, helpers: TextHelpers): string {
  const { t, text } = helpers;
  if (value === undefined || value === null) return t('versions.none');
  if (typeof value === 'boolean') return t(value ? 'value.yes' : 'value.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (isLocalized(value)) return text(value);
  if (Array.isArray(value)) {
    const simple = value.every((v) => typeof v === 'string' || typeof v === 'number' || isLocalized(v));
    return simple ? value.map((v) => formatValue(v, helpers)).join(t('versions.listSeparator')) : JSON.stringify(value);
  }
  if (isRecord(value)) {
    const duration = durationText(value, t);
    if (duration !== undefined) return duration;
    if (isLocalized(value['basis']) && (isRecord(value['duration']) || typeof value['at'] === 'string' || isRecord(value['before']))) {
      const when = isRecord(value['duration']) ? durationText(value['duration'], t) ?? JSON.stringify(value['duration'])
        : typeof value['at'] === 'string' ? t('versions.deadline.at', { at: value['at'] })
          : t('versions.deadline.before', { date: String((value['before'] as Record<string, unknown>)['date']), days: String((value['before'] as Record<string, unknown>)['days']) });
      const rest = Object.keys(value).filter((k) => !['duration', 'at', 'before', 'basis'].includes(k));
      const main = t('versions.deadline', { when, basis: text(value['basis']) });
      return rest.length === 0 ? main : `${main} ${JSON.stringify(Object.fromEntries(rest.map((k) => [k, value[k]])))}`;
    }
    if (typeof value['role'] === 'string' && Object.keys(value).every((k) => ['role', 'level', 'orgUnit', 'match', 'person'].includes(k))) {
      let out = t('versions.assignee', { role: value['role'] });
      if (typeof value['level'] === 'string') out += t('versions.assignee.level', { level: value['level'] });
      if (typeof value['orgUnit'] === 'string') out += t('versions.assignee.orgUnit', { orgUnit: value['orgUnit'] });
      if (value['match'] === 'subtree') out += t('versions.assignee.subtree');
      return value['person'] === undefined ? out : `${out} ${JSON.stringify({ person: value['person'] })}`;
    }
  }
  return JSON.stringify(value);
}

/** A duration (`{ days: 30 }`, `{ hours: 1, minutes: 30 }`) in words, or undefined when `value` is none. */
function durationText(value: Record<string, unknown>, t: TextHelpers['t']): string | undefined {
  const keys = Object.keys(value);
  if (keys.length === 0 || !keys.every((k) => (DURATION_UNITS as readonly string[]).includes(k) || k === 'rollover')) return undefined;
  const parts = DURATION_UNITS.filter((u) => typeof value[u] === 'number').map((u) => t(`versions.duration.${u}`, { n: value[u] as number }));
  if (parts.length === 0) return undefined;
  return parts.join(' ') + (value['rollover'] === false ? t('versions.duration.noRollover') : '');
}

function isLocalized(value: unknown): value is LocalizedText {
  return isRecord(value) && typeof value['zh-CN'] === 'string' && typeof value['en'] === 'string' && Object.keys(value).length === 2;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
