import { checkModel } from '../checkModel.js';
import { getSection, locateField, updateFieldAt, updateSection } from '../modelPaths.js';
import type { FieldPath, FormField, FormModel, FormSection } from '../model.js';
import { defineCommand } from './formCommand.js';
import type { FormCommand } from './formCommand.js';

/**
 * A command that changes one field in place (same id): the edited model is checked as a whole,
 * and reverting puts the previous field back.
 */
export function fieldEditCommand(name: string, path: FieldPath, edit: (field: FormField, section: FormSection) => FormField): FormCommand {
  return defineCommand(name, (model) => {
    const { field, section } = locateField(model, path);
    const edited = edit(field, section);
    const next = updateFieldAt(model, path, () => edited);
    checkModel(next);
    return { model: next, revert: (m: FormModel) => updateFieldAt(m, path, () => field) };
  });
}

/** A command that changes one section's own settings (rules, closed); reverting restores them. */
export function sectionEditCommand(name: string, sectionPath: FieldPath, edit: (section: FormSection) => FormSection): FormCommand {
  return defineCommand(name, (model) => {
    const before = getSection(model, sectionPath);
    const next = updateSectionSettings(model, sectionPath, edit(before));
    checkModel(next);
    return { model: next, revert: (m: FormModel) => updateSectionSettings(m, sectionPath, before) };
  });
}

function updateSectionSettings(model: FormModel, sectionPath: FieldPath, settings: FormSection): FormModel {
  return updateSection(model, sectionPath, (s) => ({ ...s, rules: settings.rules, closed: settings.closed }));
}
