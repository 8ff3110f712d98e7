import type { FieldPath } from '../model.js';
import { fieldEditCommand } from './fieldEdit.js';
import type { FormCommand } from './formCommand.js';

/** Makes the field at `path` required or optional (a conditional field: required while shown). */
export function setRequired(path: FieldPath, required: boolean): FormCommand {
  return fieldEditCommand('setRequired', path, (field) => ({ ...field, required }));
}
