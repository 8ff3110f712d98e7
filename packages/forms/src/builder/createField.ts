import { defaultWidget } from './fieldWidgets.js';
import type { BuilderFieldType, FormFieldOf, FormModel, FormSection } from './model.js';

/** A section with no fields, no rules, open to other properties. */
export function emptySection(): FormSection {
  return { fields: [], rules: [], closed: false };
}

/** A form with no fields. */
export function createEmptyForm(): FormModel {
  return { root: emptySection() };
}

const DEFAULT_OPTIONS: Readonly<Record<BuilderFieldType, Record<string, unknown>>> = {
  text: { maxLength: 100 },
  textarea: { maxLength: 2000 },
  integer: {},
  number: {},
  money: {},
  date: {},
  datetime: {},
  select: { valueType: 'string', choices: [] },
  multiselect: { valueType: 'string', choices: [], uniqueItems: true },
  boolean: {},
  idCard: {},
  uscc: {},
  mobile: {},
  phone: {},
  adminCode: {},
  file: { accept: ['application/pdf'] },
  photo: { accept: ['image/*'] },
  signature: {},
  geo: {},
  computed: { valueType: 'number', expression: '0' },
  group: {},
  list: {},
};

/** What a new field may start with besides its type and id. */
export interface NewFieldInit {
  readonly title?: string;
  readonly description?: string;
  readonly required?: boolean;
  readonly options?: Readonly<Record<string, unknown>>;
}

/**
 * A new field of `type` as the palette creates it, with the FIELDS.md widget and defaults (text
 * up to 100 characters, textarea up to 2000, a file accepts PDF, a photo `image/*` …). A group
 * starts empty; a list starts as a list of objects with no fields.
 */
export function createField<T extends BuilderFieldType>(type: T, id: string, init: NewFieldInit = {}): FormFieldOf<T> {
  const field: Record<string, unknown> = { id, type };
  if (init.title !== undefined) field['title'] = init.title;
  if (init.description !== undefined) field['description'] = init.description;
  field['required'] = init.required ?? false;
  if (type === 'computed') field['readOnly'] = true;
  const widget = defaultWidget(type);
  if (widget !== undefined) field['widget'] = widget;
  field['options'] = { ...DEFAULT_OPTIONS[type], ...init.options };
  if (type === 'group') field['section'] = emptySection();
  if (type === 'list') field['items'] = { kind: 'fields', section: emptySection() };
  return field as unknown as FormFieldOf<T>;
}
