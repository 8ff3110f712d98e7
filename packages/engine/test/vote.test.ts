import { describe, expect, it } from 'vitest';
import {
  checkComposition,
  compareDecimals,
  countElection,
  countResolution,
  countSupplementary,
  meets,
  PARTY_BRANCH_RULES,
  parseDecimal,
  parseRatio,
  sexFromIdCard,
  VILLAGE_COMMITTEE_RULES,
} from '../src/vote/index.js';
import type { ElectionTally, ResolutionRules, ResolutionTally, Threshold } from '../src/vote/index.js';

const MORE_THAN_HALF: Threshold = { ratio: '1/2', strict: true };
const AT_LEAST_THIRD: Threshold = { ratio: '1/3', strict: false };

describe('fraction', () => {
  it('parses ratios and rejects malformed ones', () => {
    expect(parseRatio('2/3')).toEqual({ num: 2n, den: 3n });
    expect(parseRatio(' 4 / 5 ')).toEqual({ num: 4n, den: 5n });
    expect(parseRatio('1/1')).toEqual({ num: 1n, den: 1n });
    for (const bad of ['', '1', '1/', '/2', '1/0', '3/2', '-1/2', '0.5/1', '1/2/3', 'a/b', '½']) {
      expect(() => parseRatio(bad), bad).toThrow(RangeError);
    }
  });

  it('parses decimals exactly, from strings and numbers', () => {
    expect(parseDecimal('1234.56')).toEqual({ units: 123456n, scale: 2 });
    expect(parseDecimal(1234.56)).toEqual({ units: 123456n, scale: 2 });
    expect(parseDecimal(0.1)).toEqual({ units: 1n, scale: 1 });
    expect(parseDecimal('.5')).toEqual({ units: 5n, scale: 1 });
    expect(parseDecimal('1e3')).toEqual({ units: 1000n, scale: 0 });
    expect(parseDecimal(1e-7)).toEqual({ units: 1n, scale: 7 });
    expect(parseDecimal('-2.50')).toEqual({ units: -250n, scale: 2 });
    for (const bad of ['', ' ', '1,234.56', 'abc', '1.2.3', '1e99999', '.']) {
      expect(() => parseDecimal(bad), bad).toThrow(RangeError);
    }
    expect(() => parseDecimal(Number.NaN)).toThrow(RangeError);
    expect(() => parseDecimal(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('compares decimals exactly where floats fail', () => {
    expect(compareDecimals('0.3', 0.1 + 0.2)).toBe(-1); // 0.1 + 0.2 = 0.30000000000000004
    expect(compareDecimals('1234.560', 1234.56)).toBe(0);
    expect(compareDecimals(2, '1.999')).toBe(1);
  });

  it('过半数 is strictly more than half: 600 of 1,200 fails, 601 passes', () => {
    expect(meets(600, 1200, MORE_THAN_HALF)).toBe(false);
    expect(meets(601, 1200, MORE_THAN_HALF)).toBe(true);
    expect(meets(600, 1200, { ratio: '1/2', strict: false })).toBe(true);
  });

  it('不少于 1/3 is at least: 310 of 880 passes (930 ≥ 880), 290 fails', () => {
    expect(meets(310, 880, AT_LEAST_THIRD)).toBe(true);
    expect(meets(290, 880, AT_LEAST_THIRD)).toBe(false);
    expect(meets(1, 3, AT_LEAST_THIRD)).toBe(true); // exactly one third
    expect(meets(1, 3, { ratio: '1/3', strict: true })).toBe(false);
  });

  it('handles decimal values and bases with different scales', () => {
    // 2/3 of 12345.67 = 8230.4466…
    expect(meets('8230.45', '12345.67', { ratio: '2/3', strict: false })).toBe(true);
    expect(meets('8230.44', '12345.67', { ratio: '2/3', strict: false })).toBe(false);
    expect(meets(8230.4467, '12345.67', { ratio: '2/3', strict: false })).toBe(true);
    expect(meets(8230.4466, '12345.67', { ratio: '2/3', strict: false })).toBe(false);
    // exactly half of a decimal base
    expect(meets('0.5', 1, MORE_THAN_HALF)).toBe(false);
    expect(meets('0.5000001', 1, MORE_THAN_HALF)).toBe(true);
  });

  it('rejects a malformed threshold', () => {
    expect(() => meets(1, 2, { ratio: '3/2', strict: true })).toThrow(RangeError);
  });
});

/** One-post tally helper. */
function tally(
  registered: number,
  voters: number,
  post: string,
  seats: number,
  results: Record<string, number>,
  extra: Partial<ElectionTally> = {},
): ElectionTally {
  return {
    registered,
    issued: voters,
    returned: voters,
    voters,
    posts: [{ post, seats, results: Object.entries(results).map(([candidate, votes]) => ({ candidate, votes })) }],
    ...extra,
  };
}

describe('countElection — A §7 scenarios', () => {
  it('S-A1: 845 of 1,200 vote → valid; 主任 A 512 vs B 321 → A elected (512 × 2 > 845)', () => {
    const out = countElection(tally(1200, 845, '主任', 1, { A: 512, B: 321 }));
    expect(out.valid).toBe(true);
    expect(out.invalidReason).toBeUndefined();
    expect(out.problems).toEqual([]);
    expect(out.posts).toEqual([
      { post: '主任', seats: 1, elected: [{ candidate: 'A', votes: 512 }], tiedAtCutoff: [], unfilled: 0, supplementaryCandidates: [] },
    ]);
  });

  it('S-A1: several posts are counted independently and in order', () => {
    const out = countElection({
      registered: 1200,
      issued: 845,
      returned: 845,
      voters: 845,
      posts: [
        { post: '主任', seats: 1, results: [{ candidate: 'A', votes: 512 }, { candidate: 'B', votes: 321 }] },
        { post: '副主任', seats: 1, results: [{ candidate: 'P', votes: 300 }, { candidate: 'Q', votes: 530 }] },
        {
          post: '委员',
          seats: 3,
          results: [
            { candidate: 'W1', votes: 600 },
            { candidate: 'W2', votes: 500 },
            { candidate: 'W3', votes: 450 },
            { candidate: 'W4', votes: 420 },
            { candidate: 'W5', votes: 400 },
          ],
        },
      ],
    });
    expect(out.valid).toBe(true);
    expect(out.posts.map((p) => p.post)).toEqual(['主任', '副主任', '委员']);
    expect(out.posts[1]?.elected).toEqual([{ candidate: 'Q', votes: 530 }]);
    expect(out.posts[2]?.elected.map((e) => e.candidate)).toEqual(['W1', 'W2', 'W3']);
    expect(out.posts.every((p) => p.unfilled === 0)).toBe(true);
  });

  it('S-A3: 600 of 1,200 → NO_QUORUM, nothing announced', () => {
    const out = countElection(tally(1200, 600, '主任', 1, { A: 400, B: 200 }));
    expect(out.valid).toBe(false);
    expect(out.invalidReason).toBe('NO_QUORUM');
    expect(out.posts).toEqual([]);
    expect(out.problems.length).toBeGreaterThan(0);
  });

  it('S-A3 re-run: 735 voters → valid; 368 elected (736 > 735), 367 not (734 ≤ 735)', () => {
    const elected = countElection(tally(1200, 735, '主任', 1, { A: 368, B: 360 }));
    expect(elected.valid).toBe(true);
    expect(elected.posts[0]?.elected).toEqual([{ candidate: 'A', votes: 368 }]);

    const notElected = countElection(tally(1200, 735, '主任', 1, { A: 367, B: 360 }));
    expect(notElected.valid).toBe(true);
    expect(notElected.posts[0]?.elected).toEqual([]);
    expect(notElected.posts[0]?.unfilled).toBe(1);
    expect(notElected.posts[0]?.supplementaryCandidates).toEqual(['A', 'B']);
  });

  it('S-A4: 900 voters, 委员 3 seats: C 480, D 470 elected; E/F/G not; supplementary candidates = E, F', () => {
    const out = countElection(tally(1200, 900, '委员', 3, { E: 300, C: 480, G: 250, D: 470, F: 260 }));
    expect(out.valid).toBe(true);
    const p = out.posts[0];
    expect(p?.elected).toEqual([
      { candidate: 'C', votes: 480 },
      { candidate: 'D', votes: 470 },
    ]);
    expect(p?.unfilled).toBe(1);
    expect(p?.tiedAtCutoff).toEqual([]);
    expect(p?.supplementaryCandidates).toEqual(['E', 'F']); // 1 seat + 1 extra
  });

  it('S-A4: supplementary 880 ballots → F 310 elected (930 ≥ 880)', () => {
    const out = countSupplementary({
      post: '委员',
      seats: 1,
      ballotsCast: 880,
      results: [
        { candidate: 'E', votes: 290 },
        { candidate: 'F', votes: 310 },
      ],
    });
    expect(out).toEqual({ post: '委员', elected: [{ candidate: 'F', votes: 310 }], vacant: 0, tiedAtCutoff: [], problems: [] });
  });

  it('S-A4 variant: F 290, E 280 of 880 → nobody reaches 1/3 → vacant 1', () => {
    const out = countSupplementary({
      post: '委员',
      seats: 1,
      ballotsCast: 880,
      results: [
        { candidate: 'F', votes: 290 },
        { candidate: 'E', votes: 280 },
      ],
    });
    expect(out.elected).toEqual([]);
    expect(out.vacant).toBe(1);
    expect(out.tiedAtCutoff).toEqual([]);
  });

  it('S-A4 composition: woman F elected → ok; variant without her → NO_WOMAN', () => {
    const rules = { minSize: 3, maxSize: 7, requireWoman: true, requireMinority: false };
    const base = [
      { person: 'H', sex: 'M' as const },
      { person: 'K', sex: 'M' as const },
      { person: 'C', sex: 'M' as const },
      { person: 'D', sex: 'M' as const },
    ];
    expect(checkComposition([...base, { person: 'F', sex: 'F' }], rules)).toEqual({ ok: true, violations: [] });
    expect(checkComposition(base, rules)).toEqual({ ok: false, violations: ['NO_WOMAN'] });
  });

  it('S-A6: H 400 of 850, I 430 (> 425) → I elected, H not', () => {
    const out = countElection(tally(1200, 850, '主任', 1, { H: 400, I: 430 }));
    expect(out.posts[0]?.elected).toEqual([{ candidate: 'I', votes: 430 }]);
  });
});

describe('countElection — validity checks', () => {
  it('returned > issued voids the ballot (RETURNED_EXCEEDS_ISSUED)', () => {
    const out = countElection(tally(1200, 845, '主任', 1, { A: 512 }, { issued: 845, returned: 846 }));
    expect(out.valid).toBe(false);
    expect(out.invalidReason).toBe('RETURNED_EXCEEDS_ISSUED');
    expect(out.posts).toEqual([]);
    expect(out.problems[0]).toMatch(/returned \(846\) exceeds issued \(845\)/);
  });

  it('returned > issued takes precedence over other inconsistencies, which are still listed', () => {
    const out = countElection(tally(100, 90, '主任', 1, { A: 50 }, { issued: 120, returned: 121 }));
    expect(out.invalidReason).toBe('RETURNED_EXCEEDS_ISSUED');
    expect(out.problems.some((p) => p.includes('issued (120) exceeds registered (100)'))).toBe(true);
  });

  it.each([
    ['issued > registered', tally(1000, 800, '主任', 1, { A: 500 }, { issued: 1001 }), /issued \(1001\) exceeds registered/],
    ['voters > registered', tally(1000, 1001, '主任', 1, { A: 600 }, { issued: 1000, returned: 1000 }), /voters \(1001\) exceeds registered/],
    ['voters > issued', tally(1000, 800, '主任', 1, { A: 500 }, { issued: 700, returned: 700 }), /voters \(800\) exceeds issued \(700\)/],
    ['negative number', tally(1000, 800, '主任', 1, { A: -1 }), /non-negative integer/],
    ['fractional number', tally(1000, 800.5, '主任', 1, { A: 500 }), /voters must be a non-negative integer/],
    ['NaN', tally(Number.NaN, 800, '主任', 1, { A: 500 }), /registered must be a non-negative integer/],
    ['vote sum > voters × seats', tally(1000, 800, '主任', 1, { A: 500, B: 400 }), /900 votes exceed voters × seats \(800 × 1\)/],
    ['candidate votes > voters', tally(1000, 800, '委员', 3, { A: 801 }), /more than the 800 voters/],
    ['zero seats', tally(1000, 800, '主任', 0, { A: 500 }), /seats must be a positive integer/],
    ['valid > returned', tally(1000, 800, '主任', 1, { A: 500 }, { valid: 801 }), /valid \(801\) exceeds returned/],
  ])('INCONSISTENT_TALLY: %s', (_name, t, message) => {
    const out = countElection(t);
    expect(out.valid).toBe(false);
    expect(out.invalidReason).toBe('INCONSISTENT_TALLY');
    expect(out.posts).toEqual([]);
    expect(out.problems.some((p) => message.test(p))).toBe(true);
  });

  it('INCONSISTENT_TALLY for a duplicated candidate or post', () => {
    const dupCandidate = countElection({
      registered: 100,
      issued: 80,
      returned: 80,
      voters: 80,
      posts: [{ post: '主任', seats: 1, results: [{ candidate: 'A', votes: 30 }, { candidate: 'A', votes: 20 }] }],
    });
    expect(dupCandidate.invalidReason).toBe('INCONSISTENT_TALLY');
    const dupPost = countElection({
      registered: 100,
      issued: 80,
      returned: 80,
      voters: 80,
      posts: [
        { post: '主任', seats: 1, results: [{ candidate: 'A', votes: 50 }] },
        { post: '主任', seats: 1, results: [{ candidate: 'B', votes: 50 }] },
      ],
    });
    expect(dupPost.invalidReason).toBe('INCONSISTENT_TALLY');
  });

  it('fewer ballots returned than issued is allowed', () => {
    const out = countElection(tally(1200, 845, '主任', 1, { A: 512 }, { issued: 850 }));
    expect(out.valid).toBe(true);
  });

  it('no registered voters → NO_QUORUM rather than a division by zero', () => {
    const out = countElection(tally(0, 0, '主任', 1, {}));
    expect(out.invalidReason).toBe('NO_QUORUM');
  });
});

describe('countElection — ties, write-ins, bases', () => {
  it('tie at the cut-off blocks the contested seat (平票再投)', () => {
    // 委员 3 seats, 900 voters: X 600, Y 500, Z 460 and W 460 both > 450 compete for the last seat.
    const out = countElection(tally(1200, 900, '委员', 3, { X: 600, Y: 500, Z: 460, W: 460, V: 100 }));
    const p = out.posts[0];
    expect(p?.elected.map((e) => e.candidate)).toEqual(['X', 'Y']);
    expect(p?.tiedAtCutoff).toEqual([
      { candidate: 'Z', votes: 460 },
      { candidate: 'W', votes: 460 },
    ]);
    expect(p?.unfilled).toBe(1);
    // Supplementary candidates are listed too (1 seat + 1 extra), so the caller can choose the route.
    expect(p?.supplementaryCandidates).toEqual(['Z', 'W']);
  });

  it('a tie for two seats blocks both', () => {
    const out = countElection(tally(1200, 900, '委员', 3, { X: 600, Z: 460, W: 460, U: 460 }));
    const p = out.posts[0];
    expect(p?.elected.map((e) => e.candidate)).toEqual(['X']);
    expect(p?.tiedAtCutoff.map((e) => e.candidate)).toEqual(['Z', 'W', 'U']);
    expect(p?.unfilled).toBe(2);
  });

  it('equal votes that all fit in the seats are all elected (no tie problem)', () => {
    const out = countElection(tally(1200, 900, '委员', 3, { X: 600, Z: 460, W: 460 }));
    const p = out.posts[0];
    expect(p?.elected.map((e) => e.candidate)).toEqual(['X', 'Z', 'W']);
    expect(p?.tiedAtCutoff).toEqual([]);
    expect(p?.unfilled).toBe(0);
  });

  it('a tie below the threshold is not a cut-off tie', () => {
    const out = countElection(tally(1200, 900, '主任', 1, { A: 440, B: 440 }));
    const p = out.posts[0];
    expect(p?.elected).toEqual([]);
    expect(p?.tiedAtCutoff).toEqual([]);
    expect(p?.supplementaryCandidates).toEqual(['A', 'B']);
  });

  it('a tie for the last supplementary-candidate place includes everyone tied, with a note', () => {
    const out = countElection(tally(1200, 900, '委员', 3, { C: 480, D: 470, E: 300, F: 260, G: 260, H: 10 }));
    expect(out.valid).toBe(true);
    expect(out.posts[0]?.supplementaryCandidates).toEqual(['E', 'F', 'G']);
    expect(out.problems.some((p) => /tie for the last place/.test(p))).toBe(true);
  });

  it('supplementary candidates exclude the elected and people with no votes; fewer when not enough people', () => {
    const out = countElection(tally(1200, 900, '委员', 3, { C: 480, E: 300, Z: 0 }));
    expect(out.posts[0]?.unfilled).toBe(2);
    expect(out.posts[0]?.supplementaryCandidates).toEqual(['E']); // wanted 2 + 1 = 3
  });

  it('supplementaryExtraCandidates is configurable', () => {
    const out = countElection(tally(1200, 900, '委员', 3, { C: 480, D: 470, E: 300, F: 260, G: 250 }), {
      supplementaryExtraCandidates: 2,
    });
    expect(out.posts[0]?.supplementaryCandidates).toEqual(['E', 'F', 'G']);
  });

  it('a write-in (另选他人) is counted like any candidate and can win', () => {
    const out = countElection(tally(1200, 845, '主任', 1, { A: 300, '张三(另选)': 450 }));
    expect(out.posts[0]?.elected).toEqual([{ candidate: '张三(另选)', votes: 450 }]);
  });

  it('winBase "validBallots" measures the win threshold against valid ballots', () => {
    // 845 voters, 800 valid: 410 is > 400 but not > 422.5.
    const t = tally(1200, 845, '主任', 1, { A: 410, B: 390 }, { valid: 800 });
    expect(countElection(t).posts[0]?.elected).toEqual([]);
    expect(countElection(t, { winBase: 'validBallots' }).posts[0]?.elected).toEqual([{ candidate: 'A', votes: 410 }]);
    const noValid = countElection(tally(1200, 845, '主任', 1, { A: 410 }), { winBase: 'validBallots' });
    expect(noValid.invalidReason).toBe('INCONSISTENT_TALLY');
  });

  it('undefined rule overrides fall back to the statutory defaults', () => {
    const out = countElection(tally(1200, 600, '主任', 1, { A: 400 }), { quorum: undefined });
    expect(out.invalidReason).toBe('NO_QUORUM');
  });

  it('malformed rules throw', () => {
    expect(() => countElection(tally(10, 8, '主任', 1, { A: 5 }), { win: { ratio: '1/0', strict: true } })).toThrow(RangeError);
    expect(() => countElection(tally(10, 8, '主任', 1, { A: 5 }), { supplementaryExtraCandidates: -1 })).toThrow(RangeError);
  });

  it('statutory rule constants are frozen', () => {
    expect(Object.isFrozen(VILLAGE_COMMITTEE_RULES)).toBe(true);
    expect(Object.isFrozen(VILLAGE_COMMITTEE_RULES.quorum)).toBe(true);
    expect(VILLAGE_COMMITTEE_RULES).toEqual({
      quorum: { ratio: '1/2', strict: true },
      quorumBase: 'registered',
      win: { ratio: '1/2', strict: true },
      winBase: 'voters',
      supplementaryMinShare: { ratio: '1/3', strict: false },
      supplementaryExtraCandidates: 1,
    });
  });
});

describe('countElection — Party branch (两推一选)', () => {
  it('quorum needs more than 4/5 of the members who should attend: 40 of 50 fails, 41 passes', () => {
    const at40 = countElection(tally(50, 40, '委员', 5, { P1: 30 }), PARTY_BRANCH_RULES);
    expect(at40.invalidReason).toBe('NO_QUORUM');
    const at41 = countElection(tally(50, 41, '委员', 5, { P1: 30 }), PARTY_BRANCH_RULES);
    expect(at41.valid).toBe(true);
  });

  it('a winner needs more than half of the members present', () => {
    const out = countElection(
      tally(50, 44, '委员', 5, { P1: 40, P2: 38, P3: 30, P4: 23, P5: 22, P6: 20 }),
      PARTY_BRANCH_RULES,
    );
    const p = out.posts[0];
    expect(p?.elected.map((e) => e.candidate)).toEqual(['P1', 'P2', 'P3', 'P4']); // 23 > 22, 22 is not
    expect(p?.unfilled).toBe(1);
    expect(p?.supplementaryCandidates).toEqual(['P5', 'P6']);
  });

  it('Party supplementary ballot also needs more than half', () => {
    const t = { post: '委员', seats: 1, ballotsCast: 44, results: [{ candidate: 'P5', votes: 22 }] };
    expect(countSupplementary(t, PARTY_BRANCH_RULES).vacant).toBe(1);
    expect(countSupplementary({ ...t, results: [{ candidate: 'P5', votes: 23 }] }, PARTY_BRANCH_RULES).vacant).toBe(0);
  });
});

describe('countSupplementary — edge cases', () => {
  it('the highest wins when two reach 1/3 for one seat', () => {
    const out = countSupplementary({
      post: '委员',
      seats: 1,
      ballotsCast: 880,
      results: [
        { candidate: 'E', votes: 300 },
        { candidate: 'F', votes: 400 },
      ],
    });
    expect(out.elected).toEqual([{ candidate: 'F', votes: 400 }]);
  });

  it('a tie for the seat leaves it vacant and lists the tied people', () => {
    const out = countSupplementary({
      post: '委员',
      seats: 1,
      ballotsCast: 880,
      results: [
        { candidate: 'E', votes: 400 },
        { candidate: 'F', votes: 400 },
      ],
    });
    expect(out.elected).toEqual([]);
    expect(out.vacant).toBe(1);
    expect(out.tiedAtCutoff.map((c) => c.candidate)).toEqual(['E', 'F']);
  });

  it('nobody is elected with zero ballots cast', () => {
    const out = countSupplementary({ post: '委员', seats: 1, ballotsCast: 0, results: [{ candidate: 'E', votes: 0 }] });
    expect(out.elected).toEqual([]);
    expect(out.vacant).toBe(1);
  });

  it('an inconsistent supplementary tally elects nobody and reports problems', () => {
    const out = countSupplementary({
      post: '委员',
      seats: 1,
      ballotsCast: 100,
      results: [
        { candidate: 'E', votes: 60 },
        { candidate: 'F', votes: 50 },
      ],
    });
    expect(out.elected).toEqual([]);
    expect(out.vacant).toBe(1);
    expect(out.problems.some((p) => /exceed ballots cast × seats/.test(p))).toBe(true);
  });
});

describe('checkComposition (Art 6)', () => {
  const village = { minSize: 3, maxSize: 7, requireWoman: true, requireMinority: false };

  it('reports size violations', () => {
    const two = [
      { person: 'a', sex: 'F' as const },
      { person: 'b', sex: 'M' as const },
    ];
    expect(checkComposition(two, village)).toEqual({ ok: false, violations: ['TOO_FEW'] });
    const eight = Array.from({ length: 8 }, (_, i) => ({ person: `p${i}`, sex: 'F' as const }));
    expect(checkComposition(eight, village)).toEqual({ ok: false, violations: ['TOO_MANY'] });
  });

  it('counts a person once even if listed twice', () => {
    const m = [
      { person: 'a', sex: 'F' as const },
      { person: 'a', sex: 'F' as const },
      { person: 'b', sex: 'M' as const },
    ];
    expect(checkComposition(m, village).violations).toEqual(['TOO_FEW']);
  });

  it('unknown sex does not satisfy the woman rule', () => {
    expect(checkComposition([{ person: 'a' }, { person: 'b' }, { person: 'c' }], village).violations).toEqual(['NO_WOMAN']);
  });

  it('multi-ethnic village needs a member of a smaller ethnic group', () => {
    const rules = { ...village, majorityEthnicity: '汉族', requireMinority: true };
    const han = [
      { person: 'a', sex: 'F' as const, ethnicity: '汉族' },
      { person: 'b', sex: 'M' as const, ethnicity: '汉族' },
      { person: 'c', sex: 'M' as const },
    ];
    expect(checkComposition(han, rules)).toEqual({ ok: false, violations: ['NO_MINORITY'] });
    expect(checkComposition([...han, { person: 'd', ethnicity: '苗族' }], rules)).toEqual({ ok: true, violations: [] });
    // Without knowing the majority, compliance cannot be shown.
    expect(checkComposition([...han, { person: 'd', ethnicity: '苗族' }], { ...village, requireMinority: true }).violations).toEqual([
      'NO_MINORITY',
    ]);
  });

  it('reports several violations at once', () => {
    expect(checkComposition([], { ...village, majorityEthnicity: '汉族', requireMinority: true }).violations).toEqual([
      'NO_WOMAN',
      'NO_MINORITY',
      'TOO_FEW',
    ]);
  });

  it('community (居委会) size 5–9', () => {
    const four = Array.from({ length: 4 }, (_, i) => ({ person: `p${i}`, sex: 'F' as const }));
    expect(checkComposition(four, { minSize: 5, maxSize: 9, requireWoman: true, requireMinority: false }).violations).toEqual([
      'TOO_FEW',
    ]);
  });
});

describe('sexFromIdCard (GB 11643)', () => {
  it('17th character: odd = male, even = female', () => {
    expect(sexFromIdCard('110101197506150022')).toBe('F'); // S-A2 王某
    expect(sexFromIdCard('11010119750615001X')).toBe('M');
    expect(sexFromIdCard('110101197506150030')).toBe('M');
    expect(sexFromIdCard('110101197506150000')).toBe('F');
  });

  it('undefined unless 18 characters with a digit in position 17', () => {
    expect(sexFromIdCard('')).toBeUndefined();
    expect(sexFromIdCard('110101750615002')).toBeUndefined(); // old 15-digit format
    expect(sexFromIdCard('1101011975061500221')).toBeUndefined();
    expect(sexFromIdCard('1101011975061500X2')).toBeUndefined();
  });
});

describe('countResolution — homeowners (area AND headcount)', () => {
  // 民法典 Art 278: participation ≥ 2/3 of area and of owners; pass > 1/2 of participating area and owners.
  const rules: ResolutionRules = {
    dimensions: ['area', 'households'],
    quorum: [
      { dimension: 'area', threshold: { ratio: '2/3', strict: false } },
      { dimension: 'households', threshold: { ratio: '2/3', strict: false } },
    ],
    pass: [
      { dimension: 'area', threshold: MORE_THAN_HALF, base: 'participating' },
      { dimension: 'households', threshold: MORE_THAN_HALF, base: 'participating' },
    ],
  };
  const make = (
    area: { participating: string; yes: string; no?: string },
    households: { participating: number; yes: number; no?: number },
  ): ResolutionTally => ({
    dimensions: {
      area: { eligible: '12345.67', ...area },
      households: { eligible: 300, ...households },
    },
  });

  it('passes when both dimensions meet quorum and majority', () => {
    const out = countResolution(make({ participating: '9000.00', yes: '5000.5' }, { participating: 210, yes: 120 }), rules);
    expect(out).toEqual({
      quorumMet: true,
      passed: true,
      perDimension: { area: { quorumMet: true, passed: true }, households: { quorumMet: true, passed: true } },
      problems: [],
    });
  });

  it('passes on headcount but fails on area → not passed', () => {
    // 120 of 210 households say yes, but they own only 4400 of 9000 m² taking part.
    const out = countResolution(make({ participating: '9000', yes: '4400' }, { participating: 210, yes: 120 }), rules);
    expect(out.quorumMet).toBe(true);
    expect(out.passed).toBe(false);
    expect(out.perDimension).toEqual({
      area: { quorumMet: true, passed: false },
      households: { quorumMet: true, passed: true },
    });
    expect(out.problems).toEqual([]);
  });

  it('exactly half of the participating area is not a majority', () => {
    const out = countResolution(make({ participating: '9000', yes: '4500.00' }, { participating: 210, yes: 120 }), rules);
    expect(out.perDimension.area?.passed).toBe(false);
    const justOver = countResolution(make({ participating: '9000', yes: '4500.01' }, { participating: 210, yes: 120 }), rules);
    expect(justOver.passed).toBe(true);
  });

  it('quorum boundary: 2/3 of 12345.67 m² is 8230.4466…; of 300 households is 200', () => {
    const under = countResolution(make({ participating: '8230.44', yes: '8000' }, { participating: 200, yes: 150 }), rules);
    expect(under.quorumMet).toBe(false);
    expect(under.passed).toBe(false);
    expect(under.perDimension.area).toEqual({ quorumMet: false, passed: true });
    expect(under.perDimension.households).toEqual({ quorumMet: true, passed: true });
    const at = countResolution(make({ participating: '8230.45', yes: '8000' }, { participating: 200, yes: 150 }), rules);
    expect(at.quorumMet).toBe(true);
    expect(at.passed).toBe(true);
    const fewHouseholds = countResolution(make({ participating: '9000', yes: '8000' }, { participating: 199, yes: 150 }), rules);
    expect(fewHouseholds.quorumMet).toBe(false);
    expect(fewHouseholds.passed).toBe(false);
  });

  it('numbers and strings mix freely', () => {
    const out = countResolution(
      { dimensions: { area: { eligible: 12345.67, participating: 9000.5, yes: '4600.25' }, households: { eligible: '300', participating: 210, yes: 106 } } },
      rules,
    );
    expect(out.passed).toBe(true);
  });

  it.each([
    ['participating > eligible', make({ participating: '12345.68', yes: '9000' }, { participating: 210, yes: 120 }), /participating .* exceeds eligible/],
    ['yes > participating', make({ participating: '9000', yes: '5000' }, { participating: 210, yes: 211 }), /yes \(211\) exceeds participating/],
    ['yes + no > participating', make({ participating: '9000', yes: '5000', no: '4000.01' }, { participating: 210, yes: 120 }), /yes \+ no \+ abstain \(9000.01\) exceeds/],
    ['negative', make({ participating: '9000', yes: '-1' }, { participating: 210, yes: 120 }), /negative/],
    ['malformed', make({ participating: '9,000', yes: '5000' }, { participating: 210, yes: 120 }), /not a number/],
  ])('inconsistent tally (%s) → problems, not passed', (_name, t, message) => {
    const out = countResolution(t, rules);
    expect(out.passed).toBe(false);
    expect(out.problems.some((p) => message.test(p))).toBe(true);
  });

  it('a missing dimension or a bad rule is a problem', () => {
    const missing = countResolution({ dimensions: { households: { eligible: 300, participating: 210, yes: 200 } } }, rules);
    expect(missing.passed).toBe(false);
    expect(missing.perDimension.area).toEqual({ quorumMet: false, passed: false });
    expect(missing.problems).toContain('dimension "area" is missing from the tally');

    const badRatio = countResolution(make({ participating: '9000', yes: '8000' }, { participating: 210, yes: 200 }), {
      ...rules,
      pass: [{ dimension: 'area', threshold: { ratio: '1/0', strict: true }, base: 'participating' }],
    });
    expect(badRatio.passed).toBe(false);
    expect(badRatio.problems.some((p) => /zero denominator/.test(p))).toBe(true);

    const unknown = countResolution(make({ participating: '9000', yes: '8000' }, { participating: 210, yes: 200 }), {
      ...rules,
      quorum: [{ dimension: 'people', threshold: MORE_THAN_HALF }],
    });
    expect(unknown.passed).toBe(false);
    expect(unknown.problems.some((p) => /unknown dimension "people"/.test(p))).toBe(true);

    const noPass = countResolution(make({ participating: '9000', yes: '8000' }, { participating: 210, yes: 200 }), { ...rules, pass: [] });
    expect(noPass.passed).toBe(false);
  });

  it('villagers’ assembly quorum: more than half of adults OR 2/3 of households is configured per case', () => {
    // The engine checks the configured rule; here: base eligible, > 1/2 of adults present, majority of present.
    const assembly: ResolutionRules = {
      dimensions: ['adults'],
      quorum: [{ dimension: 'adults', threshold: MORE_THAN_HALF }],
      pass: [{ dimension: 'adults', threshold: MORE_THAN_HALF, base: 'participating' }],
    };
    expect(countResolution({ dimensions: { adults: { eligible: 800, participating: 400, yes: 300 } } }, assembly).passed).toBe(false);
    expect(countResolution({ dimensions: { adults: { eligible: 800, participating: 401, yes: 201 } } }, assembly).passed).toBe(true);
  });
});
