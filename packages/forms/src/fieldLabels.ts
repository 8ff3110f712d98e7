import type { Locale } from '@civicflow/engine';
import { splitPointer } from './jsonPointer.js';
import { formLabel, itemLabel } from './messages.js';
import { isSchemaNode } from './schemaWalk.js';
import type { SchemaNode } from './schemaWalk.js';

const MAX_DEPTH = 64;
const BRANCH_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf'] as const;
const BRANCH_KEYWORDS = ['then', 'else'] as const;

/** Resolves a local `$ref` (`#` or `#/json/pointer`); other references give `undefined`. */
function resolveRef(root: unknown, ref: unknown): SchemaNode | undefined {
  if (typeof ref !== 'string' || (ref !== '#' && !ref.startsWith('#/'))) return undefined;
  let node: unknown = root;
  for (const token of splitPointer(decodeURIComponent(ref.slice(1)))) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isSchemaNode(node)) node = node[token];
    else return undefined;
  }
  return isSchemaNode(node) ? node : undefined;
}

function titleOf(root: unknown, node: SchemaNode, depth: number): string | undefined {
  if (typeof node.title === 'string' && node.title.trim() !== '') return node.title.trim();
  const target = depth < MAX_DEPTH ? resolveRef(root, node.$ref) : undefined;
  return target ? titleOf(root, target, depth + 1) : undefined;
}

/** Schemas that describe the child `token` of a value described by `node` (same schema object only). */
function childSchemas(node: SchemaNode, token: string): unknown[] {
  const out: unknown[] = [];
  if (isSchemaNode(node.properties) && Object.hasOwn(node.properties, token)) out.push(node.properties[token]);
  if (isSchemaNode(node.patternProperties)) {
    for (const [pattern, s] of Object.entries(node.patternProperties)) {
      try {
        if (new RegExp(pattern, 'u').test(token)) out.push(s);
      } catch {
        // an invalid pattern is reported when the schema is compiled
      }
    }
  }
  if (/^(0|[1-9]\d*)$/.test(token)) {
    const index = Number(token);
    if (Array.isArray(node.prefixItems) && index < node.prefixItems.length) out.push(node.prefixItems[index]);
    else out.push(node.items);
  }
  out.push(node.additionalProperties);
  return out;
}

function titleAt(root: unknown, node: unknown, tokens: readonly string[], depth: number): string | undefined {
  if (!isSchemaNode(node) || depth > MAX_DEPTH) return undefined;
  const [head, ...rest] = tokens;
  if (head === undefined) return titleOf(root, node, depth);
  for (const child of childSchemas(node, head)) {
    const t = titleAt(root, child, rest, depth + 1);
    if (t !== undefined) return t;
  }
  const branches: unknown[] = [resolveRef(root, node.$ref)];
  for (const k of BRANCH_LIST_KEYWORDS) if (Array.isArray(node[k])) branches.push(...(node[k] as unknown[]));
  for (const k of BRANCH_KEYWORDS) branches.push(node[k]);
  if (isSchemaNode(node.dependentSchemas)) branches.push(...Object.values(node.dependentSchemas));
  for (const branch of branches) {
    const t = titleAt(root, branch, tokens, depth + 1);
    if (t !== undefined) return t;
  }
  return undefined;
}

/**
 * The label a person sees for the value at `pointer`: the `title` of the schema describing it
 * (found through `properties`, `patternProperties`, `items`/`prefixItems`, local `$ref`s and
 * `allOf`/`anyOf`/`oneOf`/`then`/`else` branches), else "<list> item n" for list items,
 * else the property name. The root value is the form (its `title`, or 表单 / Form).
 */
export function fieldLabel(rootSchema: unknown, pointer: string, locale: Locale): string {
  const tokens = splitPointer(pointer);
  if (tokens.length === 0) {
    return (isSchemaNode(rootSchema) && titleOf(rootSchema, rootSchema, 0)) || formLabel(locale);
  }
  const title = titleAt(rootSchema, rootSchema, tokens, 0);
  if (title !== undefined) return title;
  const last = tokens[tokens.length - 1] ?? '';
  if (/^(0|[1-9]\d*)$/.test(last)) {
    const parent = pointer.slice(0, pointer.lastIndexOf('/'));
    return itemLabel(fieldLabel(rootSchema, parent, locale), Number(last), locale);
  }
  return last;
}
