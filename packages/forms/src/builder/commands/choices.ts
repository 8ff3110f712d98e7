import { describePath, refuse } from '../formEditError.js';
import type { Choice, ChoiceValue, FieldPath, FormField, FormSection, MultiSelectField, SelectField } from '../model.js';
import { checkIndex } from './addField.js';
import { fieldEditCommand } from './fieldEdit.js';
import type { FormCommand } from './formCommand.js';

function asChoiceField(field: FormField, path: FieldPath): SelectField | MultiSelectField {
  if (field.type !== 'select' && field.type !== 'multiselect') {
    refuse('CF_BUILDER_INVALID_CHOICE', `字段 ${describePath(path)} 没有选项（不是单选或多选）`, `the field ${describePath(path)} has no choices (it is not a select or multiselect)`, path);
  }
  return field;
}

function withChoices(field: SelectField | MultiSelectField, choices: readonly Choice[]): FormField {
  return { ...field, options: { ...field.options, choices } } as FormField;
}

function checkChoiceIndex(index: number, length: number, path: FieldPath): void {
  checkIndex(index, length - 1, path);
}

function conditionsUsing(section: FormSection, fieldId: string, value: ChoiceValue): string[] {
  const uses = (c: { field: string } & ({ equals: unknown } | { in: readonly unknown[] })): boolean =>
    c.field === fieldId && ('equals' in c ? c.equals === value : c.in.includes(value));
  return [
    ...section.fields.filter((f) => f.condition && uses(f.condition)).map((f) => `"${f.id}"`),
    ...section.rules.flatMap((r, i) => (uses(r.when) ? [`#${i + 1}`] : [])),
  ];
}

/** Inserts a choice at `index` of the select / multiselect at `path` (values must stay distinct). */
export function addChoice(path: FieldPath, index: number, choice: Choice): FormCommand {
  return fieldEditCommand('addChoice', path, (f) => {
    const field = asChoiceField(f, path);
    const choices = field.options.choices;
    checkIndex(index, choices.length, path);
    return withChoices(field, [...choices.slice(0, index), choice, ...choices.slice(index)]);
  });
}

/** Removes choice number `index`; refused while a condition or rule compares the field with its value. */
export function removeChoice(path: FieldPath, index: number): FormCommand {
  return fieldEditCommand('removeChoice', path, (f, section) => {
    const field = asChoiceField(f, path);
    const choices = field.options.choices;
    checkChoiceIndex(index, choices.length, path);
    const value = (choices[index] as Choice).value;
    const users = conditionsUsing(section, field.id, value);
    if (users.length) {
      refuse(
        'CF_BUILDER_FIELD_REFERENCED',
        `不能删除选项 ${JSON.stringify(value)}：条件/规则 ${users.join('、')} 用到了它`,
        `cannot remove the choice ${JSON.stringify(value)}: the condition(s)/rule(s) ${users.join(', ')} use it`,
        path,
      );
    }
    return withChoices(field, choices.filter((_, i) => i !== index));
  });
}

/** Moves choice number `from` to position `to`. */
export function moveChoice(path: FieldPath, from: number, to: number): FormCommand {
  return fieldEditCommand('moveChoice', path, (f) => {
    const field = asChoiceField(f, path);
    const choices = [...field.options.choices];
    checkChoiceIndex(from, choices.length, path);
    checkChoiceIndex(to, choices.length, path);
    const [moved] = choices.splice(from, 1);
    choices.splice(to, 0, moved as Choice);
    return withChoices(field, choices);
  });
}
