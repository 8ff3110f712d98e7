import { BUILDER_FIELD_TYPES, addField, createField, moveField } from '../../builder/index.js';
import type { BuilderFieldType, FieldPath, FormCommand, FormModel } from '../../builder/index.js';
import type { BuilderContextValue } from './builderContext.js';
import { findSection, newFieldId, parsePathKey, samePath } from './builderPaths.js';

/** Drag data type of a palette entry (the field type). */
export const DRAG_FIELD_TYPE = 'application/x-civicflow-field-type';
/** Drag data type of a field on the canvas (its path as JSON). */
export const DRAG_FIELD_PATH = 'application/x-civicflow-field-path';

/**
 * Adds a new field of `type` at `index` of the section at `sectionPath`, titled with the type's
 * name so that the preview shows something readable at once, and selects it.
 */
export function addNewField(ctx: BuilderContextValue, type: BuilderFieldType, sectionPath: FieldPath, index: number): boolean {
  const section = findSection(ctx.model, sectionPath);
  if (!section) return false;
  const id = newFieldId(section, type);
  const ok = ctx.run(addField(sectionPath, index, createField(type, id, { title: ctx.strings.fieldTypes[type] })));
  if (ok) ctx.select([...sectionPath, id]);
  return ok;
}

/** Where "add" puts a field: right after the selected field, else at the end of the form. */
export function insertionPoint(model: FormModel, selected: FieldPath | undefined): { sectionPath: FieldPath; index: number } {
  if (selected && selected.length > 0) {
    const sectionPath = selected.slice(0, -1);
    const section = findSection(model, sectionPath);
    const index = section?.fields.findIndex((f) => f.id === selected[selected.length - 1]) ?? -1;
    if (section && index >= 0) return { sectionPath, index: index + 1 };
  }
  return { sectionPath: [], index: model.root.fields.length };
}

/**
 * The move that puts the field at `from` before position `beforeIndex` of the section at
 * `toSection` (positions as the person sees them, before taking the field out), or undefined when
 * the field would stay where it is. `moveField` counts its index after taking the field out.
 */
export function moveBefore(model: FormModel, from: FieldPath, toSection: FieldPath, beforeIndex: number): FormCommand | undefined {
  const fromSection = from.slice(0, -1);
  if (samePath(fromSection, toSection)) {
    const fields = findSection(model, toSection)?.fields ?? [];
    const fromIndex = fields.findIndex((f) => f.id === from[from.length - 1]);
    const toIndex = fromIndex >= 0 && fromIndex < beforeIndex ? beforeIndex - 1 : beforeIndex;
    return toIndex === fromIndex ? undefined : moveField(from, toSection, toIndex);
  }
  return moveField(from, toSection, beforeIndex);
}

/** True when a drag carries a palette entry or a canvas field (so the drop target accepts it). */
export function carriesBuilderData(data: DataTransfer): boolean {
  return data.types.includes(DRAG_FIELD_TYPE) || data.types.includes(DRAG_FIELD_PATH);
}

function isFieldType(value: string): value is BuilderFieldType {
  return (BUILDER_FIELD_TYPES as readonly string[]).includes(value);
}

/**
 * Handles a drop before position `beforeIndex` of the section at `toSection`: a palette entry adds
 * a field there, a canvas field moves there. Refusals (e.g. moving a conditional field out of its
 * group) are shown by `run` like every other refusal.
 */
export function dropInto(ctx: BuilderContextValue, data: DataTransfer, toSection: FieldPath, beforeIndex: number): void {
  const type = data.getData(DRAG_FIELD_TYPE);
  if (isFieldType(type)) {
    addNewField(ctx, type, toSection, beforeIndex);
    return;
  }
  const from = parsePathKey(data.getData(DRAG_FIELD_PATH));
  const id = from?.[from.length - 1];
  if (!from || id === undefined) return;
  const command = moveBefore(ctx.model, from, toSection, beforeIndex);
  if (command && ctx.run(command)) ctx.select([...toSection, id]);
}
