import { checkModel } from '../checkModel.js';
import { describeReferences, referencesTo } from '../fieldReferences.js';
import { describePath, refuse } from '../formEditError.js';
import { getSection, locateField, samePath, splitPath, updateSection } from '../modelPaths.js';
import type { FieldPath, FormModel } from '../model.js';
import { checkIndex } from './addField.js';
import { defineCommand } from './formCommand.js';
import type { FormCommand } from './formCommand.js';

function relocate(model: FormModel, from: FieldPath, fromIndex: number, to: FieldPath, toIndex: number): FormModel {
  const { sectionPath } = splitPath(from);
  const field = getSection(model, sectionPath).fields[fromIndex];
  if (!field) return model;
  const removed = updateSection(model, sectionPath, (s) => ({ ...s, fields: s.fields.filter((_, i) => i !== fromIndex) }));
  return updateSection(removed, to, (s) => ({ ...s, fields: [...s.fields.slice(0, toIndex), field, ...s.fields.slice(toIndex)] }));
}

/**
 * Moves the field at `path` into the section at `toSectionPath`, where it gets position `toIndex`
 * (counted after taking it out). Refused: moving a group into itself or its own descendants, an id
 * the target section already has, and — across sections — a field that has a condition or that
 * a condition or rule of its section mentions (conditions refer to sibling fields only).
 */
export function moveField(path: FieldPath, toSectionPath: FieldPath, toIndex: number): FormCommand {
  return defineCommand('moveField', (model) => {
    const { field, section, index } = locateField(model, path);
    const { sectionPath } = splitPath(path);
    if (toSectionPath.length >= path.length && samePath(toSectionPath.slice(0, path.length), path)) {
      refuse('CF_BUILDER_MOVE_INTO_ITSELF', `不能把 ${describePath(path)} 移到它自己里面`, `cannot move ${describePath(path)} into itself`, path);
    }
    const target = getSection(model, toSectionPath);
    const sameSection = samePath(sectionPath, toSectionPath);
    if (!sameSection) {
      if (target.fields.some((f) => f.id === field.id)) {
        refuse('CF_BUILDER_DUPLICATE_ID', `${describePath(toSectionPath)} 中已有字段 "${field.id}"`, `${describePath(toSectionPath)} already has a field "${field.id}"`, path);
      }
      const refs = referencesTo(section, field.id);
      if (field.condition || refs.length) {
        const text = describeReferences(refs);
        refuse(
          'CF_BUILDER_FIELD_REFERENCED',
          `不能把 ${describePath(path)} 移出本分组：${field.condition ? '它有显示条件' : `${text.zh}引用了它`}（条件只能引用同一分组的字段）`,
          `cannot move ${describePath(path)} out of its section: ${field.condition ? 'it has a condition' : `${text.en} refer(s) to it`} (conditions refer to fields of the same section only)`,
          path,
        );
      }
    }
    checkIndex(toIndex, sameSection ? target.fields.length - 1 : target.fields.length, toSectionPath);
    const next = relocate(model, path, index, toSectionPath, toIndex);
    checkModel(next);
    return { model: next, revert: (m) => relocate(m, [...toSectionPath, field.id], toIndex, sectionPath, index) };
  });
}
