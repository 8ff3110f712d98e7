/**
 * The builder's form model: an immutable tree of sections and fields that maps one-to-one onto
 * the JSON Schema + uiSchema shapes of FIELDS.md (and the few extra shapes the example forms
 * use). Every construct the builder can edit is a type here; anything else opens read-only.
 */

/** A message in both UI languages. */
export interface BilingualText {
  readonly 'zh-CN': string;
  readonly en: string;
}

/** The builder field types of FIELDS.md, in the order the palette shows them. */
export const BUILDER_FIELD_TYPES = [
  'text',
  'textarea',
  'integer',
  'number',
  'money',
  'date',
  'datetime',
  'select',
  'multiselect',
  'boolean',
  'idCard',
  'uscc',
  'mobile',
  'phone',
  'adminCode',
  'file',
  'photo',
  'signature',
  'geo',
  'computed',
  'group',
  'list',
] as const;

/** One of {@link BUILDER_FIELD_TYPES}. */
export type BuilderFieldType = (typeof BUILDER_FIELD_TYPES)[number];

/** Path of a field: the property keys from the root section down, e.g. `['applicants', 'name']`. */
export type FieldPath = readonly string[];

/** A value a select offers (`const` of a `oneOf` entry, or an `enum` member). */
export type ChoiceValue = string | number;

/** One option of a select / multiselect. Without `label` the value is its own label (`enum`). */
export interface Choice {
  readonly value: ChoiceValue;
  readonly label?: string;
}

/** A value a condition compares with. */
export type ConditionValue = string | number | boolean;

/**
 * "Sibling field `field` has this value": `{ equals }` is written as `const`, `{ in }` as `enum`.
 * The builder writes `required: [field]` into the `if`, so the condition does not hold while the
 * field is empty; `includeMissing: true` (found in older forms) leaves it out, so the condition
 * also holds while the field has no value.
 */
export type FieldCondition =
  | { readonly field: string; readonly equals: ConditionValue; readonly includeMissing?: boolean }
  | { readonly field: string; readonly in: readonly ConditionValue[]; readonly includeMissing?: boolean };

/** Extra constraints a {@link ValidationRule} puts on an existing field (its `type` is the field's). */
export interface FieldConstraint {
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** The keys of {@link FieldConstraint}, in the order they are written. */
export const FIELD_CONSTRAINT_KEYS = [
  'format',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
] as const satisfies readonly (keyof FieldConstraint)[];

/** What a {@link ValidationRule} demands of the section's (already present) fields. */
export interface RuleEffect {
  /** Field ids that become required (`then.required` / `else.required`). */
  readonly require: readonly string[];
  /** Extra constraints per field id (`then.properties`). */
  readonly constrain: Readonly<Record<string, FieldConstraint>>;
}

/**
 * A validation rule of a section: `allOf: [{ if: { type: "object", properties: { <when.field>:
 * { const | enum } }, required?: [...] }, then: { type: "object", required, properties }, else? }]`.
 * Unlike {@link FieldCondition} on a field (which shows or hides the field), a rule only changes
 * what is required or allowed: its fields are always shown.
 */
export interface ValidationRule {
  readonly when: FieldCondition;
  readonly then: RuleEffect;
  readonly otherwise?: RuleEffect;
}

/** An object of fields: the form itself, a group, or the item of a repeatable list. */
export interface FormSection {
  /** The fields in display order (conditional fields included). */
  readonly fields: readonly FormField[];
  /** Validation rules, in `allOf` order. */
  readonly rules: readonly ValidationRule[];
  /** `additionalProperties: false`: data may carry no other keys. */
  readonly closed: boolean;
}

/** The whole form. */
export interface FormModel {
  readonly root: FormSection;
}

/** What every field has. */
export interface FieldBase<T extends BuilderFieldType, O> {
  /** Property key (unique within its section). New ids match `^[A-Za-z][A-Za-z0-9_]*$`. */
  readonly id: string;
  readonly type: T;
  readonly title?: string;
  readonly description?: string;
  /** Listed in the section's `required` (or, for a conditional field, in `then.required`). */
  readonly required: boolean;
  /** `readOnly` as written in the schema (always `true` for `computed`). */
  readonly readOnly?: boolean;
  /** The uiSchema `ui:widget`, exactly as written (see `FIELD_WIDGETS`). */
  readonly widget?: string;
  /** Shown only when a sibling field has a value (FIELDS.md "Conditions"). */
  readonly condition?: FieldCondition;
  readonly options: O;
}

/** Length and pattern of a string. */
export interface TextOptions {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

/** Bounds of a number. */
export interface NumberOptions {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
}

/** A money amount is `minimum: 0, multipleOf: 0.01`; only the maximum is free. */
export interface MoneyOptions {
  readonly maximum?: number;
}

/** A date-time may be restricted by a pattern (e.g. `\+08:00$`, Beijing time only). */
export interface DateTimeOptions {
  readonly pattern?: string;
}

/** The JSON type of choice values. */
export type ChoiceValueType = 'string' | 'integer' | 'number';

/** Options of a single select. */
export interface SelectOptions {
  readonly valueType: ChoiceValueType;
  readonly choices: readonly Choice[];
}

/** Options of a multiple select (`type: array` of a select). */
export interface MultiSelectOptions extends SelectOptions {
  /** `uniqueItems: true` (FIELDS.md); `false` only for older forms that leave it out. */
  readonly uniqueItems: boolean;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** `items.title` */
  readonly itemTitle?: string;
}

/** `const: true`: a required confirmation ("I have read …"). */
export interface BooleanOptions {
  readonly mustBeTrue?: boolean;
}

/** Minimum age on a date (`x-cn-min-age`). */
export interface MinAgeRule {
  readonly age: number;
  readonly on: string;
}

/** Options of an ID card number. */
export interface IdCardOptions {
  readonly minAge?: MinAgeRule;
}

/** Accepted media types of an upload (`x-cf-accept`). */
export interface AttachmentOptions {
  readonly accept?: readonly string[];
}

/** Options of a computed value. */
export interface ComputedOptions {
  readonly valueType: 'string' | 'number' | 'integer' | 'boolean';
  /** The engine expression (`x-cf-compute`), over the form as `form`. */
  readonly expression: string;
}

/** Options of a repeatable list. */
export interface ListOptions {
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
}

/** Options of fields that have none. */
export type NoOptions = Readonly<Record<string, never>>;

export type TextField = FieldBase<'text', TextOptions>;
export type TextareaField = FieldBase<'textarea', TextOptions>;
export type IntegerField = FieldBase<'integer', NumberOptions>;
export type NumberField = FieldBase<'number', NumberOptions>;
export type MoneyField = FieldBase<'money', MoneyOptions>;
export type DateField = FieldBase<'date', NoOptions>;
export type DateTimeField = FieldBase<'datetime', DateTimeOptions>;
export type SelectField = FieldBase<'select', SelectOptions>;
export type MultiSelectField = FieldBase<'multiselect', MultiSelectOptions>;
export type BooleanField = FieldBase<'boolean', BooleanOptions>;
export type IdCardField = FieldBase<'idCard', IdCardOptions>;
export type UsccField = FieldBase<'uscc', NoOptions>;
export type MobileField = FieldBase<'mobile', NoOptions>;
export type PhoneField = FieldBase<'phone', NoOptions>;
export type AdminCodeField = FieldBase<'adminCode', NoOptions>;
export type FileField = FieldBase<'file', AttachmentOptions>;
export type PhotoField = FieldBase<'photo', AttachmentOptions>;
export type SignatureField = FieldBase<'signature', NoOptions>;
export type GeoField = FieldBase<'geo', NoOptions>;
export type ComputedField = FieldBase<'computed', ComputedOptions>;

/** A group of fields (`type: object`). */
export interface GroupField extends FieldBase<'group', NoOptions> {
  readonly section: FormSection;
}

/** Field shapes a list item can be when each item is a single value. */
export type ListValueField = Exclude<FormField, GroupField | ListField>;

/** What one item of a list is: an object of fields, or a single value. */
export type ListItems =
  | { readonly kind: 'fields'; readonly title?: string; readonly description?: string; readonly section: FormSection }
  | { readonly kind: 'value'; readonly field: ListValueField };

/** A repeatable list (`type: array`). */
export interface ListField extends FieldBase<'list', ListOptions> {
  readonly items: ListItems;
}

/** Any builder field. */
export type FormField =
  | TextField
  | TextareaField
  | IntegerField
  | NumberField
  | MoneyField
  | DateField
  | DateTimeField
  | SelectField
  | MultiSelectField
  | BooleanField
  | IdCardField
  | UsccField
  | MobileField
  | PhoneField
  | AdminCodeField
  | FileField
  | PhotoField
  | SignatureField
  | GeoField
  | ComputedField
  | GroupField
  | ListField;

/** The field of a given type. */
export type FormFieldOf<T extends BuilderFieldType> = Extract<FormField, { type: T }>;

/** The JSON Schema + uiSchema pair the builder exports and imports. */
export interface FormSchemas {
  readonly schema: Record<string, unknown>;
  readonly uiSchema: Record<string, unknown>;
}
