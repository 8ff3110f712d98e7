import { checkModel } from '../checkModel.js';
import { renameReferences } from '../fieldReferences.js';
import { locateField, splitPath, updateSection } from '../modelPaths.js';
import type { FieldPath, FormModel } from '../model.js';
import { checkNewId } from './addField.js';
import { defineCommand } from './formCommand.js';
import type { FormCommand } from './formCommand.js';

function rename(model: FormModel, sectionPath: FieldPath, from: string, to: string): FormModel {
  return updateSection(model, sectionPath, (section) => {
    const renamed = renameReferences(section, from, to);
    return { ...renamed, fields: renamed.fields.map((f) => (f.id === from ? { ...f, id: to } : f)) };
  });
}

/**
 * Gives the field at `path` a new id (its property key) and updates every condition and rule of
 * its section that mentions it. The new id must match `^[A-Za-z][A-Za-z0-9_]*$` and be free.
 */
export function renameField(path: FieldPath, newId: string): FormCommand {
  return defineCommand('renameField', (model) => {
    const { field, section } = locateField(model, path);
    const { sectionPath } = splitPath(path);
    checkNewId(newId, section.fields.filter((f) => f.id !== field.id), sectionPath);
    const next = rename(model, sectionPath, field.id, newId);
    checkModel(next);
    return { model: next, revert: (m) => rename(m, sectionPath, newId, field.id) };
  });
}
