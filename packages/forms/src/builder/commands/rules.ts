import type { FieldPath, ValidationRule } from '../model.js';
import { checkIndex } from './addField.js';
import { sectionEditCommand } from './fieldEdit.js';
import type { FormCommand } from './formCommand.js';

/** Inserts a validation rule at position `index` of the section at `sectionPath`. */
export function addRule(sectionPath: FieldPath, index: number, rule: ValidationRule): FormCommand {
  return sectionEditCommand('addRule', sectionPath, (section) => {
    checkIndex(index, section.rules.length, sectionPath);
    return { ...section, rules: [...section.rules.slice(0, index), rule, ...section.rules.slice(index)] };
  });
}

/** Removes validation rule number `index` of the section at `sectionPath`. */
export function removeRule(sectionPath: FieldPath, index: number): FormCommand {
  return sectionEditCommand('removeRule', sectionPath, (section) => {
    checkIndex(index, section.rules.length - 1, sectionPath);
    return { ...section, rules: section.rules.filter((_, i) => i !== index) };
  });
}

/** Replaces validation rule number `index` of the section at `sectionPath`. */
export function updateRule(sectionPath: FieldPath, index: number, rule: ValidationRule): FormCommand {
  return sectionEditCommand('updateRule', sectionPath, (section) => {
    checkIndex(index, section.rules.length - 1, sectionPath);
    return { ...section, rules: section.rules.map((r, i) => (i === index ? rule : r)) };
  });
}

/** Closes the section at `sectionPath` (`additionalProperties: false`) or opens it again. */
export function setSectionClosed(sectionPath: FieldPath, closed: boolean): FormCommand {
  return sectionEditCommand('setSectionClosed', sectionPath, (section) => ({ ...section, closed }));
}
