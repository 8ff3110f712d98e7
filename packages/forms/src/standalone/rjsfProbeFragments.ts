import type { RJSFSchema, ValidatorType } from '@rjsf/utils/lib/types.js';
import { ITEMS_KEY, PROPERTIES_KEY } from '@rjsf/utils/lib/constants.js';
import deepEquals from '@rjsf/utils/lib/deepEquals.js';
import getDiscriminatorFieldFromSchema from '@rjsf/utils/lib/getDiscriminatorFieldFromSchema.js';
import getClosestMatchingOption from '@rjsf/utils/lib/schema/getClosestMatchingOption.js';
import { resolveAnyOrOneOfSchemas, retrieveSchemaInternal } from '@rjsf/utils/lib/schema/retrieveSchema.js';
import { canonicalJson } from '../builder/canonicalJson.js';
import { isSchemaNode, walkSchema } from '../schemaWalk.js';
import type { SchemaNode } from '../schemaWalk.js';

/**
 * Up to this many `if` conditions in a form, rjsf's expansion of every branch runs too. It builds
 * every combination of branches (2^n schemas: a quarter of a second at 10 conditions with `else`,
 * minutes at 20), so larger forms rely on the linear walk alone.
 */
const MAX_EXPANDED_CONDITIONS = 10;

/**
 * A validator for rjsf that records what rjsf asks `isValid` and answers `answer`, so that rjsf's
 * own functions can be run over a schema to learn which fragments it probes.
 */
function probeRecorder(fragments: Map<string, object>, answer: boolean): ValidatorType<unknown, RJSFSchema> {
  const refuse = (what: string) => (): never => {
    throw new Error(`rjsfProbeFragments: rjsf unexpectedly called ${what} while its probes were being recorded`);
  };
  return {
    isValid(schema) {
      // Boolean schemas answer themselves; the others are looked up by canonical JSON.
      if (isSchemaNode(schema)) fragments.set(canonicalJson(schema), schema);
      return answer;
    },
    validateFormData: refuse('validateFormData'),
    rawValidation: refuse('rawValidation'),
  };
}

/**
 * The schema fragments rjsf (`@rjsf/utils`) passes to its validator's `isValid` while it renders
 * a form of `schema`, by canonical JSON: `if` conditions (to pick the branch to show), `oneOf` /
 * `anyOf` options as `getFirstMatchingOption` augments them (an `anyOf` of `required`, without
 * `required`) — also as retrieved for data (their own conditions resolved), the junk option of
 * `getClosestMatchingOption`, discriminator properties and `dependencies` conditions.
 *
 * They are found by running rjsf's own functions with a recording validator over every `if`,
 * `oneOf`/`anyOf` and `dependencies` of the schema; and, for forms of up to
 * {@link MAX_EXPANDED_CONDITIONS} conditions, over rjsf's `schemaParser` walk with every branch
 * expanded (what `@rjsf/validator-ajv8`'s precompiled validators are made from), which also finds
 * fragments rjsf builds by resolving `$ref`s and merging branches. Data decides which of these
 * fragments rjsf asks about, not what they are, so a matcher per fragment answers every question.
 */
export function rjsfProbeFragments(schema: object): Map<string, object> {
  const root = schema as RJSFSchema;
  const fragments = new Map<string, object>();
  const recorder = probeRecorder(fragments, false);
  // Conditions all holding, or none: the two extremes of what rjsf makes of an option for data.
  const holding = probeRecorder(fragments, true);
  const nodes: SchemaNode[] = [];
  walkSchema(schema, (node) => nodes.push(node));
  const expand = nodes.filter((node) => isSchemaNode(node['if'])).length <= MAX_EXPANDED_CONDITIONS;

  for (const node of nodes) {
    const condition = node['if'];
    if (isSchemaNode(condition)) fragments.set(canonicalJson(condition), condition);
    recordDependencyConditions(node, fragments);
    const options = Array.isArray(node['oneOf']) ? node['oneOf'] : Array.isArray(node['anyOf']) ? node['anyOf'] : undefined;
    if (!options) continue;
    const subschema = node as RJSFSchema;
    // Matching with an empty object asks about every option (undefined data asks about none).
    resolveAnyOrOneOfSchemas(recorder, subschema, root, true, {});
    // rjsf's MultiSchemaField matches the options as retrieved for the data (conditions resolved,
    // `allOf` merged): every branch, and no branch at all.
    const variants: RJSFSchema[] = [];
    for (const option of options) {
      if (!isSchemaNode(option)) continue;
      const retrieved = [
        ...retrieveSchemaInternal(recorder, option as RJSFSchema, root, {}, false),
        ...retrieveSchemaInternal(holding, option as RJSFSchema, root, {}, false),
        ...(expand ? retrieveSchemaInternal(recorder, option as RJSFSchema, root, undefined, true) : []),
      ];
      for (const variant of retrieved) if (!variants.some((seen) => deepEquals(seen, variant))) variants.push(variant);
    }
    getClosestMatchingOption(recorder, root, {}, variants, -1, getDiscriminatorFieldFromSchema(subschema));
  }
  if (expand) parseLikeRjsf(root, recorder);
  return fragments;
}

/** rjsf's `schemaParser` walk (parser/schemaParser.js), with `validator` instead of its ParserValidator. */
function parseLikeRjsf(root: RJSFSchema, validator: ValidatorType<unknown, RJSFSchema>): void {
  const expanded: RJSFSchema[] = [];
  const parse = (node: RJSFSchema): void => {
    for (const local of retrieveSchemaInternal(validator, node, root, undefined, true)) {
      if (expanded.some((seen) => deepEquals(seen, local))) continue;
      expanded.push(local);
      const options = resolveAnyOrOneOfSchemas(validator, local, root, true);
      if (options.some((option) => isSchemaNode(option[PROPERTIES_KEY]))) {
        for (const property of Object.values(local[PROPERTIES_KEY] ?? {})) if (isSchemaNode(property)) parse(property as RJSFSchema);
      }
      const items = local[ITEMS_KEY];
      if (isSchemaNode(items)) parse(items as RJSFSchema);
    }
  };
  parse(root);
}

/**
 * The conditions rjsf's `withExactlyOneSubschema` (schema/retrieveSchema.js) builds for a
 * `dependencies` entry with a `oneOf`: `{ type: 'object', properties: { [key]: <the option's
 * schema of key> } }` for each option that declares the key.
 */
function recordDependencyConditions(node: SchemaNode, fragments: Map<string, object>): void {
  const dependencies = node['dependencies'];
  if (!isSchemaNode(dependencies)) return;
  for (const [key, dependency] of Object.entries(dependencies)) {
    const options = isSchemaNode(dependency) ? dependency['oneOf'] : undefined;
    if (!Array.isArray(options)) continue;
    for (const option of options) {
      const properties = isSchemaNode(option) ? option['properties'] : undefined;
      const property = isSchemaNode(properties) && Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (property === undefined) continue;
      const condition = { type: 'object', properties: { [key]: property } };
      fragments.set(canonicalJson(condition), condition);
    }
  }
}
