/**
 * Counting a supplementary ballot (另行选举) for seats left open by the main ballot
 * (村民委员会组织法 Art 15; A §5.5 step 5).
 */
import { isCount, resolveRules, selectSeats, VILLAGE_COMMITTEE_RULES } from './countElection.js';
import type { CandidateVotes, ElectionRules } from './countElection.js';

/** The count sheet of a supplementary ballot for one post. */
export interface SupplementaryTally {
  /** Post code, e.g. `委员`. */
  post: string;
  /** Seats still open for this post. */
  seats: number;
  /**
   * Ballots cast in this supplementary ballot: the base of the 1/3 rule. For the Party branch,
   * pass the voting-eligible members present.
   */
  ballotsCast: number;
  /** Votes per candidate (person id, or written name for a write-in). */
  results: CandidateVotes[];
}

/** The result of a supplementary ballot for one post. */
export interface SupplementaryOutcome {
  post: string;
  /** Winners, highest votes first. */
  elected: CandidateVotes[];
  /** Seats still open after this ballot (→ `VACANT(post)` unless a tie re-vote fills them). */
  vacant: number;
  /** Candidates reaching the minimum share but tied for the last seat(s); those seats are in `vacant`. */
  tiedAtCutoff: CandidateVotes[];
  /** Data inconsistencies (English). When non-empty nobody is elected and every seat is vacant. */
  problems: string[];
}

/**
 * Counts a supplementary ballot: the highest votes win, but only candidates whose votes meet
 * `supplementaryMinShare` of `ballotsCast` (statute: at least 1/3) can win. A tie for the last
 * seat leaves it open and lists the tied people for a re-vote.
 *
 * @example F 310 of 880 ballots → elected (310 × 3 = 930 ≥ 880); F 290, E 280 of 880 → vacant 1.
 * @param rules overrides of {@link VILLAGE_COMMITTEE_RULES}; only `supplementaryMinShare` is used.
 * @throws RangeError when `rules` are malformed.
 */
export function countSupplementary(t: SupplementaryTally, rules?: Partial<ElectionRules>): SupplementaryOutcome {
  const r = resolveRules(rules, VILLAGE_COMMITTEE_RULES);
  const problems: string[] = [];
  if (!isCount(t.seats) || t.seats === 0) problems.push(`seats must be a positive integer, got ${String(t.seats)}`);
  if (!isCount(t.ballotsCast)) problems.push(`ballotsCast must be a non-negative integer, got ${String(t.ballotsCast)}`);
  const seen = new Set<string>();
  let sum = 0;
  for (const res of t.results) {
    if (seen.has(res.candidate)) problems.push(`candidate "${res.candidate}" listed more than once`);
    seen.add(res.candidate);
    if (!isCount(res.votes)) {
      problems.push(`votes for "${res.candidate}" must be a non-negative integer, got ${String(res.votes)}`);
      continue;
    }
    if (isCount(t.ballotsCast) && res.votes > t.ballotsCast) {
      problems.push(`"${res.candidate}" has ${res.votes} votes, more than the ${t.ballotsCast} ballots cast`);
    }
    sum += res.votes;
  }
  if (isCount(t.seats) && isCount(t.ballotsCast) && sum > t.ballotsCast * t.seats) {
    problems.push(`${sum} votes exceed ballots cast × seats (${t.ballotsCast} × ${t.seats})`);
  }
  if (problems.length > 0) {
    // An unreliable count elects nobody; the seats count as vacant so a follow-up is scheduled.
    return { post: t.post, elected: [], vacant: isCount(t.seats) ? t.seats : 0, tiedAtCutoff: [], problems };
  }
  const sel = selectSeats(t.results, t.seats, t.ballotsCast, r.supplementaryMinShare);
  return { post: t.post, elected: sel.elected, vacant: sel.unfilled, tiedAtCutoff: sel.tiedAtCutoff, problems };
}
