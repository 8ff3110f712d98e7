import { checkModel } from '../checkModel.js';
import { isValidFieldId } from '../fieldId.js';
import { describePath, refuse } from '../formEditError.js';
import { getSection, updateSection } from '../modelPaths.js';
import type { FieldPath, FormField } from '../model.js';
import { defineCommand } from './formCommand.js';
import type { FormCommand } from './formCommand.js';

/** Refuses an id that is not `^[A-Za-z][A-Za-z0-9_]*$` or that a sibling already has. */
export function checkNewId(id: string, siblings: readonly FormField[], sectionPath: FieldPath): void {
  if (!isValidFieldId(id)) {
    refuse(
      'CF_BUILDER_INVALID_ID',
      `字段名 "${id}" 无效：须以英文字母开头，只含英文字母、数字和下划线`,
      `the field id "${id}" is not valid: it must start with a letter and contain only letters, digits and "_"`,
      [...sectionPath, id],
    );
  }
  if (siblings.some((f) => f.id === id)) {
    refuse('CF_BUILDER_DUPLICATE_ID', `${describePath(sectionPath)} 中已有字段 "${id}"`, `${describePath(sectionPath)} already has a field "${id}"`, [...sectionPath, id]);
  }
}

/** Refuses an insertion index outside 0…length. */
export function checkIndex(index: number, length: number, path: FieldPath): void {
  if (!Number.isInteger(index) || index < 0 || index > length) {
    refuse('CF_BUILDER_INDEX_OUT_OF_RANGE', `位置 ${index} 超出范围（0–${length}）`, `the position ${index} is out of range (0–${length})`, path);
  }
}

/** Inserts `field` at position `index` of the section at `sectionPath` (`[]`: the form). */
export function addField(sectionPath: FieldPath, index: number, field: FormField): FormCommand {
  return defineCommand('addField', (model) => {
    const section = getSection(model, sectionPath);
    checkNewId(field.id, section.fields, sectionPath);
    checkIndex(index, section.fields.length, sectionPath);
    const next = updateSection(model, sectionPath, (s) => ({ ...s, fields: [...s.fields.slice(0, index), field, ...s.fields.slice(index)] }));
    checkModel(next);
    return {
      model: next,
      revert: (m) => updateSection(m, sectionPath, (s) => ({ ...s, fields: s.fields.filter((f) => f.id !== field.id) })),
    };
  });
}
