/**
 * Pure counting functions for the engine's `vote` step kind: elections (村民委员会组织法 Art 15 and
 * the Party-branch rules), supplementary ballots, committee composition (Art 6) and weighted,
 * multi-dimension resolutions. No clocks, randomness or I/O: same input, same result.
 */
export { compareDecimals, meets, parseDecimal, parseRatio } from './fraction.js';
export type { Decimal, Ratio, Threshold } from './fraction.js';
export { countElection, PARTY_BRANCH_RULES, VILLAGE_COMMITTEE_RULES } from './countElection.js';
export type {
  CandidateVotes,
  ElectionInvalidReason,
  ElectionOutcome,
  ElectionRules,
  ElectionTally,
  PostOutcome,
  PostTally,
} from './countElection.js';
export { countSupplementary } from './countSupplementary.js';
export type { SupplementaryOutcome, SupplementaryTally } from './countSupplementary.js';
export { countResolution } from './countResolution.js';
export type {
  DimensionOutcome,
  ResolutionDimensionTally,
  ResolutionOutcome,
  ResolutionRules,
  ResolutionTally,
} from './countResolution.js';
export { checkComposition, sexFromIdCard } from './checkComposition.js';
export type { CompositionMember, CompositionResult, CompositionRules, CompositionViolation } from './checkComposition.js';
