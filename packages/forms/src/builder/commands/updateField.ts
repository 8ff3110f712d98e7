import { compact } from '../importHelpers.js';
import { refuse } from '../formEditError.js';
import type { FieldPath, FormField, ListValueField } from '../model.js';
import { fieldEditCommand } from './fieldEdit.js';
import type { FormCommand } from './formCommand.js';

/**
 * Changes to a field's own settings. A member set to `undefined` is cleared; `options` is merged
 * into the current options (a member set to `undefined` clears that option). Id, type,
 * `required` and `condition` have their own commands (`renameField`, `setRequired`, `setCondition`).
 */
export interface FieldPatch {
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly readOnly?: boolean | undefined;
  readonly widget?: string | undefined;
  readonly options?: Readonly<Record<string, unknown>>;
  /** A list of single values: the value field of its items. */
  readonly valueItem?: ListValueField;
  /** A list of objects: the title of one item. */
  readonly itemTitle?: string | undefined;
  /** A list of objects: the description of one item. */
  readonly itemDescription?: string | undefined;
}

function applyPatch(field: FormField, patch: FieldPatch): FormField {
  const { options, valueItem, itemTitle, itemDescription, ...own } = patch;
  let next = compact({ ...field, ...own, options: options ? compact({ ...field.options, ...options }) : field.options }) as FormField;
  if (valueItem !== undefined) {
    if (next.type !== 'list' || next.items.kind !== 'value') {
      refuse('CF_BUILDER_INVALID_FIELD', `字段 "${field.id}" 不是单值列表`, `the field "${field.id}" is not a list of single values`);
    }
    next = { ...next, items: { kind: 'value', field: valueItem } };
  }
  if ('itemTitle' in patch || 'itemDescription' in patch) {
    if (next.type !== 'list' || next.items.kind !== 'fields') {
      refuse('CF_BUILDER_INVALID_FIELD', `字段 "${field.id}" 不是对象列表`, `the field "${field.id}" is not a list of fields`);
    }
    const items = { ...next.items };
    next = {
      ...next,
      items: compact({
        ...items,
        title: 'itemTitle' in patch ? itemTitle : items.title,
        description: 'itemDescription' in patch ? itemDescription : items.description,
      }),
    };
  }
  return next;
}

/** Edits the settings of the field at `path` (title, description, widget, options …). */
export function updateField(path: FieldPath, patch: FieldPatch): FormCommand {
  return fieldEditCommand('updateField', path, (field) => {
    for (const key of ['id', 'type', 'required', 'condition', 'section', 'items']) {
      if (key in patch) {
        refuse('CF_BUILDER_INVALID_FIELD', `updateField 不能修改 "${key}"（请用对应的命令）`, `updateField cannot change "${key}" (use its own command)`, path);
      }
    }
    return applyPatch(field, patch);
  });
}
