import type { VoteStatute, VoteStep } from '../../definition/types.js';
import { PARTY_BRANCH_RULES, VILLAGE_COMMITTEE_RULES, parseRatio } from '../../vote/index.js';
import type { ElectionRules, Threshold } from '../../vote/index.js';

/** The minimum rules of each legal profile. [L] for the villagers' committee (Art 15); [P] for the Party. */
export const STATUTE_RULES: Record<Exclude<VoteStatute, 'NONE'>, ElectionRules> = {
  CN_VILLAGE_COMMITTEE_ART15: VILLAGE_COMMITTEE_RULES,
  CN_PARTY_BASE_ORG: PARTY_BRANCH_RULES,
};

/** True when `t` demands at least as much as `min` (a higher ratio, or the same ratio and strictness). */
export function notWeaker(t: Threshold, min: Threshold): boolean {
  const a = parseRatio(t.ratio);
  const b = parseRatio(min.ratio);
  const cmp = a.num * b.den - b.num * a.den;
  if (cmp !== 0n) return cmp > 0n;
  return t.strict || !min.strict;
}

/** Rules a vote step weakens below its statute, as `{ key, given, minimum }`; empty when lawful. */
export function weakenedRules(step: Pick<VoteStep, 'statute' | 'rules'>): { key: string; given: unknown; minimum: unknown }[] {
  if (!step.statute || step.statute === 'NONE' || !step.rules) return [];
  const min = STATUTE_RULES[step.statute];
  const out: { key: string; given: unknown; minimum: unknown }[] = [];
  for (const key of ['quorum', 'win', 'supplementaryMinShare'] as const) {
    const t = step.rules[key];
    if (t && !notWeaker(t, min[key])) out.push({ key, given: t, minimum: min[key] });
  }
  if (step.rules.winBase && step.rules.winBase !== min.winBase) out.push({ key: 'winBase', given: step.rules.winBase, minimum: min.winBase });
  if (step.rules.quorumBase && step.rules.quorumBase !== min.quorumBase) out.push({ key: 'quorumBase', given: step.rules.quorumBase, minimum: min.quorumBase });
  return out;
}

/** The rules a vote step counts with: its statute's minimum, overridden by stricter (never weaker) settings. */
export function effectiveRules(step: Pick<VoteStep, 'statute' | 'rules'>): ElectionRules {
  const base = step.statute && step.statute !== 'NONE' ? STATUTE_RULES[step.statute] : VILLAGE_COMMITTEE_RULES;
  return { ...base, ...(step.rules ?? {}) } as ElectionRules;
}
