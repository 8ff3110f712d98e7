import type { BuilderFieldType } from './model.js';

/**
 * The uiSchema `ui:widget` each field type may carry (FIELDS.md). `required`: the widget is what
 * makes the type (a `textarea` is a string with the textarea widget; without it, it is `text`).
 * `allowed`: the widget the renderer should use, left out by older forms; new fields get it.
 */
export const FIELD_WIDGETS: Readonly<Record<BuilderFieldType, { readonly required?: string; readonly allowed?: string }>> = {
  text: {},
  textarea: { required: 'textarea' },
  integer: {},
  number: {},
  money: { required: 'cf-money' },
  date: { allowed: 'cf-date' },
  datetime: { allowed: 'cf-datetime' },
  select: { allowed: 'radio' },
  multiselect: { allowed: 'checkboxes' },
  boolean: {},
  idCard: {},
  uscc: {},
  mobile: {},
  phone: {},
  adminCode: {},
  file: { allowed: 'cf-file' },
  photo: { required: 'cf-photo' },
  signature: { allowed: 'cf-signature' },
  geo: { allowed: 'cf-geo' },
  computed: {},
  group: {},
  list: {},
};

/** True when `widget` (undefined: no `ui:widget`) is legal for a field of `type`. */
export function isWidgetAllowed(type: BuilderFieldType, widget: string | undefined): boolean {
  const rule = FIELD_WIDGETS[type];
  if (rule.required !== undefined) return widget === rule.required;
  return widget === undefined || widget === rule.allowed;
}

/** The widget a new field of `type` gets. */
export function defaultWidget(type: BuilderFieldType): string | undefined {
  const rule = FIELD_WIDGETS[type];
  return rule.required ?? rule.allowed;
}
