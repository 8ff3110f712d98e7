import { describePath, refuse } from './formEditError.js';
import type { FieldPath, FormField, FormModel, FormSection } from './model.js';

/** The section a field holds (a group, or a list whose items are objects), if any. */
export function sectionOfField(field: FormField): FormSection | undefined {
  if (field.type === 'group') return field.section;
  if (field.type === 'list' && field.items.kind === 'fields') return field.items.section;
  return undefined;
}

/** The field with its section replaced (the field must hold one). */
function withSection(field: FormField, section: FormSection): FormField {
  if (field.type === 'group') return { ...field, section };
  if (field.type === 'list' && field.items.kind === 'fields') return { ...field, items: { ...field.items, section } };
  return refuse('CF_BUILDER_NOT_A_SECTION', `字段 "${field.id}" 不是分组或列表`, `the field "${field.id}" is not a group or list of fields`);
}

/** The section at `sectionPath` (`[]`: the form itself). */
export function getSection(model: FormModel, sectionPath: FieldPath): FormSection {
  let section = model.root;
  sectionPath.forEach((id, depth) => {
    const field = section.fields.find((f) => f.id === id);
    const here = sectionPath.slice(0, depth + 1);
    if (!field) refuse('CF_BUILDER_FIELD_NOT_FOUND', `找不到字段 ${describePath(here)}`, `there is no field ${describePath(here)}`, here);
    const inner = sectionOfField(field);
    if (!inner) refuse('CF_BUILDER_NOT_A_SECTION', `字段 ${describePath(here)} 不是分组或对象列表`, `the field ${describePath(here)} is not a group or list of fields`, here);
    section = inner;
  });
  return section;
}

/** The model with the section at `sectionPath` replaced by `update(section)`. */
export function updateSection(model: FormModel, sectionPath: FieldPath, update: (section: FormSection) => FormSection): FormModel {
  const visit = (section: FormSection, depth: number): FormSection => {
    if (depth === sectionPath.length) return update(section);
    const id = sectionPath[depth];
    const here = sectionPath.slice(0, depth + 1);
    const index = section.fields.findIndex((f) => f.id === id);
    const field = section.fields[index];
    if (!field) refuse('CF_BUILDER_FIELD_NOT_FOUND', `找不到字段 ${describePath(here)}`, `there is no field ${describePath(here)}`, here);
    const inner = sectionOfField(field);
    if (!inner) refuse('CF_BUILDER_NOT_A_SECTION', `字段 ${describePath(here)} 不是分组或对象列表`, `the field ${describePath(here)} is not a group or list of fields`, here);
    const fields = [...section.fields];
    fields[index] = withSection(field, visit(inner, depth + 1));
    return { ...section, fields };
  };
  return { ...model, root: visit(model.root, 0) };
}

/** Splits a field path into its section path and its id. */
export function splitPath(path: FieldPath): { sectionPath: FieldPath; id: string } {
  const id = path[path.length - 1];
  if (id === undefined) refuse('CF_BUILDER_FIELD_NOT_FOUND', '字段路径为空', 'the field path is empty');
  return { sectionPath: path.slice(0, -1), id };
}

/** The field at `path`, with its section and position. */
export function locateField(model: FormModel, path: FieldPath): { field: FormField; section: FormSection; index: number } {
  const { sectionPath, id } = splitPath(path);
  const section = getSection(model, sectionPath);
  const index = section.fields.findIndex((f) => f.id === id);
  const field = section.fields[index];
  if (!field) refuse('CF_BUILDER_FIELD_NOT_FOUND', `找不到字段 ${describePath(path)}`, `there is no field ${describePath(path)}`, path);
  return { field, section, index };
}

/** The field at `path`. */
export function getField(model: FormModel, path: FieldPath): FormField {
  return locateField(model, path).field;
}

/** The model with the field at `path` replaced by `update(field)`. */
export function updateFieldAt(model: FormModel, path: FieldPath, update: (field: FormField) => FormField): FormModel {
  const { sectionPath, id } = splitPath(path);
  return updateSection(model, sectionPath, (section) => {
    const index = section.fields.findIndex((f) => f.id === id);
    const field = section.fields[index];
    if (!field) refuse('CF_BUILDER_FIELD_NOT_FOUND', `找不到字段 ${describePath(path)}`, `there is no field ${describePath(path)}`, path);
    const fields = [...section.fields];
    fields[index] = update(field);
    return { ...section, fields };
  });
}

/** Same section path? */
export function samePath(a: FieldPath, b: FieldPath): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
