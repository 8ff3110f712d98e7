import type { BuilderFieldType, FieldPath, FormField, FormModel, FormSection } from '../../builder/index.js';

/** A stable string key of a field path (React keys, DOM ids, drag data). */
export function pathKey(path: FieldPath): string {
  return JSON.stringify(path);
}

/** The path a {@link pathKey} was made from, or undefined when `key` is not one. */
export function parsePathKey(key: string): FieldPath | undefined {
  try {
    const value: unknown = JSON.parse(key);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** Same path? */
export function samePath(a: FieldPath | undefined, b: FieldPath | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((id, i) => id === b[i]);
}

/** The section a group or list of fields holds, if any. */
export function innerSection(field: FormField): FormSection | undefined {
  if (field.type === 'group') return field.section;
  if (field.type === 'list' && field.items.kind === 'fields') return field.items.section;
  return undefined;
}

/** The field at `path`, or undefined (e.g. after an undo removed it). */
export function findField(model: FormModel, path: FieldPath): FormField | undefined {
  let section: FormSection | undefined = model.root;
  let field: FormField | undefined;
  for (const id of path) {
    field = section?.fields.find((f) => f.id === id);
    if (!field) return undefined;
    section = innerSection(field);
  }
  return field;
}

/** The section at `sectionPath` (`[]`: the form), or undefined. */
export function findSection(model: FormModel, sectionPath: FieldPath): FormSection | undefined {
  if (sectionPath.length === 0) return model.root;
  const field = findField(model, sectionPath);
  return field ? innerSection(field) : undefined;
}

/**
 * A free id for a new field of `type` in `section`: the type name and the first free number
 * (`text1`, `text2` …). Ids are data keys that processes refer to, so they stay ASCII; the
 * person gives the field a readable Chinese title instead.
 */
export function newFieldId(section: FormSection, type: BuilderFieldType): string {
  const taken = new Set(section.fields.map((f) => f.id));
  for (let n = 1; ; n += 1) {
    const id = `${type}${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Every section a field could be moved into, depth first, with its path and a label. */
export function listSections(model: FormModel): { path: FieldPath; label: string }[] {
  const out: { path: FieldPath; label: string }[] = [];
  const visit = (section: FormSection, path: FieldPath, label: string): void => {
    out.push({ path, label });
    for (const field of section.fields) {
      const inner = innerSection(field);
      if (inner) visit(inner, [...path, field.id], `${label ? `${label} › ` : ''}${field.title ?? field.id}`);
    }
  };
  visit(model.root, [], '');
  return out;
}

/** How a field is named in the interface: its title, else its id. */
export function fieldName(field: FormField): string {
  return field.title ?? field.id;
}
