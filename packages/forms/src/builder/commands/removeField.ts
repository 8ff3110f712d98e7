import { describePath, refuse } from '../formEditError.js';
import { describeReferences, referencesTo } from '../fieldReferences.js';
import { locateField, splitPath, updateSection } from '../modelPaths.js';
import type { FieldPath } from '../model.js';
import { defineCommand } from './formCommand.js';
import type { FormCommand } from './formCommand.js';

/**
 * Removes the field at `path`. Refused while a condition or validation rule of its section
 * mentions the field (remove or change those first): a rule is never changed behind the user's back.
 */
export function removeField(path: FieldPath): FormCommand {
  return defineCommand('removeField', (model) => {
    const { field, section, index } = locateField(model, path);
    const refs = referencesTo(section, field.id);
    if (refs.length) {
      const text = describeReferences(refs);
      refuse(
        'CF_BUILDER_FIELD_REFERENCED',
        `不能删除字段 ${describePath(path)}：${text.zh}引用了它，请先删除或修改`,
        `cannot remove field ${describePath(path)}: ${text.en} refer(s) to it; remove or change them first`,
        path,
      );
    }
    const { sectionPath } = splitPath(path);
    const next = updateSection(model, sectionPath, (s) => ({ ...s, fields: s.fields.filter((_, i) => i !== index) }));
    return {
      model: next,
      revert: (m) => updateSection(m, sectionPath, (s) => ({ ...s, fields: [...s.fields.slice(0, index), field, ...s.fields.slice(index)] })),
    };
  });
}
