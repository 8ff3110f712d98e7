import type { RJSFSchema, UiSchema } from '@rjsf/utils';

type Json = Record<string, unknown>;

/** Up to this many options, a single choice shows as radio buttons (all visible, one tap) instead of a dropdown. */
export const RADIO_MAX_OPTIONS = 4;

function choiceCount(schema: Json): number {
  if (Array.isArray(schema['enum'])) return schema['enum'].length;
  const branches = schema['oneOf'] ?? schema['anyOf'];
  if (Array.isArray(branches) && branches.every((b) => b && typeof b === 'object' && 'const' in b)) return branches.length;
  return 0;
}

function acceptsOnlyImages(schema: Json): boolean {
  const accept = schema['x-cf-accept'];
  return Array.isArray(accept) && accept.length > 0 && accept.every((a) => typeof a === 'string' && a.startsWith('image/'));
}

/**
 * The uiSchema of one field with civicflow's widget chosen from the schema when the author did not
 * name one, following FIELDS.md: computed values (`x-cf-compute`) → `cf-computed`; `x-cf-geo`
 * objects → the geo field; `cf-attachment` strings → `cf-signature` / `cf-photo` / `cf-file`;
 * money-shaped numbers (`minimum: 0, multipleOf: 0.01`) → `cf-money`; short single choices →
 * radio buttons. Returns the given uiSchema object itself when nothing changes.
 */
export function inferUiSchema(schema: RJSFSchema, uiSchema: UiSchema | undefined): UiSchema | undefined {
  const s = schema as Json;
  const ui = (uiSchema ?? {}) as Json;
  const widget = ui['ui:widget'];
  if (ui['ui:field'] !== undefined) return uiSchema;
  if (widget === 'cf-geo' || (widget === undefined && s['x-cf-geo'] === true)) return { ...ui, 'ui:field': 'cf-geo' };
  if (typeof s['x-cf-compute'] === 'string') return { ...ui, 'ui:widget': 'cf-computed' };
  if (widget !== undefined) return uiSchema;
  if (s['format'] === 'cf-attachment') {
    return { ...ui, 'ui:widget': s['x-cf-signature'] === true ? 'cf-signature' : acceptsOnlyImages(s) ? 'cf-photo' : 'cf-file' };
  }
  if ((s['type'] === 'number' || s['type'] === 'integer') && s['multipleOf'] === 0.01 && s['minimum'] === 0) return { ...ui, 'ui:widget': 'cf-money' };
  if (s['type'] === 'string') {
    const n = choiceCount(s);
    if (n > 0 && n <= RADIO_MAX_OPTIONS) return { ...ui, 'ui:widget': 'radio' };
  }
  return uiSchema;
}
