/**
 * Counting a main election ballot (正式选举) under 村民委员会组织法 Art 15, and the Party-branch
 * variant, following domain spec A §5.5 steps 1–5.
 */
import { meets, parseRatio } from './fraction.js';
import type { Threshold } from './fraction.js';

/** Counting rules for one kind of election. Defaults: {@link VILLAGE_COMMITTEE_RULES}. */
export interface ElectionRules {
  /** Turnout needed for the ballot to be valid, as a share of `quorumBase`. Statute: more than 1/2. */
  quorum: Threshold;
  /** What the quorum is measured against. Only the registered electorate is used by the statutes. */
  quorumBase: 'registered';
  /** Votes a candidate needs, as a share of `winBase`. Statute: more than 1/2. */
  win: Threshold;
  /**
   * What the win threshold is measured against: `voters` (people who voted, Art 15 "投票的村民",
   * A §5.5 step 4) or `validBallots` (a provincial variant; needs `ElectionTally.valid`).
   */
  winBase: 'voters' | 'validBallots';
  /** Minimum share of the ballots cast in a supplementary ballot (另行选举). Statute: at least 1/3. */
  supplementaryMinShare: Threshold;
  /** Candidates in a supplementary ballot beyond the number of open seats (差额). Provincial; default 1. */
  supplementaryExtraCandidates: number;
}

/**
 * Statutory rules for the villagers' committee (村民委员会组织法 Art 15 [L]):
 * valid when more than half of the registered voters vote; elected with more than half of the
 * votes of those who voted; supplementary winners need at least 1/3 of the ballots cast.
 * The +1 extra supplementary candidate is the common provincial rule [Prov].
 */
export const VILLAGE_COMMITTEE_RULES: ElectionRules = Object.freeze({
  quorum: Object.freeze({ ratio: '1/2', strict: true }),
  quorumBase: 'registered',
  win: Object.freeze({ ratio: '1/2', strict: true }),
  winBase: 'voters',
  supplementaryMinShare: Object.freeze({ ratio: '1/3', strict: false }),
  supplementaryExtraCandidates: 1,
});

/**
 * Party-branch election rules (基层组织选举工作条例, [P] per A §2.2, not verified against the 2020 text):
 * the election may proceed when the voting-eligible members present are more than 4/5 of those who
 * should attend (pass them as `registered`, the present ones as `voters`); a winner needs more than
 * half of the members present. Party rules have no 1/3 supplementary rule: a supplementary vote
 * (另行选举) is decided like the main one, so its minimum share is also more than 1/2 (of the
 * members present, passed as `ballotsCast`).
 */
export const PARTY_BRANCH_RULES: ElectionRules = Object.freeze({
  quorum: Object.freeze({ ratio: '4/5', strict: true }),
  quorumBase: 'registered',
  win: Object.freeze({ ratio: '1/2', strict: true }),
  winBase: 'voters',
  supplementaryMinShare: Object.freeze({ ratio: '1/2', strict: true }),
  supplementaryExtraCandidates: 1,
});

/** Votes per candidate for one post in one ballot. */
export interface PostTally {
  /** Post code, e.g. `主任`, `副主任`, `委员`. */
  post: string;
  /** Seats to fill for this post in this ballot. */
  seats: number;
  /** Valid votes per candidate. `candidate` is a person id, or the written name for a write-in (另选他人). */
  results: { candidate: string; votes: number }[];
}

/** The count sheet of one ballot round (form A-F10). */
export interface ElectionTally {
  /** Registered voters on the final list (or, for the Party, members who should attend). */
  registered: number;
  /** Ballots issued. */
  issued: number;
  /** Ballots returned. More than issued voids the ballot. */
  returned: number;
  /** People who voted, proxy holders counted once per proxy (or Party members present). */
  voters: number;
  /**
   * Valid ballots (A-F10 `valid`). Optional: only needed when `winBase` is `validBallots`;
   * when given it must not exceed `returned` and bounds each post's vote sum.
   */
  valid?: number;
  /** Results per post, in counting order (director → deputies → members). */
  posts: PostTally[];
}

/** Why a ballot round is void. */
export type ElectionInvalidReason = 'RETURNED_EXCEEDS_ISSUED' | 'NO_QUORUM' | 'INCONSISTENT_TALLY';

/** A candidate and their vote count. */
export interface CandidateVotes {
  candidate: string;
  votes: number;
}

/** The result for one post. */
export interface PostOutcome {
  post: string;
  seats: number;
  /** Elected candidates, ordered by votes, highest first. */
  elected: CandidateVotes[];
  /**
   * Candidates who reached the threshold but tie for the last seat(s); those seats stay open and
   * a re-vote among these people (平票再投) decides them. Empty when there is no such tie.
   */
  tiedAtCutoff: CandidateVotes[];
  /** Seats not filled by this ballot, including seats blocked by a tie. */
  unfilled: number;
  /**
   * Candidates for a supplementary ballot (另行选举): the highest-placed unelected people, up to
   * `unfilled + supplementaryExtraCandidates` (more if several tie for the last place, fewer if
   * not enough people received votes). Empty when `unfilled` is 0.
   */
  supplementaryCandidates: string[];
}

/** The result of counting one ballot round. */
export interface ElectionOutcome {
  /** False when the whole ballot is void; then `posts` is empty and nobody is elected. */
  valid: boolean;
  /** Set when `valid` is false. */
  invalidReason?: ElectionInvalidReason;
  /** One outcome per post, in tally order. Empty when the ballot is void. */
  posts: PostOutcome[];
  /** Human-readable (English) details: data inconsistencies and notes such as ties for candidate places. */
  problems: string[];
}

/** Result of applying a threshold and a seat count to a list of vote counts. */
export interface SeatSelection {
  /** Winners, highest votes first. */
  elected: CandidateVotes[];
  /** Threshold-reaching candidates tied for the last seat(s); those seats stay unfilled. */
  tiedAtCutoff: CandidateVotes[];
  /** Seats left unfilled, including those blocked by a tie. */
  unfilled: number;
  /** All results, highest votes first; input order is kept among equal votes. */
  ranked: CandidateVotes[];
}

/**
 * Fills `seats` from `results`: everyone whose votes meet `threshold` of `base` is eligible; if
 * there are more eligible people than seats the highest win, and a tie at the cut-off leaves the
 * contested seats unfilled. Nobody with zero votes is ever elected.
 *
 * Shared by {@link countElection} and `countSupplementary`; not part of the public vote API.
 * @internal
 */
export function selectSeats(
  results: readonly CandidateVotes[],
  seats: number,
  base: number,
  threshold: Threshold,
): SeatSelection {
  // Stable sort: equal votes keep input order, which only affects display, never who wins.
  const ranked = results.map((r) => ({ candidate: r.candidate, votes: r.votes })).sort((a, b) => b.votes - a.votes);
  // A zero-vote candidate never wins, even when a base of 0 would make "≥ 0" true.
  const eligible = ranked.filter((r) => r.votes > 0 && meets(r.votes, base, threshold));
  if (eligible.length <= seats) {
    return { elected: eligible, tiedAtCutoff: [], unfilled: seats - eligible.length, ranked };
  }
  const last = eligible[seats - 1];
  const firstOut = eligible[seats];
  if (seats === 0 || last === undefined || firstOut === undefined || last.votes !== firstOut.votes) {
    const elected = eligible.slice(0, seats);
    return { elected, tiedAtCutoff: [], unfilled: seats - elected.length, ranked };
  }
  // Tie at the cut-off: nobody may be preferred by list order, so the contested seats stay open.
  const cutoff = last.votes;
  const elected = eligible.filter((r) => r.votes > cutoff);
  const tiedAtCutoff = eligible.filter((r) => r.votes === cutoff);
  return { elected, tiedAtCutoff, unfilled: seats - elected.length, ranked };
}

/** True for a safe, non-negative integer: the only acceptable count of people, ballots or votes. */
export function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/**
 * Merges partial rules over defaults, ignoring keys explicitly set to `undefined`, and checks them.
 * @throws RangeError on a malformed ratio or a negative / non-integer extra-candidate count.
 * @internal
 */
export function resolveRules(rules: Partial<ElectionRules> | undefined, defaults: ElectionRules): ElectionRules {
  const merged: ElectionRules = { ...defaults };
  if (rules !== undefined) {
    for (const key of Object.keys(rules) as (keyof ElectionRules)[]) {
      const v = rules[key];
      if (v !== undefined) (merged as unknown as Record<string, unknown>)[key] = v;
    }
  }
  // Configuration errors are programming errors, not tally problems: fail loudly.
  parseRatio(merged.quorum.ratio);
  parseRatio(merged.win.ratio);
  parseRatio(merged.supplementaryMinShare.ratio);
  if (!isCount(merged.supplementaryExtraCandidates)) {
    throw new RangeError(
      `supplementaryExtraCandidates must be a non-negative integer, got ${String(merged.supplementaryExtraCandidates)}`,
    );
  }
  if (merged.quorumBase !== 'registered') throw new RangeError(`Unknown quorumBase "${String(merged.quorumBase)}"`);
  if (merged.winBase !== 'voters' && merged.winBase !== 'validBallots') {
    throw new RangeError(`Unknown winBase "${String(merged.winBase)}"`);
  }
  return merged;
}

/** Collects every inconsistency in the tally (A-F10 validations), in English. */
function checkTally(tally: ElectionTally, rules: ElectionRules): string[] {
  const problems: string[] = [];
  const totals: [string, unknown][] = [
    ['registered', tally.registered],
    ['issued', tally.issued],
    ['returned', tally.returned],
    ['voters', tally.voters],
  ];
  if (tally.valid !== undefined) totals.push(['valid', tally.valid]);
  for (const [name, n] of totals) {
    if (!isCount(n)) problems.push(`${name} must be a non-negative integer, got ${String(n)}`);
  }
  const { registered, issued, returned, voters, valid } = tally;
  if (isCount(issued) && isCount(registered) && issued > registered) {
    problems.push(`issued (${issued}) exceeds registered (${registered})`);
  }
  if (isCount(voters) && isCount(registered) && voters > registered) {
    problems.push(`voters (${voters}) exceeds registered (${registered})`);
  }
  // A-F10: voters ≤ issued (every voter, and every proxy use, takes one ballot).
  if (isCount(voters) && isCount(issued) && voters > issued) {
    problems.push(`voters (${voters}) exceeds issued (${issued})`);
  }
  if (valid !== undefined && isCount(valid) && isCount(returned) && valid > returned) {
    problems.push(`valid (${valid}) exceeds returned (${returned})`);
  }
  if (rules.winBase === 'validBallots' && valid === undefined) {
    problems.push('winBase is "validBallots" but the tally has no "valid" count');
  }
  const seenPosts = new Set<string>();
  for (const p of tally.posts) {
    if (seenPosts.has(p.post)) problems.push(`post "${p.post}" appears more than once`);
    seenPosts.add(p.post);
    if (!isCount(p.seats) || p.seats === 0) {
      problems.push(`post "${p.post}": seats must be a positive integer, got ${String(p.seats)}`);
    }
    const seen = new Set<string>();
    let sum = 0;
    for (const r of p.results) {
      if (seen.has(r.candidate)) problems.push(`post "${p.post}": candidate "${r.candidate}" listed more than once`);
      seen.add(r.candidate);
      if (!isCount(r.votes)) {
        problems.push(`post "${p.post}": votes for "${r.candidate}" must be a non-negative integer, got ${String(r.votes)}`);
        continue;
      }
      // One ballot gives a person at most one vote.
      if (isCount(voters) && r.votes > voters) {
        problems.push(`post "${p.post}": "${r.candidate}" has ${r.votes} votes, more than the ${voters} voters`);
      }
      sum += r.votes;
    }
    if (isCount(p.seats) && isCount(voters) && sum > voters * p.seats) {
      problems.push(`post "${p.post}": ${sum} votes exceed voters × seats (${voters} × ${p.seats})`);
    }
    if (valid !== undefined && isCount(p.seats) && isCount(valid) && sum > valid * p.seats) {
      problems.push(`post "${p.post}": ${sum} votes exceed valid ballots × seats (${valid} × ${p.seats})`);
    }
  }
  return problems;
}

/**
 * Picks supplementary-ballot candidates: the highest-placed unelected people with at least one
 * vote, `want` of them; anyone tied with the last place is included too, because list order must
 * not decide who may stand.
 */
function pickSupplementary(ranked: readonly CandidateVotes[], electedIds: ReadonlySet<string>, want: number): {
  candidates: string[];
  extendedByTie: boolean;
} {
  const pool = ranked.filter((r) => !electedIds.has(r.candidate) && r.votes > 0);
  if (want <= 0 || pool.length === 0) return { candidates: [], extendedByTie: false };
  const lastTaken = pool[Math.min(want, pool.length) - 1];
  if (lastTaken === undefined) return { candidates: [], extendedByTie: false };
  const picked = pool.filter((r, i) => i < want || r.votes === lastTaken.votes);
  return { candidates: picked.map((r) => r.candidate), extendedByTie: picked.length > want };
}

/**
 * Counts one election ballot round (A §5.5).
 *
 * 1. `returned > issued` → void (`RETURNED_EXCEEDS_ISSUED`). Impossible or malformed numbers
 *    (issued or voters above registered, voters above issued, negative or fractional counts,
 *    a post's votes above voters × seats, a candidate above voters) → void (`INCONSISTENT_TALLY`).
 * 2. Turnout must meet `rules.quorum` of `registered`, otherwise `NO_QUORUM`.
 * 3. Per post, candidates meeting `rules.win` of the win base are eligible; the highest fill the
 *    seats; a tie for the last seat(s) leaves them open and lists the tied people.
 * 4. For open seats, lists supplementary-ballot candidates.
 *
 * Write-ins (另选他人) are counted exactly like listed candidates.
 *
 * @param rules overrides of {@link VILLAGE_COMMITTEE_RULES}; pass {@link PARTY_BRANCH_RULES} for the Party branch.
 * @throws RangeError when `rules` are malformed (bad ratio, negative extra-candidate count).
 */
export function countElection(tally: ElectionTally, rules?: Partial<ElectionRules>): ElectionOutcome {
  const r = resolveRules(rules, VILLAGE_COMMITTEE_RULES);
  const problems = checkTally(tally, r);

  // Step 1: more ballots back than handed out means ballot stuffing is possible → the round is void.
  if (isCount(tally.returned) && isCount(tally.issued) && tally.returned > tally.issued) {
    return {
      valid: false,
      invalidReason: 'RETURNED_EXCEEDS_ISSUED',
      posts: [],
      problems: [`returned (${tally.returned}) exceeds issued (${tally.issued})`, ...problems],
    };
  }
  if (problems.length > 0) return { valid: false, invalidReason: 'INCONSISTENT_TALLY', posts: [], problems };

  // Step 2: turnout quorum (Art 15 "过半数": exactly half is not enough).
  if (!meets(tally.voters, tally.registered, r.quorum)) {
    return {
      valid: false,
      invalidReason: 'NO_QUORUM',
      posts: [],
      problems: [`turnout ${tally.voters} of ${tally.registered} registered does not meet quorum ${describe(r.quorum)}`],
    };
  }

  const winBase = r.winBase === 'voters' ? tally.voters : (tally.valid ?? 0);
  const notes: string[] = [];
  const posts = tally.posts.map((p): PostOutcome => {
    const sel = selectSeats(p.results, p.seats, winBase, r.win);
    if (sel.unfilled === 0) {
      return { post: p.post, seats: p.seats, elected: sel.elected, tiedAtCutoff: [], unfilled: 0, supplementaryCandidates: [] };
    }
    const electedIds = new Set(sel.elected.map((e) => e.candidate));
    const want = sel.unfilled + r.supplementaryExtraCandidates;
    const sup = pickSupplementary(sel.ranked, electedIds, want);
    if (sup.extendedByTie) {
      notes.push(
        `post "${p.post}": ${sup.candidates.length} supplementary candidates instead of ${want} because of a tie for the last place`,
      );
    }
    return {
      post: p.post,
      seats: p.seats,
      elected: sel.elected,
      tiedAtCutoff: sel.tiedAtCutoff,
      unfilled: sel.unfilled,
      supplementaryCandidates: sup.candidates,
    };
  });
  return { valid: true, posts, problems: notes };
}

/** Renders a threshold for messages, e.g. "> 1/2" or "≥ 1/3". */
function describe(t: Threshold): string {
  return `${t.strict ? '>' : '≥'} ${t.ratio}`;
}
