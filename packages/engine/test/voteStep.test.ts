import { describe, expect, it } from 'vitest';
import { CivicflowError, validateDefinition } from '../src/index.js';
import type { VoteStep } from '../src/index.js';
import { createTestHost } from '../src/testing/index.js';
import { actor, TOWN, VILLAGE } from './support/actors.js';
import { end, processWith, t } from './support/builders.js';
import { requiredFieldsValidator as validator } from './support/requiredFieldsValidator.js';

const teller = actor('u-teller', ['TELLER'], VILLAGE, { personId: '110101195207080045', relatives: ['110101199012310056'] });
// Synthetic IDs (domain README §2.2): the 17th digit gives the sex (odd male, even female).
const A = '110101198001010010'; // male
const B = '110101197506150022'; // female
const C = '110101195207080045'; // female
const D = '110101199012310056'; // male

function election(overrides: Partial<VoteStep> = {}) {
  const vote: VoteStep = {
    kind: 'vote', mode: 'election', statute: 'CN_VILLAGE_COMMITTEE_ART15', title: t('投票选举', 'ballot'), form: 'tally',
    assignee: { role: 'TELLER' }, electorate: 'data.registered', seats: { 主任: 1, 委员: 2 },
    composition: { requireWoman: true, minSize: 3, maxSize: 7 },
    conflicts: [{ persons: 'data.candidates', includeRelatives: true, reason: t('计票人不得是候选人或其近亲属', 'a teller may not be a candidate or a near relative of one') }],
    saveAs: 'ballot',
    next: {
      result: [{ when: 'len(data.ballot.vacancies) > 0', to: 'vacancies' }, { to: 'results' }],
      invalid: 'rerun',
    },
    ...overrides,
  };
  return processWith('vote-test', 'vote', {
    vote,
    rerun: { kind: 'task', title: t('重新确定选举日', 'set a new election day'), form: 'note', assignee: { role: 'CLERK', level: 'town' }, next: 'vote' },
    results: end('RESULTS'),
    vacancies: end('CLOSED_WITH_VACANCIES'),
  });
}

const clerk = actor('u-clerk', ['CLERK'], TOWN);
function start(def = election(), registered = 1200) {
  const host = createTestHost({ now: '2027-05-28T08:00:00+08:00', validator });
  const inst = host.start(def, { actor: clerk, orgUnit: VILLAGE, input: { registered, candidates: [A, B, C, D] } });
  return { host, inst };
}
const tellerNoConflict = actor('u-teller2', ['TELLER'], VILLAGE, { personId: '110101200903010036' });

describe('vote (election, 村民委员会组织法 Art 15)', () => {
  it('600 of 1,200 is not a quorum: the ballot is invalid and leads to a re-run, not a result', () => {
    const { inst } = start();
    const task = inst.tasks()[0]!;
    inst.complete(task.id, { issued: 600, returned: 600, voters: 600, posts: [{ post: '主任', results: [{ candidate: A, votes: 590 }] }] }, tellerNoConflict);
    expect((inst.data['ballot'] as { valid: boolean; invalidReason: string }).invalidReason).toBe('NO_QUORUM');
    expect(inst.tasks()[0]!.stepId).toBe('rerun');
    inst.complete(inst.tasks()[0]!.id, { text: 'E\' = 2027-06-25' }, clerk);
    inst.complete(inst.tasks()[0]!.id, {
      issued: 735, returned: 735, voters: 735,
      posts: [{ post: '主任', results: [{ candidate: A, votes: 368 }, { candidate: B, votes: 367 }] }, { post: '委员', results: [{ candidate: C, votes: 600 }, { candidate: D, votes: 500 }] }],
    }, tellerNoConflict);
    const ballot = inst.data['ballot'] as { attempt: number; elected: { post: string; candidate: string }[]; composition: { ok: boolean } };
    expect(ballot.attempt).toBe(2);
    expect(ballot.elected).toEqual([
      { post: '主任', candidate: A, votes: 368, round: 'main' },
      { post: '委员', candidate: C, votes: 600, round: 'main' },
      { post: '委员', candidate: D, votes: 500, round: 'main' },
    ]);
    expect(ballot.composition.ok).toBe(true);
    expect(inst.outcome).toBe('RESULTS');
  });

  it('367 of 735 is not more than half: the seat goes to a supplementary ballot (≥ 1/3 of ballots cast)', () => {
    const { inst, host } = start();
    inst.complete(inst.tasks()[0]!.id, {
      issued: 735, returned: 735, voters: 735,
      posts: [{ post: '主任', results: [{ candidate: A, votes: 367 }, { candidate: B, votes: 300 }] }, { post: '委员', results: [{ candidate: C, votes: 600 }, { candidate: D, votes: 500 }] }],
    }, tellerNoConflict);
    const second = inst.tasks()[0]!;
    expect(second.meta['posts']).toEqual([{ post: '主任', seats: 1, candidates: [A, B] }]);
    inst.complete(second.id, { ballotsCast: 700, posts: [{ post: '主任', results: [{ candidate: B, votes: 240 }, { candidate: A, votes: 230 }] }] }, tellerNoConflict);
    const ballot = inst.data['ballot'] as { elected: { post: string; candidate: string; round: string }[] };
    expect(ballot.elected.find((e) => e.post === '主任')).toEqual({ post: '主任', candidate: B, votes: 240, round: 'second' });
    expect(inst.outcome).toBe('RESULTS');
    expect(JSON.stringify(host.replay(inst))).toBe(JSON.stringify(inst.snapshot));
  });

  it('a supplementary winner below 1/3 leaves the seat vacant and the composition rule is reported', () => {
    const { inst } = start();
    inst.complete(inst.tasks()[0]!.id, {
      issued: 900, returned: 900, voters: 900,
      posts: [{ post: '主任', results: [{ candidate: A, votes: 800 }] }, { post: '委员', results: [{ candidate: D, votes: 470 }, { candidate: B, votes: 300 }, { candidate: C, votes: 260 }] }],
    }, tellerNoConflict);
    inst.complete(inst.tasks()[0]!.id, { ballotsCast: 880, posts: [{ post: '委员', results: [{ candidate: C, votes: 290 }, { candidate: B, votes: 280 }] }] }, tellerNoConflict);
    const ballot = inst.data['ballot'] as { vacancies: unknown[]; composition: { ok: boolean; violations: string[] } };
    expect(ballot.vacancies).toEqual([{ post: '委员', seats: 1 }]);
    expect(ballot.composition.violations).toEqual(expect.arrayContaining(['NO_WOMAN', 'TOO_FEW']));
    expect(inst.outcome).toBe('CLOSED_WITH_VACANCIES');
  });

  it('returned > issued voids the ballot', () => {
    const { inst } = start();
    inst.complete(inst.tasks()[0]!.id, { issued: 800, returned: 801, voters: 800, posts: [] }, tellerNoConflict);
    expect((inst.data['ballot'] as { invalidReason: string }).invalidReason).toBe('RETURNED_EXCEEDS_ISSUED');
  });

  it('a teller who is a candidate, or a near relative of one, is refused (回避)', () => {
    const { inst } = start();
    try {
      inst.complete(inst.tasks()[0]!.id, { issued: 1, returned: 1, voters: 1, posts: [] }, teller);
      expect.unreachable();
    } catch (e) {
      expect((e as CivicflowError).code).toBe('CF_ENGINE_CONFLICT_OF_INTEREST');
    }
    const relative = actor('u-t3', ['TELLER'], VILLAGE, { personId: '110101200905280072', relatives: [D] });
    expect(() => inst.complete(inst.tasks()[0]!.id, { issued: 1, returned: 1, voters: 1, posts: [] }, relative)).toThrow(CivicflowError);
  });

  it('a definition that weakens the statutory quorum is refused, and cannot run', () => {
    const weak = election({ rules: { quorum: { ratio: '1/2', strict: false } } });
    const problems = validateDefinition(weak);
    expect(problems.map((p) => [p.code, p.pointer])).toContainEqual(['CF_DEF_LAW_WEAKENED', '/steps/vote/rules/quorum']);
    const host = createTestHost({ now: '2027-05-28T08:00:00+08:00', validator });
    expect(() => host.start(weak, { actor: clerk, orgUnit: VILLAGE, input: { registered: 10 } })).toThrow(/CF_ENGINE_DEFINITION_INVALID/);
    expect(validateDefinition(election({ rules: { quorum: { ratio: '2/3', strict: true } } })).filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('vote (resolution with a weighted, double-majority electorate)', () => {
  const def = processWith('resolution-test', 'vote', {
    vote: {
      kind: 'vote', mode: 'resolution', title: t('业主大会表决', 'owners\' vote'), form: 'tally', assignee: { role: 'TELLER' },
      resolution: {
        dimensions: ['area', 'owners'],
        quorum: [{ dimension: 'area', threshold: { ratio: '2/3', strict: false } }, { dimension: 'owners', threshold: { ratio: '2/3', strict: false } }],
        pass: [{ dimension: 'area', threshold: { ratio: '1/2', strict: true }, base: 'participating' }, { dimension: 'owners', threshold: { ratio: '1/2', strict: true }, base: 'participating' }],
      },
      saveAs: 'resolution',
      next: { result: [{ when: 'data.resolution.passed', to: 'passed' }, { to: 'failed' }], invalid: 'noQuorum' },
    },
    passed: end('PASSED'), failed: end('FAILED'), noQuorum: end('NO_QUORUM'),
  });
  const go = (dimensions: object) => {
    const host = createTestHost({ now: '2027-05-28T08:00:00+08:00', validator });
    const inst = host.start(def, { actor: clerk, orgUnit: VILLAGE });
    inst.complete(inst.tasks()[0]!.id, { dimensions }, tellerNoConflict);
    return inst.outcome;
  };
  it('passes only with a majority of both area and owners', () => {
    expect(go({ area: { eligible: '12345.67', participating: '9000', yes: '5000' }, owners: { eligible: 300, participating: 250, yes: 130 } })).toBe('PASSED');
    expect(go({ area: { eligible: '12345.67', participating: '9000', yes: '4000' }, owners: { eligible: 300, participating: 250, yes: 200 } })).toBe('FAILED');
    expect(go({ area: { eligible: '12345.67', participating: '8000', yes: '8000' }, owners: { eligible: 300, participating: 250, yes: 200 } })).toBe('NO_QUORUM');
  });
});
