import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CN_2027, openTasks, replay } from '@civicflow/engine';
import type { HistoryEvent, InstanceSnapshot, ProcessDefinition, TimerRecord } from '@civicflow/engine';
import { createFormValidator } from '@civicflow/forms';

// The embedding example runs as a real program (`npm start -- <dir>`, as its README says), twice,
// on real files: the first run stops while the case waits on its deadline, the second resumes
// from the file alone. The stored record is checked here with the engine, not taken on trust.
const here = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'civicflow-embed-node-'));
const file = join(dir, 'EX-QS-2027-0720.json');
const definition = JSON.parse(readFileSync(join(here, '../community-affairs-access/emergency-exemption.json'), 'utf8')) as ProcessDefinition;
interface Stored { version: number; snapshot: InstanceSnapshot; history: HistoryEvent[]; timers: Record<string, TimerRecord> }

const run = (): string => execFileSync('npm', ['start', '--silent', '--', dir], { cwd: here, encoding: 'utf8', timeout: 60_000 });
const stored = (): Stored => JSON.parse(readFileSync(file, 'utf8')) as Stored;
const count = (history: HistoryEvent[], type: string): number => history.filter((e) => e.type === type).length;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('examples/embed-node', () => {
  it('is under 100 lines, comments included', () => {
    const lines = readFileSync(join(here, 'embed.ts'), 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    expect(lines.length).toBeLessThan(100);
  });

  it('first run: a refused form changes nothing, two tasks are done, then it stops with the deadline stored as a timer', () => {
    const out = run();
    expect(out).toMatch(/refused CF_ENGINE_FORM_INVALID/);
    expect(out).toMatch(/\/ordered_at {2}下达时间/);
    expect(out).toContain('stopped at version 3, waiting on 1 timer(s)');
    expect(readdirSync(dir)).toEqual(['EX-QS-2027-0720.json']); // written by rename: no temporary file left
    const record = stored();
    expect(record.version).toBe(3); // start + two accepted submissions; the refusal wrote nothing
    expect(record.snapshot.status).toBe('active');
    expect(count(record.history, 'task.completed')).toBe(2);
    expect(openTasks(definition, record.snapshot).map((t) => [t.stepId, t.dueAt])).toEqual([['continuation', '2027-08-05T00:00:00+08:00']]);
    expect(Object.values(record.timers).map((t) => [t.stepId, t.dueAt])).toEqual([['continuation', '2027-08-05T00:00:00+08:00']]);
  }, 60_000);

  it('second run: resumes from the file, fires the deadline on its own clock and ends overdue; the history rebuilds the snapshot', () => {
    const out = run();
    expect(out).toContain('resumed from');
    expect(out).toMatch(/notify\s+SUPERVISOR @ county:huaxi/);
    expect(out).toContain('■ CONTINUATION_OVERDUE at version 4; the history replays to the stored snapshot: yes');
    const record = stored();
    expect(record.version).toBe(4);
    expect(record.snapshot.status).toBe('done');
    expect(record.snapshot.context.outcome?.id).toBe('CONTINUATION_OVERDUE');
    expect(record.timers).toEqual({});
    expect(count(record.history, 'timer.fired')).toBe(1);
    const rebuilt = replay(definition, record.history, { validator: createFormValidator(), calendar: CN_2027 }).snapshot;
    expect(JSON.parse(JSON.stringify(rebuilt))).toEqual(record.snapshot);
  }, 60_000);

  it('third run: the case has ended, nothing changes', () => {
    const before = readFileSync(file, 'utf8');
    expect(run()).toContain('the case has ended: CONTINUATION_OVERDUE');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(existsSync(`${file}.tmp`)).toBe(false);
  }, 60_000);
});
