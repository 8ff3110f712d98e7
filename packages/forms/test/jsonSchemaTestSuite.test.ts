/**
 * The official JSON-Schema-Test-Suite, run against the Ajv configuration of createFormValidator.
 *
 * Where: `../shared/json-schema-test-suite/` relative to the repository root (CI puts the
 * snapshot beside the clone). A missing suite fails this file; it never skips.
 *
 * What runs, per draft:
 * - every required file (`tests/<draft>/*.json`): one `it` per test, inside a `describe` per file
 *   and per test case (the suite's "group");
 * - `optional/format/*.json` for the formats our configuration knows (ajv-formats + ours). Every
 *   schema there is `{ "format": F }` without a type, which our strict mode refuses, so each is
 *   restated as `{ anyOf: [{ type: "string", format: F }, { not: { type: "string" } }] }`: the same
 *   instances are valid (format only constrains strings), but the type is stated as our authored
 *   schemas must. The other optional files and unknown formats are listed in the summary, not run.
 *
 * How: draft 2020-12 uses `createConfiguredAjv()`, the very factory createFormValidator uses, and
 * each case goes through the same steps as `createFormValidator().validate(schema, data).valid`:
 * an object root schema, `validateSchema`, `compile`, then `removeSchema`. A schema error or a
 * throw counts as a failure. The suite's remote schemas are pre-added with
 * `addSchema(json, "http://localhost:1234/<path>")` (the public validator has no way to load
 * them, on purpose). A check per file runs the public `createFormValidator().validate` on every
 * case that names no remote and asserts it gives the same outcome.
 *
 * Draft-07: the same options, formats and keywords on Ajv's default (draft-07) class, to document
 * that the configuration holds there too. rjsf does not need draft-07 for this: rjsf 6's
 * `@rjsf/validator-ajv8` takes the Ajv class to build, `customizeValidator({ AjvClass: Ajv2020 })`,
 * and `ajvOptionsOverrides` can carry FORM_AJV_OPTIONS.
 *
 * Skips: `json-schema-test-suite.skip.json` lists every failing case with its reason, either one
 * test (`test`) or a whole case group (`count` = its number of tests, asserted). A listed case is
 * still run and must fail the way the entry says (`error`: the schema error or throw must contain
 * this text; no `error`: the validator must give the wrong result), so the list cannot go stale:
 * a case that starts passing, or an entry that names nothing in the suite, fails this file.
 *
 * Nothing is written to disk; the counts are printed in `afterAll`.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import type AjvCore from 'ajv/dist/core.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createConfiguredAjv } from '../src/createAjv.js';
import { FormSchemaError, checkAuthoredSchema, createFormValidator } from '../src/index.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SUITE_RELATIVE = '../shared/json-schema-test-suite';
const SUITE_DIR = resolve(REPO_ROOT, SUITE_RELATIVE);
const SKIP_FILE = fileURLToPath(new URL('./json-schema-test-suite.skip.json', import.meta.url));
const REMOTE_BASE = 'http://localhost:1234/';
const FORMAT_DIR = 'optional/format/';

interface SuiteTest {
  description: string;
  data: unknown;
  valid: boolean;
}

interface SuiteCase {
  description: string;
  schema: unknown;
  tests: SuiteTest[];
}

interface SkipEntry {
  file: string;
  group: string;
  test?: string;
  count?: number;
  error?: string;
  reason: string;
}

type SkipList = Record<string, SkipEntry[]>;

type Outcome = { valid: boolean } | { error: string };

interface Draft {
  name: 'draft2020-12' | 'draft7';
  createAjv: () => AjvCore;
  /** Also compare with the public createFormValidator (a 2020-12 validator). */
  crossCheck: boolean;
}

const DRAFTS: readonly Draft[] = [
  { name: 'draft2020-12', createAjv: () => createConfiguredAjv(), crossCheck: true },
  { name: 'draft7', createAjv: () => createConfiguredAjv({ AjvClass: Ajv }), crossCheck: false },
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** Paths of the `.json` files under `dir`, relative to `dir`, with `/` separators, sorted. */
function jsonFiles(dir: string, recursive: boolean): string[] {
  const found: string[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) {
        if (recursive) walk(path);
      } else if (name.endsWith('.json')) {
        found.push(relative(dir, path).split(sep).join('/'));
      }
    }
  };
  walk(dir);
  return found;
}

/** The remotes a draft's tests use: the top-level ones and its own directory (`remotes/<draft>/`). */
function addRemotes(ajv: AjvCore, draft: string): number {
  const dir = join(SUITE_DIR, 'remotes');
  let added = 0;
  for (const path of jsonFiles(dir, true)) {
    const top = path.split('/')[0] ?? '';
    if (path.includes('/') && /^(draft|v\d)/.test(top) && top !== draft) continue;
    ajv.addSchema(readJson(join(dir, path)) as object, `${REMOTE_BASE}${path}`);
    added += 1;
  }
  return added;
}

/**
 * `{ format: F }` restated as a schema our strict mode accepts, valid for exactly the same
 * instances: a string must match F, any other value passes.
 */
function withStringType(schema: unknown, where: string): object {
  if (!isObject(schema) || typeof schema.format !== 'string' || Object.keys(schema).some((k) => k !== 'format' && k !== '$schema')) {
    throw new Error(`${where}: expected a schema { "$schema"?, "format" } in an optional/format file, got ${JSON.stringify(schema)}`);
  }
  const { $schema, format } = schema;
  return { ...($schema === undefined ? {} : { $schema }), anyOf: [{ type: 'string', format }, { not: { type: 'string' } }] };
}

type Compiled = { validate: (data: unknown) => unknown } | { error: string };

/** The steps of createFormValidator's compile, without its caches and `x-` annotation registration. */
function compileLikeFormValidator(ajv: AjvCore, schema: unknown): Compiled {
  if (!isObject(schema)) {
    return { error: 'createFormValidator: the schema must be a JSON object' };
  }
  try {
    if (!ajv.validateSchema(schema)) return { error: `schema is invalid: ${ajv.errorsText(ajv.errors)}` };
    return { validate: ajv.compile(schema) };
  } catch (err) {
    return { error: message(err) };
  } finally {
    ajv.removeSchema(schema);
  }
}

function run(compiled: Compiled, data: unknown): Outcome {
  if ('error' in compiled) return compiled;
  try {
    return { valid: compiled.validate(data) === true };
  } catch (err) {
    return { error: message(err) };
  }
}

function describeOutcome(outcome: Outcome): string {
  return 'error' in outcome ? `error: ${outcome.error}` : outcome.valid ? 'valid' : 'invalid';
}

function loadSkipList(): SkipList {
  const raw = readJson(SKIP_FILE);
  const problems: string[] = [];
  if (!isObject(raw)) throw new Error(`${SKIP_FILE}: must be a JSON object`);
  for (const draft of DRAFTS) {
    const entries = raw[draft.name];
    if (!Array.isArray(entries)) {
      problems.push(`"${draft.name}" must be an array`);
      continue;
    }
    entries.forEach((e: unknown, i) => {
      const at = `${draft.name}[${i}]`;
      if (!isObject(e)) return void problems.push(`${at} must be an object`);
      for (const key of Object.keys(e)) {
        if (!['file', 'group', 'test', 'count', 'error', 'reason'].includes(key)) problems.push(`${at}: unknown key "${key}"`);
      }
      for (const key of ['file', 'group', 'reason']) {
        if (typeof e[key] !== 'string' || e[key] === '') problems.push(`${at}: "${key}" must be a non-empty string`);
      }
      if ((e.test === undefined) === (e.count === undefined)) problems.push(`${at}: give either "test" (one test) or "count" (a whole group)`);
      if (e.test !== undefined && typeof e.test !== 'string') problems.push(`${at}: "test" must be a string`);
      if (e.count !== undefined && !(Number.isInteger(e.count) && (e.count as number) > 0)) problems.push(`${at}: "count" must be a positive integer`);
      if (e.error !== undefined && (typeof e.error !== 'string' || e.error === '')) problems.push(`${at}: "error" must be a non-empty string`);
    });
  }
  if (problems.length > 0) throw new Error(`${SKIP_FILE}:\n${problems.join('\n')}`);
  return raw as unknown as SkipList;
}

interface Counts {
  passed: number;
  skipped: number;
  total: number;
}

const summaries: string[] = [];

describe('JSON-Schema-Test-Suite', () => {
  it(`is present at ${SUITE_RELATIVE} (relative to the repository root)`, () => {
    if (!existsSync(join(SUITE_DIR, 'tests'))) {
      throw new Error(
        `JSON-Schema-Test-Suite not found at ${SUITE_DIR} (${SUITE_RELATIVE} relative to the repository root ${REPO_ROOT}). ` +
          'Put the snapshot (tests/, remotes/) there; CI places it beside the clone.',
      );
    }
  });

  afterAll(() => {
    for (const line of summaries) console.log(line);
  });

  if (!existsSync(join(SUITE_DIR, 'tests'))) return;

  const skipList = loadSkipList();

  for (const draft of DRAFTS) {
    describe(draft.name, () => {
      const ajv = draft.createAjv();
      const remoteCount = addRemotes(ajv, draft.name);
      const formValidator = draft.crossCheck ? createFormValidator() : undefined;
      const testsDir = join(SUITE_DIR, 'tests', draft.name);
      const entries = skipList[draft.name] ?? [];
      const used = new Set<SkipEntry>();
      const entryProblems: string[] = [];
      const byTest = new Map<string, SkipEntry>();
      const byGroup = new Map<string, SkipEntry>();
      const key = (...parts: string[]): string => parts.join('\u0000');
      for (const entry of entries) {
        const map = entry.test === undefined ? byGroup : byTest;
        const k = entry.test === undefined ? key(entry.file, entry.group) : key(entry.file, entry.group, entry.test);
        if (map.has(k)) entryProblems.push(`listed twice: ${JSON.stringify(entry)}`);
        map.set(k, entry);
      }

      const required: Counts = { passed: 0, skipped: 0, total: 0 };
      const formats: Counts = { passed: 0, skipped: 0, total: 0 };
      const unclaimed: string[] = [];
      const notRun = jsonFiles(join(testsDir, 'optional'), true)
        .filter((f) => !f.startsWith('format/'))
        .map((f) => `optional/${f}`);

      const files = [
        ...jsonFiles(testsDir, false),
        ...jsonFiles(join(testsDir, FORMAT_DIR), false).map((f) => `${FORMAT_DIR}${f}`),
      ];

      for (const file of files) {
        const isFormat = file.startsWith(FORMAT_DIR);
        const cases = readJson(join(testsDir, file)) as SuiteCase[];
        if (isFormat) {
          const names = [...new Set(cases.map((c) => (isObject(c.schema) ? String(c.schema.format) : '')))];
          if (!names.every((n) => ajv.formats[n] !== undefined)) {
            unclaimed.push(`${file} (${names.join(', ')})`);
            continue;
          }
        }
        const counts = isFormat ? formats : required;
        const schemas = cases.map((c) => (isFormat ? withStringType(c.schema, `${draft.name}/${file}: ${c.description}`) : c.schema));

        describe(file, () => {
          const compiled = new Map<number, Compiled>();
          const compiledFor = (index: number): Compiled => {
            let known = compiled.get(index);
            if (!known) {
              known = compileLikeFormValidator(ajv, schemas[index]);
              compiled.set(index, known);
            }
            return known;
          };

          cases.forEach((suiteCase, index) => {
            describe(suiteCase.description, () => {
              const groupEntry = byGroup.get(key(file, suiteCase.description));
              if (groupEntry) {
                used.add(groupEntry);
                if (groupEntry.count !== suiteCase.tests.length) {
                  entryProblems.push(`${file} / ${suiteCase.description}: the skip list says ${groupEntry.count} tests, the suite has ${suiteCase.tests.length}`);
                }
              }
              for (const test of suiteCase.tests) {
                const testEntry = byTest.get(key(file, suiteCase.description, test.description));
                if (testEntry) {
                  used.add(testEntry);
                  if (groupEntry) entryProblems.push(`${file} / ${suiteCase.description} / ${test.description}: listed alone and with its whole group`);
                }
                const skip = testEntry ?? groupEntry;
                counts.total += 1;
                if (!skip) {
                  it(test.description, () => {
                    const outcome = run(compiledFor(index), test.data);
                    expect(outcome, `expected ${test.valid ? 'valid' : 'invalid'}, got ${describeOutcome(outcome)}`).toEqual({ valid: test.valid });
                    counts.passed += 1;
                  });
                } else {
                  it(`${test.description} [skip list: fails as listed]`, () => {
                    const outcome = run(compiledFor(index), test.data);
                    const stale = `skip list entry is stale: expected this case to fail with ${
                      skip.error === undefined ? `the wrong result (${test.valid ? 'invalid' : 'valid'})` : `an error containing ${JSON.stringify(skip.error)}`
                    }, got ${describeOutcome(outcome)}. Update json-schema-test-suite.skip.json.`;
                    if (skip.error === undefined) {
                      expect(outcome, stale).toEqual({ valid: !test.valid });
                    } else {
                      expect('error' in outcome && outcome.error.includes(skip.error), stale).toBe(true);
                    }
                    counts.skipped += 1;
                  });
                }
              }
            });
          });

          if (formValidator) {
            it('createFormValidator().validate gives the same outcomes (cases naming no remote)', () => {
              const differences: string[] = [];
              cases.forEach((suiteCase, index) => {
                const schema = schemas[index];
                if (JSON.stringify(schema).includes(REMOTE_BASE)) return;
                // An object schema the safety check of authored schemas refuses (a $ref not starting
                // with #, an http(s)/file $id …) must be refused by createFormValidator with those problems.
                const refused = typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? checkAuthoredSchema(schema) : [];
                if (refused.length > 0) {
                  try {
                    formValidator.validate(schema as object, null);
                    differences.push(`${suiteCase.description}: checkAuthoredSchema refuses it, createFormValidator accepted it`);
                  } catch (err) {
                    const codes = err instanceof FormSchemaError ? err.problems.map((p) => p.code) : [];
                    if (JSON.stringify(codes) !== JSON.stringify(refused.map((p) => p.code))) {
                      differences.push(`${suiteCase.description}: checkAuthoredSchema refuses it, createFormValidator threw ${message(err)}`);
                    }
                  }
                  return;
                }
                for (const test of suiteCase.tests) {
                  const ours = run(compiledFor(index), test.data);
                  let theirs: Outcome;
                  try {
                    theirs = { valid: formValidator.validate(schema as object, test.data).valid };
                  } catch (err) {
                    theirs = { error: message(err) };
                  }
                  if ('error' in ours !== 'error' in theirs || ('valid' in ours && 'valid' in theirs && ours.valid !== theirs.valid)) {
                    differences.push(`${suiteCase.description} / ${test.description}: runner ${describeOutcome(ours)}, createFormValidator ${describeOutcome(theirs)}`);
                  }
                }
              });
              expect(differences).toEqual([]);
            });
          }
        });
      }

      it('skip list: every entry names a case of the suite, once, with the right count', () => {
        const unused = entries.filter((e) => !used.has(e)).map((e) => `not in the suite: ${JSON.stringify(e)}`);
        expect([...entryProblems, ...unused]).toEqual([]);
      });

      afterAll(() => {
        const line = (label: string, c: Counts): string =>
          `JSON-Schema-Test-Suite ${label}: ${c.passed} passed, ${c.skipped} skipped (of ${c.total})` +
          (c.passed + c.skipped < c.total ? ` — ${c.total - c.passed - c.skipped} FAILED or not run` : '');
        summaries.push(
          line(draft.name, required),
          `${line(`${draft.name} optional/format`, formats)}; schemas restated with "type": "string"; ` +
            `formats we do not claim, not run: ${unclaimed.join('; ') || 'none'}`,
          `JSON-Schema-Test-Suite ${draft.name}: ${remoteCount} remote schemas pre-added; other optional files, not run: ${notRun.join(', ') || 'none'}`,
        );
      });
    });
  }
});
