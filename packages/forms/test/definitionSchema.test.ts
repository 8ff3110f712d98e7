import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, STEP_KINDS, validateDefinition } from '@civicflow/engine';
import definitionSchema from '@civicflow/engine/definition.schema.json';

/**
 * The definition format's JSON Schema (shipped by @civicflow/engine for editors and the studio)
 * must agree with `validateDefinition` on everything both can see: the fixtures in
 * fixtures/definitions are valid or invalid for both, with the codes the validator reports.
 * Problems only the semantic validator can see (graph, expressions, statutes) are listed in
 * SEMANTIC_ONLY; shapes only the schema rejects today are listed in SCHEMA_ONLY.
 */

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');
const fixturesDir = join(here, 'fixtures', 'definitions');
const examplesDir = join(repoRoot, 'examples');

type Json = Record<string, unknown>;
interface Fixture { description: string; valid: boolean; expectedCodes: string[]; doc: unknown }

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

function compileStrict(): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  return ajv.compile(definitionSchema);
}
const schemaCheck = compileStrict();

function schemaErrors(doc: unknown): string[] {
  if (schemaCheck(doc)) return [];
  return (schemaCheck.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}

/** Distinct error-severity codes, sorted (warnings such as CF_DEF_NO_DEFAULT_ROUTE do not make a definition invalid). */
function errorCodes(doc: unknown): string[] {
  return [...new Set(validateDefinition(doc).filter((p) => p.severity === 'error').map((p) => p.code))].sort();
}

const fixtures: [string, Fixture][] = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, readJson(join(fixturesDir, f)) as Fixture]);
const fixture = (name: string): Fixture => fixtures.find(([f]) => f === `${name}.json`)![1];
const everyKind = (): Json => clone(fixture('valid-every-kind').doc) as Json;

/** Walks into a mutable copy of a document: `at(d, 'steps', 'vetting')`. */
const at = (doc: Json, ...path: (string | number)[]): Json => path.reduce<Json>((o, k) => o[k] as Json, doc);

describe('definition JSON Schema', () => {
  it('compiles with Ajv in strict mode and is a valid draft 2020-12 schema', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    expect(ajv.validateSchema(definitionSchema)).toBe(true);
    expect(() => ajv.compile(definitionSchema)).not.toThrow();
    expect(definitionSchema.$id).toBe('https://civicflow.dev/schemas/definition-v1.json');
    expect(definitionSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('names the same step kinds and format version as the engine', () => {
    expect([...definitionSchema.$defs.Step.properties.kind.enum].sort()).toEqual([...STEP_KINDS].sort());
    // Each kind dispatches (if kind … then $ref) to a definition whose kind is that kind.
    const dispatch = definitionSchema.$defs.Step.allOf.map((b) => [b.if.properties.kind.const, b.then.$ref.replace('#/$defs/', '')] as const);
    expect(dispatch.map(([kind]) => kind).sort()).toEqual([...STEP_KINDS].sort());
    const defs = definitionSchema.$defs as unknown as Record<string, { properties: { kind: { const: string } } }>;
    for (const [kind, def] of dispatch) expect(defs[def]?.properties.kind.const, def).toBe(kind);
    expect(definitionSchema.properties.schemaVersion.const).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('has at least 12 fixtures, valid and invalid ones, and the every-kind fixture uses every step kind', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
    expect(fixtures.some(([, f]) => f.valid)).toBe(true);
    expect(fixtures.some(([, f]) => !f.valid)).toBe(true);
    const kinds = new Set<string>();
    const walk = (steps: Record<string, Json>): void => {
      for (const s of Object.values(steps)) {
        kinds.add(s['kind'] as string);
        for (const region of [...((s['branches'] as Json[] | undefined) ?? []), ...((s['rungs'] as Json[] | undefined) ?? [])]) walk(region['steps'] as Record<string, Json>);
      }
    };
    walk(everyKind()['steps'] as Record<string, Json>);
    expect([...kinds].sort()).toEqual([...STEP_KINDS].sort());
  });

  describe.each(fixtures)('fixture %s', (_name, f) => {
    it(`${f.valid ? 'is valid' : 'is invalid'} for the JSON Schema and for validateDefinition (${f.description})`, () => {
      expect(f.valid ? [] : f.expectedCodes.length).not.toBe(0);
      const errors = schemaErrors(f.doc);
      if (f.valid) expect(errors).toEqual([]);
      else expect(errors.length).toBeGreaterThan(0);
      expect(errorCodes(f.doc)).toEqual([...f.expectedCodes].sort());
    });
  });

  /** Problems only the semantic validator sees: the JSON Schema accepts these documents. */
  const SEMANTIC_ONLY: { name: string; expectedCodes: string[]; change: (d: Json) => void }[] = [
    { name: 'a route to a step that does not exist', expectedCodes: ['CF_DEF_UNKNOWN_TARGET'], change: (d) => { at(d, 'steps', 'submit', 'next', 0)['to'] = 'triag'; } },
    { name: 'an unreachable step', expectedCodes: ['CF_DEF_UNREACHABLE_STEP'], change: (d) => { at(d, 'steps')['orphan'] = { kind: 'end', outcome: 'ORPHAN', title: t('孤立', 'orphan') }; } },
    { name: 'a start step that does not exist', expectedCodes: ['CF_DEF_UNKNOWN_START'], change: (d) => { d['start'] = 'begin'; } },
    { name: 'a loop without exit', expectedCodes: ['CF_DEF_NO_PATH_TO_END'], change: (d) => { at(d, 'steps', 'pause')['next'] = 'coolingOff'; } },
    { name: 'a branch without an end step', expectedCodes: ['CF_DEF_REGION_NO_END'], change: (d) => { const steps = at(d, 'steps', 'prepare', 'branches', 1, 'steps'); at(steps, 'assessRisk')['next'] = 'assessRisk'; delete steps['riskAssessed']; } },
    { name: 'a branch step routing out of its branch', expectedCodes: ['CF_DEF_NO_PATH_TO_END', 'CF_DEF_TARGET_OUTSIDE_REGION', 'CF_DEF_UNREACHABLE_STEP'], change: (d) => { at(d, 'steps', 'prepare', 'branches', 0, 'steps', 'fileRecords')['next'] = 'done'; } },
    { name: 'a rung deadline routing into another rung', expectedCodes: ['CF_DEF_TARGET_OUTSIDE_REGION'], change: (d) => { at(d, 'steps', 'dispute', 'rungs', 0, 'deadline', 'onExpiry')['goto'] = 'townMediate'; } },
    {
      name: 'a step id used twice (in a branch and at the top)', expectedCodes: ['CF_DEF_DUPLICATE_STEP_ID', 'CF_DEF_NO_PATH_TO_END', 'CF_DEF_TARGET_OUTSIDE_REGION', 'CF_DEF_UNREACHABLE_STEP'],
      change: (d) => { const steps = at(d, 'steps', 'prepare', 'branches', 0, 'steps'); steps['done'] = { kind: 'end', outcome: 'X', title: t('重复', 'duplicate') }; at(steps, 'fileRecords')['next'] = [{ when: 'form.text == null', to: 'done' }, { to: 'recordsFiled' }]; },
    },
    { name: 'an unknown role', expectedCodes: ['CF_DEF_UNKNOWN_ROLE'], change: (d) => { at(d, 'steps', 'submit', 'assignee')['role'] = 'CLERK'; } },
    { name: 'an unknown form', expectedCodes: ['CF_DEF_UNKNOWN_FORM'], change: (d) => { at(d, 'steps', 'submit')['form'] = 'aplication'; } },
    { name: 'an unknown field of the form in an expression', expectedCodes: ['CF_DEF_EXPRESSION_UNKNOWN_FIELD'], change: (d) => { at(d, 'steps', 'submit', 'checks', 0)['assert'] = 'form.amout >= 0'; } },
    { name: 'an unknown field of the data in an expression', expectedCodes: ['CF_DEF_EXPRESSION_UNKNOWN_FIELD'], change: (d) => { at(d, 'steps', 'triage', 'next', 0)['when'] = 'data.aplication.amount > 1'; } },
    { name: 'an unknown config parameter in an expression', expectedCodes: ['CF_DEF_EXPRESSION_UNKNOWN_FIELD'], change: (d) => { at(d, 'steps', 'submit', 'next', 0)['when'] = 'form.amount > config.bigAmont'; } },
    { name: 'an unknown name in an expression', expectedCodes: ['CF_DEF_EXPRESSION_UNKNOWN_NAME'], change: (d) => { at(d, 'steps', 'coolingOff')['until'] = 'dat.electionDate'; } },
    { name: 'an unknown function in an expression', expectedCodes: ['CF_DEF_EXPRESSION_UNKNOWN_FUNCTION'], change: (d) => { at(d, 'steps', 'coolingOff')['until'] = 'adDays(data.electionDate, 1)'; } },
    { name: 'an expression syntax error', expectedCodes: ['CF_DEF_EXPRESSION_SYNTAX'], change: (d) => { at(d, 'steps', 'submit', 'checks', 0)['assert'] = 'form.amount >= '; } },
    { name: 'a statutory win threshold weakened', expectedCodes: ['CF_DEF_LAW_WEAKENED'], change: (d) => { at(d, 'steps', 'election', 'rules')['win'] = { ratio: '1/3', strict: true }; } },
    { name: 'a statutory win base weakened', expectedCodes: ['CF_DEF_LAW_WEAKENED'], change: (d) => { at(d, 'steps', 'election', 'rules')['winBase'] = 'validBallots'; } },
    { name: 'a decision field missing from the form', expectedCodes: ['CF_DEF_DECISION_FIELD'], change: (d) => { at(d, 'steps', 'vetting')['decisionField'] = 'verdict'; } },
    { name: 'a quorum count above the number of reviewers', expectedCodes: ['CF_DEF_JOIN'], change: (d) => { at(d, 'steps', 'vetting')['join'] = { rule: 'quorum', count: 4 }; } },
    { name: 'a quorum ratio above 1', expectedCodes: ['CF_DEF_JOIN'], change: (d) => { at(d, 'steps', 'vetting')['join'] = { rule: 'quorum', ratio: '3/2' }; } },
  ];

  describe.each(SEMANTIC_ONLY)('only validateDefinition catches $name', ({ expectedCodes, change }) => {
    it('the JSON Schema accepts it; validateDefinition reports the expected codes', () => {
      const doc = everyKind();
      change(doc);
      expect(schemaErrors(doc)).toEqual([]);
      expect(errorCodes(doc)).toEqual([...expectedCodes].sort());
    });
  });

  /**
   * Shapes types.ts forbids that the JSON Schema rejects but validateDefinition does not report
   * today (reported as validator gaps). Only the schema's verdict is asserted here, so that
   * closing a gap in the validator does not break this test.
   */
  const SCHEMA_ONLY: { name: string; change: (d: Json) => void }[] = [
    { name: 'a misspelt member in a step (deadine)', change: (d) => { at(d, 'steps', 'submit')['deadine'] = { duration: { days: 1 }, basis: t('时限', 'limit') }; } },
    { name: 'a decision whose next is a step id, not a list of routes', change: (d) => { at(d, 'steps', 'triage')['next'] = 'vetting'; } },
    { name: 'a ladder rung without an id', change: (d) => { delete at(d, 'steps', 'dispute', 'rungs', 0)['id']; } },
    { name: 'a parallel branch without an id', change: (d) => { delete at(d, 'steps', 'prepare', 'branches', 0)['id']; } },
    { name: 'a notice basis without text', change: (d) => { at(d, 'steps', 'announce')['basis'] = {}; } },
    { name: 'a wait basis without English', change: (d) => { at(d, 'steps', 'coolingOff')['basis'] = { 'zh-CN': '选举日' }; } },
    { name: 'a joint-review conflict rule without a reason', change: (d) => { delete at(d, 'steps', 'vetting', 'conflicts', 0)['reason']; } },
    { name: 'an assignee match that is neither exact nor subtree', change: (d) => { at(d, 'steps', 'submit', 'assignee')['match'] = 'any'; } },
    { name: 'a data model whose schema is not an object', change: (d) => { d['data'] = { schema: 'object' }; } },
    { name: 'a subprocess definition id that is not a definition id', change: (d) => { at(d, 'steps', 'perCandidate', 'definition')['id'] = 'Candidate Vetting'; } },
    { name: 'a negative marginDays', change: (d) => { at(d, 'steps', 'vetting', 'deadline', 'before')['marginDays'] = -2; } },
    { name: 'zero seats for a post', change: (d) => { at(d, 'steps', 'election')['seats'] = { 主任: 0 }; } },
    { name: 'an unknown vote statute', change: (d) => { at(d, 'steps', 'election')['statute'] = 'CN_VILLAGE_COMMITTEE'; } },
    { name: 'a malformed threshold ratio', change: (d) => { at(d, 'steps', 'election', 'rules', 'win')['ratio'] = 'half'; } },
    { name: 'an end step with a next', change: (d) => { at(d, 'steps', 'done')['next'] = 'done'; } },
    { name: 'a check pointer that is not a JSON pointer', change: (d) => { at(d, 'steps', 'submit', 'checks', 0)['pointer'] = 'amount'; } },
    { name: 'a route label that is a plain string', change: (d) => { at(d, 'steps', 'submit', 'next', 0)['label'] = 'big'; } },
    { name: 'text in a third language', change: (d) => { at(d, 'title')['fr'] = 'affaires du village'; } },
    { name: 'malformed resolution rules', change: (d) => { at(d, 'steps', 'landUse', 'resolution')['quorum'] = 'half'; } },
  ];

  describe.each(SCHEMA_ONLY)('the JSON Schema rejects $name', ({ change }) => {
    it('is rejected', () => {
      const doc = everyKind();
      change(doc);
      expect(schemaErrors(doc).length).toBeGreaterThan(0);
    });
  });
});

/** Example definitions: every examples/<name>/process.json and every examples/<name>/*.json that is a definition. */
function exampleJsonFiles(): string[] {
  let dirs: string[];
  try {
    dirs = readdirSync(examplesDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
      .map((e) => join(examplesDir, e.name));
  } catch {
    return [];
  }
  return dirs.flatMap((d) => readdirSync(d, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => join(d, e.name))).sort();
}

/** A JSON file is taken for a definition when it is named process.json or looks like one (schemaVersion, steps or start). */
const looksLikeDefinition = (path: string, doc: unknown): boolean =>
  path.endsWith('/process.json') || (doc !== null && typeof doc === 'object' && !Array.isArray(doc) && ['schemaVersion', 'steps', 'start'].some((k) => k in doc));

describe('example definitions validate against the JSON Schema', () => {
  const files = exampleJsonFiles();
  if (files.length === 0) {
    it('there are no examples/*/*.json files yet', () => expect(files).toEqual([]));
  }
  for (const path of files) {
    const name = relative(repoRoot, path);
    let doc: unknown;
    try {
      doc = readJson(path);
    } catch (e) {
      it(`${name} is JSON`, () => { throw e; });
      continue;
    }
    if (looksLikeDefinition(path, doc)) {
      it(name, () => expect(schemaErrors(doc), `${name} against definition.schema.json`).toEqual([]));
    } else {
      // Named in the output rather than skipped silently: other JSON, such as scenario data.
      it(`${name} is not a definition (no schemaVersion, steps or start), so it is not checked`, () => expect(looksLikeDefinition(path, doc)).toBe(false));
    }
  }
});
