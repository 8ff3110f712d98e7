import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStored } from '@civicflow/engine';
import type { Actor, HistoryEvent, ProcessDefinition } from '@civicflow/engine';
import { createSqlStore, verifyAuditChains } from '../../src/index.js';
import { hashEvent } from '../../src/store/eventHash.js';
import { DATABASE_TEST_TIMEOUT_MS, TEST_DATABASES } from '../support/testDatabases.js';
import type { OpenTestDatabase } from '../support/testDatabases.js';
import { recordReliability, reliabilityCount } from '../../../../reliability/reliabilityCheck.js';
import { seededRandom } from '../support/seededRandom.js';

// Issue 7: the case histories are hash-chained so that tampering is found. With 10,000 events
// stored, one random row is edited, deleted or moved per trial, straight in the database (as
// someone with SQL access would); the audit verifier must name that case and that entry every
// time, and find nothing once the row is put back.

const TOWN = 'county:huaxi/town:qingshi';
const VILLAGE = `${TOWN}/village:qingshicun`;
const t = (s: string) => ({ 'zh-CN': s, en: s });
const DEFINITION: ProcessDefinition = {
  schemaVersion: 1, id: 'audit-reliability', version: 1, title: t('audit reliability'),
  roles: { CLERK: { title: t('clerk') } },
  forms: { f: { title: t('form'), schema: { type: 'object', properties: { note: { type: 'string' } } } } },
  start: 'first',
  steps: {
    first: { kind: 'task', title: t('first'), form: 'f', assignee: { role: 'CLERK' }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('done') },
  },
};
const engineOptions = { validator: { validate: () => ({ valid: true, errors: [] }) } };
const CASES = 50;
const EVENTS = 10_000;

interface EventColumns { instance_id: string; seq: number; type: string; at: string; payload: string; prev_hash: string; hash: string }
type Tampering = 'edit payload' | 'edit type column' | 'edit time column' | 'edit stored hash' | 'delete' | 'swap with a neighbour' | 'swap with a far row' | 'move to another case';
const TAMPERINGS: readonly Tampering[] = ['edit payload', 'edit type column', 'edit time column', 'edit stored hash', 'delete', 'swap with a neighbour', 'swap with a far row', 'move to another case'];

const sqlite = TEST_DATABASES.find((db) => db.name === 'sqlite')!;

describe('audit chain verification under tampering (issue 7)', () => {
  let opened: OpenTestDatabase;
  const sql = (query: string, params: unknown[] = []) => opened.orm.em.fork().getConnection().execute(query, params) as Promise<unknown>;
  const ids = Array.from({ length: CASES }, (_, i) => `audit-case-${String(i).padStart(3, '0')}`);
  const lengths = new Map<string, number>();

  /** Appends events to a real case's history, chained as the store chains them, up to `length`. */
  async function extend(instanceId: string, length: number): Promise<void> {
    const rows = (await sql('select seq, hash from instance_event where instance_id = ? order by seq desc limit 1', [instanceId])) as Array<{ seq: number; hash: string }>;
    let { seq, hash } = rows[0]!;
    const values: unknown[][] = [];
    while (seq < length) {
      seq += 1;
      const event: HistoryEvent = {
        type: seq % 3 === 0 ? 'task.claimed' : 'task.note', at: `2027-01-04T09:${String(seq % 60).padStart(2, '0')}:00+08:00`,
        stepId: 'first', actor: { id: 'clerk', roles: ['CLERK'], orgUnit: VILLAGE }, data: { note: `entry ${seq} of ${instanceId}` },
      };
      const next = hashEvent(hash, instanceId, seq, event);
      values.push([instanceId, seq, event.type, event.at, JSON.stringify(event), hash, next]);
      hash = next;
    }
    for (let i = 0; i < values.length; i += 100) {
      const batch = values.slice(i, i + 100);
      await sql(`insert into instance_event (instance_id, seq, type, at, payload, prev_hash, hash) values ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`, batch.flat());
    }
    await sql('update process_instance set event_count = ?, head_hash = ? where instance_id = ?', [length, hash, instanceId]);
    lengths.set(instanceId, length);
  }

  beforeAll(async () => {
    opened = await sqlite.open();
    const store = createSqlStore(opened.orm);
    const clerk: Actor = { id: 'clerk', roles: ['CLERK'], orgUnit: VILLAGE };
    for (const [i, instanceId] of ids.entries()) {
      await startStored(store, DEFINITION, { instanceId, orgUnit: VILLAGE }, { now: '2027-01-04T09:00:00+08:00', actor: clerk }, engineOptions);
      // Uneven lengths (120 … 280) that add up to EVENTS.
      await extend(instanceId, EVENTS / CASES + (i % 2 === 0 ? -1 : 1) * (i % 9) * 10);
    }
    // Top up the last case so that exactly EVENTS are stored.
    const stored = [...lengths.values()].reduce((a, b) => a + b, 0);
    const last = ids[CASES - 1]!;
    await extend(last, lengths.get(last)! + (EVENTS - stored));
  }, 120_000);
  afterAll(async () => { await opened?.close(); });

  const rowAt = async (instanceId: string, seq: number) =>
    ((await sql('select instance_id, seq, type, at, payload, prev_hash, hash from instance_event where instance_id = ? and seq = ?', [instanceId, seq])) as EventColumns[])[0]!;
  const put = (row: EventColumns) =>
    sql('update instance_event set type = ?, at = ?, payload = ?, prev_hash = ?, hash = ? where instance_id = ? and seq = ?', [row.type, row.at, row.payload, row.prev_hash, row.hash, row.instance_id, row.seq]);
  const insert = (row: EventColumns) =>
    sql('insert into instance_event (instance_id, seq, type, at, payload, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?)', [row.instance_id, row.seq, row.type, row.at, row.payload, row.prev_hash, row.hash]);

  /**
   * Tampers with one row; returns where the verifier must point (case and first broken seq) and
   * how to put the row back.
   */
  async function tamper(kind: Tampering, instanceId: string, seq: number, pickOther: (n: number) => number): Promise<{ seq: number; undo: () => Promise<unknown> }> {
    const length = lengths.get(instanceId)!;
    const row = await rowAt(instanceId, seq);
    const payload = JSON.parse(row.payload) as HistoryEvent;
    switch (kind) {
      case 'edit payload': {
        const edited = { ...payload, data: { ...(payload.data as object), note: `${String((payload.data as { note?: string } | undefined)?.note)} (edited)` } };
        await put({ ...row, payload: JSON.stringify(edited) });
        return { seq, undo: () => put(row) };
      }
      case 'edit type column':
        await put({ ...row, type: `${row.type}.x` });
        return { seq, undo: () => put(row) };
      case 'edit time column':
        await put({ ...row, at: row.at.replace('2027-01-04', '2027-01-05') });
        return { seq, undo: () => put(row) };
      case 'edit stored hash': {
        // The whole row rehashed after an edit: its own hash verifies, the next row's link does not (or the head, for the last).
        const edited = { ...payload, actor: { id: 'someone-else', roles: ['CLERK'], orgUnit: VILLAGE } };
        await put({ ...row, payload: JSON.stringify(edited), hash: hashEvent(row.prev_hash, instanceId, seq, edited) });
        return { seq: seq === length ? length + 1 : seq + 1, undo: () => put(row) };
      }
      case 'delete':
        await sql('delete from instance_event where instance_id = ? and seq = ?', [instanceId, seq]);
        return { seq: seq === length ? length : seq, undo: () => insert(row) };
      case 'swap with a neighbour':
      case 'swap with a far row': {
        let other = kind === 'swap with a neighbour' ? (seq === length ? seq - 1 : seq + 1) : 1 + pickOther(length);
        if (other === seq) other = seq === 1 ? 2 : seq - 1;
        const second = await rowAt(instanceId, other);
        await put({ ...second, seq, instance_id: instanceId });
        await put({ ...row, seq: other, instance_id: instanceId });
        return { seq: Math.min(seq, other), undo: async () => { await put(row); await put(second); } };
      }
      case 'move to another case': {
        // The row is copied over the same seq of another case: the copy's hash is of its own case.
        const target = ids.find((id) => id !== instanceId && lengths.get(id)! >= seq)!;
        const original = await rowAt(target, seq);
        await put({ ...row, instance_id: target });
        return { seq, undo: () => put(original) };
      }
    }
  }

  it('finds every edited, deleted or moved entry among 10,000, and names its case and entry', { timeout: 600_000 }, async ({ task }) => {
    const trials = reliabilityCount({ fast: 16, full: 400 });
    const random = seededRandom(2027);
    const misses: string[] = [];
    const wrongPlace: string[] = [];
    const falseAlarms: string[] = [];
    const byKind = new Map<Tampering, number>();
    let wholeStoreTrials = 0;
    for (let trial = 0; trial < trials; trial += 1) {
      const kind = TAMPERINGS[trial % TAMPERINGS.length]!;
      const instanceId = random.pick(ids);
      const seq = 1 + random.below(lengths.get(instanceId)!);
      const expected = await tamper(kind, instanceId, seq, random.below);
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      const target = kind === 'move to another case' ? ids.find((id) => id !== instanceId && lengths.get(id)! >= seq)! : instanceId;
      // Every ninth trial verifies the whole store (10,000 events, so it must also name the right
      // case among 50); the others verify the tampered case, as an auditor checking one case does.
      const wholeStore = trial % 9 === 0;
      if (wholeStore) wholeStoreTrials += 1;
      const report = await verifyAuditChains(opened.orm, 'county:huaxi', wholeStore ? {} : { instanceId: target });
      const label = `trial ${trial}: ${kind} at ${instanceId} #${seq}`;
      if (report.ok || report.problems.length === 0) misses.push(label);
      else if (report.problems.length !== 1 || report.problems[0]!.instanceId !== target || report.problems[0]!.seq !== expected.seq) {
        wrongPlace.push(`${label}: reported ${JSON.stringify(report.problems.map((p) => [p.instanceId, p.seq, p.reason]))}, expected ${target} #${expected.seq}`);
      }
      await expected.undo();
      const after = await verifyAuditChains(opened.orm, 'county:huaxi', { instanceId: target });
      if (!after.ok) falseAlarms.push(`${label}: still reported after the row was put back`);
    }
    // Every row put back: the whole store verifies again, all 10,000 events (this also proves the set-up chained them right).
    const repaired = await verifyAuditChains(opened.orm, 'county:huaxi');
    expect(repaired).toMatchObject({ instancesChecked: CASES, eventsChecked: EVENTS });
    if (!repaired.ok) falseAlarms.push(`after every trial: ${JSON.stringify(repaired.problems.slice(0, 3))}`);
    recordReliability(task, {
      check: 'audit-chain',
      title: 'Audit: hash-chained case histories under tampering',
      tried: { 'events stored': EVENTS, cases: CASES, 'tampering trials': trials, 'of them verified over the whole store': wholeStoreTrials, ...Object.fromEntries([...byKind].map(([kind, n]) => [kind, n])) },
      held: { misses: misses.length, 'wrong case or entry reported': wrongPlace.length, 'false alarms after repair': falseAlarms.length },
      how: 'rows changed with SQL in the SQLite database, verified by verifyAuditChains (GET /api/audit/verify)',
    });
    expect(misses).toEqual([]);
    expect(wrongPlace).toEqual([]);
    expect(falseAlarms).toEqual([]);
  });
}, DATABASE_TEST_TIMEOUT_MS);
