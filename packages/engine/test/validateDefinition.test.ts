import { describe, expect, it } from 'vitest';
import { migrateDefinition, validateDefinition } from '../src/index.js';
import type { ProcessDefinition } from '../src/index.js';
import { reviewProcess } from './support/definitions.js';

const codes = (def: unknown) => validateDefinition(def).filter((p) => p.severity === 'error').map((p) => p.code);
const clone = (): ProcessDefinition => JSON.parse(JSON.stringify(reviewProcess())) as ProcessDefinition;

describe('validateDefinition', () => {
  it('accepts the reference definition', () => {
    expect(validateDefinition(reviewProcess())).toEqual([]);
  });

  it('names an unknown target and suggests the closest step', () => {
    const def = clone();
    (def.steps['headReview'] as { next: unknown }).next = [{ when: 'form.approve', to: 'aprove' }, { to: 'rejected' }];
    const [p] = validateDefinition(def).filter((x) => x.code === 'CF_DEF_UNKNOWN_TARGET');
    expect(p).toMatchObject({ pointer: '/steps/headReview/next/0/to', severity: 'error' });
    expect(p!.message.en).toBe('step `headReview` goes to `aprove`, which does not exist; did you mean `approve`?');
    expect(p!.message['zh-CN']).toContain('您是否想写 `approve`');
  });

  it('reports every problem at once, each with a pointer, a code, both languages and a hint', () => {
    const def = clone() as unknown as Record<string, unknown>;
    const steps = def['steps'] as Record<string, Record<string, unknown>>;
    steps['submit']!['assignee'] = { role: 'CLERC' };
    steps['submit']!['form'] = 'requets';
    steps['headReview']!['deadline'] = { duration: { days: 3 }, at: 'data.x' };
    steps['orphan'] = { kind: 'task', title: { 'zh-CN': '孤立', en: 'orphan' }, form: 'decision', assignee: { role: 'HEAD' }, next: 'orphan' };
    steps['loop'] = { kind: 'task', title: { 'zh-CN': '死循环', en: 'endless loop' }, form: 'decision', assignee: { role: 'HEAD' }, next: 'loop' };
    steps['headReview']!['next'] = [{ when: 'form.approve', to: 'loop' }, { to: 'rejected' }];
    steps['typo'] = { kind: 'tsak', title: { 'zh-CN': 'x', en: 'x' } };
    const problems = validateDefinition(def);
    const got = problems.map((p) => p.code);
    expect(got).toEqual(expect.arrayContaining([
      'CF_DEF_UNKNOWN_ROLE', 'CF_DEF_UNKNOWN_FORM', 'CF_DEF_DEADLINE', 'CF_DEF_DEADLINE_BASIS', 'CF_DEF_UNREACHABLE_STEP', 'CF_DEF_NO_PATH_TO_END', 'CF_DEF_UNKNOWN_KIND',
    ]));
    for (const p of problems) {
      expect(p.pointer).toMatch(/^\//);
      expect(p.message['zh-CN'].length).toBeGreaterThan(0);
      expect(p.message.en.length).toBeGreaterThan(0);
      expect(p.hint.en.length).toBeGreaterThan(0);
    }
    expect(problems.find((p) => p.code === 'CF_DEF_UNKNOWN_ROLE')!.message.en).toContain('did you mean `CLERK`?');
    expect(problems.find((p) => p.code === 'CF_DEF_UNKNOWN_KIND')!.message.en).toContain('did you mean `task`?');
  });

  it('checks expressions: syntax, unknown fields of the form, data model and config, unknown functions and names', () => {
    const def = clone();
    (def.steps['submit'] as { next: unknown }).next = [
      { when: 'form.amout <= config.limit', to: 'approve' },
      { when: 'data.aplicant == null', to: 'approve' },
      { when: 'lenght(form.reason) > 3 && config.limt > 0', to: 'approve' },
      { when: 'form.amount >', to: 'approve' },
      { when: 'frm.amount > 1', to: 'approve' },
      { to: 'headReview' },
    ];
    const problems = validateDefinition(def);
    const fields = problems.filter((p) => p.code === 'CF_DEF_EXPRESSION_UNKNOWN_FIELD').map((p) => p.message.en);
    expect(fields).toEqual([
      'expression `form.amout <= config.limit` reads form.amout, which does not exist; did you mean `amount`?',
      'expression `data.aplicant == null` reads data.aplicant, which does not exist; did you mean `applicant`?',
      'expression `lenght(form.reason) > 3 && config.limt > 0` reads config.limt, which does not exist; did you mean `limit`?',
    ]);
    expect(codes(def)).toEqual(expect.arrayContaining(['CF_DEF_EXPRESSION_UNKNOWN_FUNCTION', 'CF_DEF_EXPRESSION_SYNTAX', 'CF_DEF_EXPRESSION_UNKNOWN_NAME']));
    expect(problems.find((p) => p.code === 'CF_DEF_EXPRESSION_UNKNOWN_FUNCTION')!.message.en).toContain('did you mean `len`?');
  });

  it('checks malformed deadlines and a missing legal basis', () => {
    const def = clone();
    (def.steps['headReview'] as { deadline: unknown }).deadline = { duration: { days: -2, hours: 3 } };
    expect(codes(def)).toEqual(expect.arrayContaining(['CF_DEF_DEADLINE', 'CF_DEF_DEADLINE_BASIS']));
  });

  it('refuses targets that leave their region', () => {
    const def = clone();
    def.steps['par'] = {
      kind: 'parallel', next: 'approve',
      branches: [{ id: 'a', start: 'a1', steps: { a1: { kind: 'task', title: { 'zh-CN': 'a', en: 'a' }, form: 'decision', assignee: { role: 'HEAD' }, next: 'rejected' }, aEnd: { kind: 'end', outcome: 'x', title: { 'zh-CN': 'x', en: 'x' } } } }],
    };
    (def.steps['submit'] as { next: unknown }).next = 'par';
    expect(codes(def)).toContain('CF_DEF_TARGET_OUTSIDE_REGION');
  });

  it('refuses duplicate step ids across regions, a bad id, a bad version and text without English', () => {
    const def = clone() as unknown as Record<string, unknown>;
    def['id'] = 'Small Review';
    def['version'] = 0;
    def['title'] = { 'zh-CN': '只有中文' };
    expect(codes(def)).toEqual(expect.arrayContaining(['CF_DEF_ID_FORMAT', 'CF_DEF_VERSION', 'CF_DEF_TEXT']));
  });

  it('refuses an unsupported format version and points to migrations', () => {
    const [p] = validateDefinition({ ...reviewProcess(), schemaVersion: 2 });
    expect(p!.code).toBe('CF_DEF_SCHEMA_VERSION');
    expect(p!.hint.en).toContain('migrateDefinition');
  });
});

describe('migrateDefinition (schemaVersion upgrade path)', () => {
  it('walks a document up one version at a time with the registered migrations', () => {
    // A hypothetical pre-release format 0 that called steps "nodes": shows the path works.
    const v0 = { ...reviewProcess(), schemaVersion: 0, nodes: reviewProcess().steps } as Record<string, unknown>;
    delete v0['steps'];
    const migrated = migrateDefinition(v0, { 0: ({ nodes, ...rest }) => ({ ...rest, steps: nodes }) });
    expect(validateDefinition(migrated)).toEqual([]);
  });
  it('refuses a document newer than the engine, and a gap in the path', () => {
    expect(() => migrateDefinition({ schemaVersion: 9 })).toThrow(/newer than this engine/);
    expect(() => migrateDefinition({ schemaVersion: 0 })).toThrow(/no migration from schemaVersion 0/);
  });
  it('returns a current document unchanged', () => {
    const def = reviewProcess();
    expect(migrateDefinition(def as unknown as Record<string, unknown>)).toBe(def);
  });
});

describe('validateDefinition regressions (found by the JSON Schema fixtures)', () => {
  it('reports, never throws, on an unknown statute or a malformed ratio', () => {
    const def = clone() as unknown as { steps: Record<string, unknown> };
    def.steps['submit'] = { ...(def.steps['submit'] as object), next: 'vote' };
    def.steps['vote'] = {
      kind: 'vote', mode: 'election', statute: 'CN_VILLAGE', title: { 'zh-CN': '投票', en: 'vote' }, form: 'decision', assignee: { role: 'HEAD' },
      seats: { 主任: 1 }, rules: { quorum: { ratio: 'half', strict: true }, win: { ratio: '3/2', strict: true } }, next: { result: 'approve', invalid: 'rejected' },
    };
    let problems: ReturnType<typeof validateDefinition> = [];
    expect(() => { problems = validateDefinition(def); }).not.toThrow();
    expect(problems.filter((p) => p.code === 'CF_DEF_TYPE').map((p) => p.pointer)).toEqual(['/steps/vote/statute', '/steps/vote/rules/quorum', '/steps/vote/rules/win']);
  });

  it('reports a misspelt member inside a step or a deadline instead of dropping it', () => {
    const def = clone() as unknown as { steps: Record<string, Record<string, unknown>> };
    def.steps['headReview']!['deadine'] = def.steps['headReview']!['deadline'];
    (def.steps['headReview']!['deadline'] as Record<string, unknown>)['onExpiry'] = { goto: 'timedOut', notfy: [] };
    const problems = validateDefinition(def).filter((p) => p.code === 'CF_DEF_UNKNOWN_MEMBER');
    expect(problems.map((p) => p.pointer).sort()).toEqual(['/steps/headReview/deadine', '/steps/headReview/deadline/onExpiry/notfy']);
    expect(problems.find((p) => p.pointer === '/steps/headReview/deadine')!.message.en).toBe('unknown member deadine; did you mean `deadline`?');
  });

  it('checks branch and rung ids', () => {
    const def = clone();
    def.steps['par'] = {
      kind: 'parallel', next: 'approve',
      branches: [
        { id: 'a', start: 'a1', steps: { a1: { kind: 'end', outcome: 'x', title: { 'zh-CN': 'x', en: 'x' } } } },
        { id: 'a', start: 'b1', steps: { b1: { kind: 'end', outcome: 'y', title: { 'zh-CN': 'y', en: 'y' } } } },
      ],
    };
    (def.steps['submit'] as { next: unknown }).next = 'par';
    expect(codes(def)).toContain('CF_DEF_DUPLICATE_STEP_ID');
  });

  it('reports, never throws, on values shaped to break its messages (an object with a non-callable toString)', () => {
    const hostile = { toString: 'x' };
    for (const place of ['start', 'role', 'kind'] as const) {
      const def = clone() as unknown as Record<string, unknown> & { steps: Record<string, Record<string, unknown>> };
      if (place === 'start') def['start'] = hostile;
      if (place === 'role') (def.steps['headReview']!['assignee'] as Record<string, unknown>)['role'] = hostile;
      if (place === 'kind') def.steps['headReview']!['kind'] = hostile;
      let problems: ReturnType<typeof validateDefinition> = [];
      expect(() => { problems = validateDefinition(def); }, place).not.toThrow();
      expect(problems.some((p) => p.severity === 'error'), place).toBe(true);
    }
  });

  it("refuses a subprocess whose child id no process can have (empty, blank, upper case)", () => {
    for (const id of ['', '  ', 'Candidate-Vetting']) {
      const def = clone();
      def.steps['child'] = { kind: 'subprocess', definition: { id }, next: 'approve' };
      (def.steps['submit'] as { next: unknown }).next = 'child';
      const problem = validateDefinition(def).find((p) => p.pointer === '/steps/child/definition/id');
      expect(problem?.code, JSON.stringify(id)).toBe('CF_DEF_ID_FORMAT');
      expect(problem?.message['zh-CN']).toContain('子流程标识');
    }
    const def = clone();
    def.steps['child'] = { kind: 'subprocess', definition: { id: 'candidate-vetting' }, next: 'approve' };
    (def.steps['submit'] as { next: unknown }).next = 'child';
    expect(validateDefinition(def).filter((p) => p.pointer.startsWith('/steps/child'))).toEqual([]);
  });
});
