import Ajv2020 from 'ajv/dist/2020.js';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIO_JSON_SCHEMA, validateScenario } from '@civicflow/engine/testing';
import scenarioSchema from '@civicflow/engine/scenario.schema.json';

/**
 * The scenario format's JSON Schema (for editors and validator libraries) and the engine's own
 * `validateScenario` agree: the examples' saved scenarios pass both, and each broken variant below
 * fails both (a test in the forms package because Ajv lives here; the engine depends on no validator).
 */

const here = dirname(fileURLToPath(import.meta.url));
const examples = join(here, '..', '..', '..', 'examples');
const check = new Ajv2020({ strict: true, allErrors: true }).compile(scenarioSchema);

const savedScenarios = readdirSync(examples, { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(join(examples, d.name)).includes('scenarios'))
  .flatMap((d) => readdirSync(join(examples, d.name, 'scenarios')).map((f) => join(examples, d.name, 'scenarios', f)));
const base = JSON.parse(readFileSync(savedScenarios[0]!, 'utf8')) as Record<string, unknown>;
const steps = base['steps'] as Record<string, unknown>[];

const BROKEN: [string, unknown][] = [
  ['another format version', { ...base, schemaVersion: 2 }],
  ['an unknown top-level member', { ...base, stpes: [] }],
  ['no actors', { ...base, actors: undefined }],
  ['a start instant without offset', { ...base, start: { ...(base['start'] as object), at: '2027-03-10T09:00:00' } }],
  ['an advance that is not a duration, date or instant', { ...base, steps: [{ advance: 'three days' }] }],
  ['an advance of P alone', { ...base, steps: [{ advance: 'P' }] }],
  ['a step with two actions', { ...base, steps: [{ advance: 'P1D', expect: {} }] }],
  ['a complete without data', { ...base, steps: [{ complete: { step: 'intake', as: Object.keys(base['actors'] as object)[0] } }] }],
  ['a refusal that is not an error code', { ...base, steps: [{ ...steps[0], refusedWith: 'form invalid' }] }],
  ['an unknown expectation', { ...base, expect: { openTask: [] } }],
  ['a status that does not exist', { ...base, expect: { status: 'finished' } }],
  ['an actor with a malformed org unit', { ...base, actors: { x: { id: 'x', roles: ['V_MED'], orgUnit: 'qingshicun' } } }],
];

describe('scenario file JSON Schema', () => {
  it('is the schema the testing entry exports', () => {
    expect(SCENARIO_JSON_SCHEMA).toEqual(scenarioSchema);
  });

  it('accepts every saved scenario of the examples, as validateScenario does', () => {
    expect(savedScenarios.length).toBeGreaterThanOrEqual(3);
    for (const file of savedScenarios) {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      expect(check(doc), `${file}: ${JSON.stringify(check.errors)}`).toBe(true);
      expect(validateScenario(doc), file).toEqual([]);
    }
  });

  it.each(BROKEN)('rejects %s, as validateScenario does', (_what, doc) => {
    const plain = JSON.parse(JSON.stringify(doc)) as unknown;
    expect(check(plain)).toBe(false);
    expect(validateScenario(plain).length).toBeGreaterThan(0);
  });
});
