import type { FieldCondition, FieldPath } from '../model.js';
import { fieldEditCommand } from './fieldEdit.js';
import type { FormCommand } from './formCommand.js';

/**
 * Shows the field at `path` only when a sibling field has a value (`null`: always shown). The
 * sibling must exist and, for a select, the values must be among its choices; a section that is
 * closed (`additionalProperties: false`) cannot hold conditional fields.
 */
export function setCondition(path: FieldPath, condition: FieldCondition | null): FormCommand {
  return fieldEditCommand('setCondition', path, (field) => {
    if (condition) return { ...field, condition };
    const { condition: _dropped, ...rest } = field;
    return rest as typeof field;
  });
}
