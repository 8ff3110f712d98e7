import { childPointer } from './importProblem.js';
import type { FieldPath, FormModel, FormSection } from './model.js';
import { sectionOfField } from './modelPaths.js';

/**
 * JSON pointer, in the exported schema, of the field or rule a `FormEditError` path names.
 * Path segments are field ids, `[item]` (the value of a list of single values) and `#ruleN`
 * (validation rule N of the section, 1-based). Unknown segments end the walk.
 */
export function pointerOfFieldPath(model: FormModel, path: FieldPath): string {
  let pointer = '';
  let section: FormSection | undefined = model.root;
  for (const segment of path) {
    if (!section) {
      if (segment === '[item]') pointer = childPointer(pointer, 'items');
      break;
    }
    const current: FormSection = section;
    const rule = /^#rule(\d+)$/.exec(segment);
    if (rule) {
      const conditional = current.fields.filter((f) => f.condition).length;
      return childPointer(childPointer(pointer, 'allOf'), conditional + Number(rule[1]) - 1);
    }
    const field = current.fields.find((f) => f.id === segment);
    if (!field) break;
    if (field.condition) {
      const index = current.fields.filter((f) => f.condition).indexOf(field);
      pointer = childPointer(childPointer(childPointer(childPointer(pointer, 'allOf'), index), 'then'), 'properties');
    } else {
      pointer = childPointer(pointer, 'properties');
    }
    pointer = childPointer(pointer, field.id);
    section = sectionOfField(field);
    if (field.type === 'list') pointer = childPointer(pointer, 'items');
  }
  return pointer;
}
