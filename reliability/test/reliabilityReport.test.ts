import { describe, expect, it } from 'vitest';
import { recordReliability, reliabilityCount, reliabilityMode } from '../reliabilityCheck.js';
import { reliabilityRows, renderReliability } from '../renderReliability.js';
import type { VitestJsonReport } from '../renderReliability.js';

const root = '/repo';

function reportOf(...files: Array<{ name: string; tests: Array<{ status: string; row?: Parameters<typeof recordReliability>[1] & { mode: 'fast' | 'full' } }> }>): VitestJsonReport {
  return {
    testResults: files.map((f) => ({
      name: `${root}/${f.name}`,
      assertionResults: f.tests.map((t, i) => ({ fullName: `test ${i}`, status: t.status, ...(t.row ? { meta: { reliability: t.row } } : {}) })),
    })),
  };
}

describe('RELIABILITY.md', () => {
  it('has one row per recorded check, with its counts, its figures and whether its test passed', () => {
    const report = reportOf(
      { name: 'packages/server/test/hostileBodies.reliability.test.ts', tests: [
        { status: 'passed', row: { check: 'hostile-bodies', title: 'Hostile request bodies', tried: { bodies: 1200, routes: 14 }, held: { accepted: 0, '5xx': 0 }, mode: 'full', how: 'real HTTP' } },
        { status: 'passed' },
      ] },
      { name: 'packages/engine/test/x.reliability.test.ts', tests: [
        { status: 'failed', row: { check: 'expressions', title: 'Fuzzed | guards', tried: { expressions: 10000 }, held: { 'host access': 1 }, mode: 'full' } },
      ] },
    );
    const md = renderReliability(report, { date: '2026-12-07', seconds: 42, machine: 'Node 20, 2 cores', root });
    expect(md).toContain('| Hostile request bodies | 1,200 bodies · 14 routes (real HTTP) | accepted 0 · 5xx 0 | ✅ held | full | `packages/server/test/hostileBodies.reliability.test.ts` |');
    // A check that did not hold says so, in the row and in the header; a | in a title does not break the table.
    expect(md).toContain('| Fuzzed \\| guards | 10,000 expressions | host access 1 | ❌ failed | full |');
    expect(md).toContain('2 checks: 1 held, **1 did not hold**');
    expect(md).toContain('on 2026-12-07 (full mode, 42 s; Node 20, 2 cores)');
  });

  it('keeps the last row of a check recorded twice (a retried test), and ignores tests that record none', () => {
    const row = { check: 'audit', title: 'Audit chain', tried: { trials: 1 }, held: { misses: 0 }, mode: 'fast' as const };
    const rows = reliabilityRows(reportOf({ name: 'a.reliability.test.ts', tests: [{ status: 'failed', row }, { status: 'passed', row: { ...row, tried: { trials: 2 } } }, { status: 'passed' }] }), root);
    expect(rows).toEqual([{ ...row, tried: { trials: 2 }, status: 'passed', file: 'a.reliability.test.ts' }]);
  });

  it('records on the running test in the mode of the run (fast unless CIVICFLOW_RELIABILITY=full)', ({ task }) => {
    recordReliability(task, { check: 'self', title: 'self', tried: { n: reliabilityCount({ fast: 1, full: 2 }) }, held: {} });
    const mode = process.env['CIVICFLOW_RELIABILITY'] === 'full' ? 'full' : 'fast';
    expect(reliabilityMode()).toBe(mode);
    expect(task.meta.reliability).toEqual({ check: 'self', title: 'self', tried: { n: mode === 'full' ? 2 : 1 }, held: {}, mode });
    // Not a real check: removed, so that this test's run under `pnpm test:reliability` adds no row.
    delete task.meta.reliability;
  });
});
