// rjsf's questions while rendering (`isValid`: which `if` branch, which `oneOf` option) answered by
// the precompiled module must get the answers the Ajv matcher of createRjsfValidator gives: for
// every fragment rjsf may ask about, on every example form and on hand-written forms with what
// the examples do not use (object options with their own conditions, `$ref`, `dependencies`),
// over every value found inside a corpus of data (sample, mutations, each choice switched).
import { afterAll, describe, expect, it } from 'vitest';
import type { RJSFSchema } from '@rjsf/utils';
import { createPrecompiledFormValidator } from '../src/index.js';
import { createRjsfValidator } from '../src/react/rjsfValidator.js';
import { compileFormValidatorModule } from '../src/standalone/index.js';
import { rjsfProbeFragments } from '../src/standalone/rjsfProbeFragments.js';
import { walkSchema } from '../src/schemaWalk.js';
import handWritten from './fixtures/rjsfConditionalForms.json' with { type: 'json' };
import { exampleForms } from './support/exampleForms.js';
import { mutations, sampleValue } from './support/formSamples.js';
import { importFormModule, removeFormModules } from './support/loadFormModule.js';

/** Compiling the largest example form (B-F1, 60 fields) takes seconds on a loaded 2-core machine: more than vitest's 5 s default. */
const COMPILE_TIMEOUT_MS = 30_000;

afterAll(removeFormModules);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every `const` of a `oneOf`/`anyOf` choice and every `enum` value, by property name (mutations switch only `enum`s). */
function choiceValues(schema: object): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  walkSchema(schema, (node) => {
    const properties = isObject(node['properties']) ? node['properties'] : {};
    for (const [name, property] of Object.entries(properties)) {
      if (!isObject(property)) continue;
      const options = [...(Array.isArray(property['oneOf']) ? property['oneOf'] : []), ...(Array.isArray(property['anyOf']) ? property['anyOf'] : [])];
      const values = [...options.filter(isObject).filter((o) => 'const' in o).map((o) => o['const']), ...(Array.isArray(property['enum']) ? property['enum'] : [])];
      if (values.length > 0) out.set(name, [...(out.get(name) ?? []), ...values]);
    }
  });
  return out;
}

/** The data cases of a form, and every value inside them (rjsf asks about nested groups and list items too). */
function valueCorpus(schema: object): unknown[] {
  const sample = sampleValue(schema);
  const cases = [undefined, {}, sample, ...mutations(schema, sample).map((c) => c.data)];
  for (const [name, values] of choiceValues(schema)) {
    for (const value of values) if (isObject(sample)) cases.push({ ...sample, [name]: value }, { [name]: value });
  }
  const seen = new Map<string, unknown>();
  const collect = (value: unknown): void => {
    seen.set(JSON.stringify(value) ?? 'undefined', value);
    if (Array.isArray(value)) value.forEach(collect);
    else if (isObject(value)) Object.values(value).forEach(collect);
  };
  cases.forEach(collect);
  return [...seen.values()];
}

const FORMS: [string, object][] = [
  ...exampleForms().map((f): [string, object] => [f.name, f.schema]),
  ...Object.entries(handWritten as Record<string, object>).map(([name, schema]): [string, object] => [`hand-written ${name}`, schema]),
];

describe('the module answers rjsf\'s questions as the Ajv matcher does', () => {
  const runtime = createRjsfValidator();
  const tally = { forms: 0, fragments: 0, matched: 0, unmatched: 0 };

  it.each(FORMS)('%s', async (_name, schema) => {
    const fragments = [...rjsfProbeFragments(schema).values()];
    if (fragments.length === 0) return;
    const precompiled = createPrecompiledFormValidator(await importFormModule(compileFormValidatorModule(schema)));
    const values = valueCorpus(schema);
    tally.forms++;
    tally.fragments += fragments.length;
    for (const fragment of fragments) {
      for (const value of values) {
        const expected = runtime.isValid(fragment as RJSFSchema, value, schema as RJSFSchema);
        // A copy with other key order is the same question.
        const copy = JSON.parse(JSON.stringify(fragment)) as object;
        expect(precompiled.matchFragment(copy, value), `${JSON.stringify(fragment)} on ${JSON.stringify(value)}`).toBe(expected);
        tally[expected ? 'matched' : 'unmatched']++;
      }
    }
  }, COMPILE_TIMEOUT_MS);

  it('compared both answers on the forms with conditions or choices', () => {
    // 20 example forms (9 of A–C, 11 of D and E) and the 2 hand-written ones have conditions or choices.
    expect(tally.forms).toBe(22);
    expect(tally.fragments).toBeGreaterThanOrEqual(50);
    expect(tally.matched).toBeGreaterThan(900);
    expect(tally.unmatched).toBeGreaterThan(4000);
  });
});

describe('the fragments of a module', () => {
  it('include the conditions, the options as rjsf augments them, rjsf\'s junk option and dependency conditions', () => {
    const keys = [...rjsfProbeFragments((handWritten as Record<string, object>)['parties']!).keys()];
    expect(keys).toContain('{"properties":{"kind":{"const":"P"}}}');
    expect(keys).toContain('{"properties":{"agreed":{"const":"yes"}},"type":"object"}');
    expect(keys).toContain('{"$id":"_$junk_option_schema_id$_","anyOf":[{"required":["__not_really_there__"]}],"properties":{"__not_really_there__":{"type":"number"}},"type":"object"}');
    const contact = [...rjsfProbeFragments((handWritten as Record<string, object>)['contact']!).keys()];
    // The address option as rjsf matches it once its own condition is resolved: without the village, and with it.
    expect(contact.filter((k) => k.startsWith('{"anyOf":[{"required":["address"]}]'))).toHaveLength(1);
    expect(contact.some((k) => k.includes('"village"') && k.includes('{"required":["address"]}'))).toBe(true);
  });

  it('are found in linear time on a form with many conditions (rjsf\'s full expansion is skipped there)', () => {
    const properties: Json = {};
    const allOf: Json[] = [];
    for (let i = 0; i < 24; i++) {
      properties[`k${i}`] = { type: 'string', enum: ['a', 'b'] };
      allOf.push({
        if: { properties: { [`k${i}`]: { const: 'a' } }, required: [`k${i}`] },
        then: { properties: { [`x${i}`]: { type: 'string' } }, required: [`x${i}`] },
        else: { properties: { [`y${i}`]: { type: 'string' } } },
      });
    }
    const started = Date.now();
    const fragments = rjsfProbeFragments({ type: 'object', properties, allOf });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(fragments.size).toBe(24);
  });

  it('answer undefined for a fragment the module does not know, and booleans by themselves', async () => {
    const schema = (handWritten as Record<string, object>)['contact']!;
    const precompiled = createPrecompiledFormValidator(await importFormModule(compileFormValidatorModule(schema)));
    expect(precompiled.matchFragment({ properties: { kind: { const: 'X' } } }, { kind: 'X' })).toBeUndefined();
    expect(precompiled.matchFragment(true, 1)).toBe(true);
    expect(precompiled.matchFragment(false, 1)).toBe(false);
    expect(precompiled.matchFragment({ properties: { kind: { const: 'U' } }, required: ['kind'] }, { kind: 'U' })).toBe(true);
  });
});
