import type { LocalizedText } from '@civicflow/engine';

/** A problem the server found in submitted data, at a JSON pointer into the form's data. */
export interface ServerFieldError {
  pointer: string;
  message: LocalizedText | string;
}

/** Codes whose `details` list problems with pointers (CF_ENGINE_FORM_INVALID: the schema; CF_ENGINE_CHECK_FAILED: a step's rules). */
const CODES_WITH_FIELD_ERRORS = new Set(['CF_ENGINE_FORM_INVALID', 'CF_ENGINE_CHECK_FAILED']);

/** The per-field problems of an error answer to a submission, in the server's order; none for other errors. */
export function serverFieldErrors(code: string, details: unknown): ServerFieldError[] {
  if (!CODES_WITH_FIELD_ERRORS.has(code) || !Array.isArray(details)) return [];
  return details.flatMap((d: unknown): ServerFieldError[] => {
    if (typeof d !== 'object' || d === null) return [];
    const { pointer, message } = d as { pointer?: unknown; message?: unknown };
    if (typeof pointer !== 'string') return [];
    if (typeof message === 'string') return [{ pointer, message }];
    if (typeof message === 'object' && message !== null && typeof (message as LocalizedText)['zh-CN'] === 'string') return [{ pointer, message: message as LocalizedText }];
    return [];
  });
}

function tokens(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The subschema of property `key` of `node`, also inside conditional parts (`if`/`then`, `allOf`, `oneOf` …). */
function propertyOf(node: Record<string, unknown> | undefined, key: string, depth = 0): Record<string, unknown> | undefined {
  if (!node || depth > 8) return undefined;
  const own = asObject(asObject(node['properties'])?.[key]);
  if (own) return own;
  for (const part of ['then', 'else']) {
    const found = propertyOf(asObject(node[part]), key, depth + 1);
    if (found) return found;
  }
  for (const list of ['allOf', 'anyOf', 'oneOf']) {
    const entries = node[list];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const found = propertyOf(asObject(entry), key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * How a person names the field at `pointer`: the titles along the way, with list positions
 * counted from 1 (`/applicants/0/id_no` → `申请人 › 1 › 证件号码`). A step without a title
 * shows its key; an empty pointer (the whole form) gives ''.
 */
export function fieldLabel(schema: unknown, pointer: string): string {
  const parts: string[] = [];
  let node = asObject(schema);
  for (const token of tokens(pointer)) {
    const property = propertyOf(node, token);
    if (property) {
      node = property;
      const title = node['title'];
      parts.push(typeof title === 'string' && title ? title : token);
    } else if (/^\d+$/.test(token)) {
      node = asObject(node?.['items']);
      parts.push(String(Number(token) + 1));
    } else {
      node = undefined;
      parts.push(token);
    }
  }
  return parts.join(' › ');
}
