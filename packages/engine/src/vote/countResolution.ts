/**
 * Counting a resolution whose electorate is measured in several dimensions at once, e.g. a
 * homeowners' vote counted by floor area AND by headcount (民法典 Art 278 double majority), or a
 * villagers' assembly by adults or households. Every configured quorum and pass rule must hold.
 */
import { compareDecimals, meets, parseDecimal, parseRatio } from './fraction.js';
import type { Threshold } from './fraction.js';

/** Quorum and pass rules for one kind of resolution. */
export interface ResolutionRules {
  /** Dimensions the tally must contain, e.g. `['area', 'households']`. */
  dimensions: string[];
  /** Participation rules: `participating` must meet `threshold` of `eligible` in that dimension. */
  quorum: { dimension: string; threshold: Threshold }[];
  /** Approval rules: `yes` must meet `threshold` of the `base` (eligible or participating) in that dimension. */
  pass: { dimension: string; threshold: Threshold; base: 'eligible' | 'participating' }[];
}

/**
 * One dimension's figures. Values are counts or decimal measures (floor area such as `"1234.56"`);
 * strings keep decimals exact.
 */
export interface ResolutionDimensionTally {
  eligible: number | string;
  participating: number | string;
  yes: number | string;
  no?: number | string;
  abstain?: number | string;
}

/** A resolution tally: figures per dimension. */
export interface ResolutionTally {
  dimensions: Record<string, ResolutionDimensionTally>;
}

/** Per-dimension result. `passed` reflects only that dimension's pass rules (quorum is reported separately). */
export interface DimensionOutcome {
  quorumMet: boolean;
  passed: boolean;
}

/** Result of {@link countResolution}. */
export interface ResolutionOutcome {
  /** Every quorum rule holds. */
  quorumMet: boolean;
  /** Quorum met, every pass rule holds, and the tally is consistent. */
  passed: boolean;
  /** One entry per dimension in `rules.dimensions`. */
  perDimension: Record<string, DimensionOutcome>;
  /** Inconsistencies and configuration errors (English). Non-empty → `passed` is false. */
  problems: string[];
}

/** Checks one dimension's figures; returns problems (English), empty when consistent. */
function checkDimension(name: string, d: ResolutionDimensionTally): string[] {
  const problems: string[] = [];
  const fields: [string, number | string | undefined][] = [
    ['eligible', d.eligible],
    ['participating', d.participating],
    ['yes', d.yes],
    ['no', d.no],
    ['abstain', d.abstain],
  ];
  let parsedAll = true;
  for (const [field, v] of fields) {
    if (v === undefined) continue;
    try {
      if (parseDecimal(v).units < 0n) problems.push(`${name}.${field} is negative (${String(v)})`);
    } catch {
      parsedAll = false;
      problems.push(`${name}.${field} is not a number (${String(v)})`);
    }
  }
  if (!parsedAll) return problems;
  if (compareDecimals(d.participating, d.eligible) > 0) {
    problems.push(`${name}: participating (${String(d.participating)}) exceeds eligible (${String(d.eligible)})`);
  }
  if (compareDecimals(d.yes, d.participating) > 0) {
    problems.push(`${name}: yes (${String(d.yes)}) exceeds participating (${String(d.participating)})`);
  }
  // yes + no + abstain cannot exceed those taking part; sum exactly via scaled decimals.
  if (d.no !== undefined || d.abstain !== undefined) {
    const total = sumDecimals([d.yes, d.no ?? 0, d.abstain ?? 0]);
    if (compareDecimals(total, d.participating) > 0) {
      problems.push(`${name}: yes + no + abstain (${total}) exceeds participating (${String(d.participating)})`);
    }
  }
  return problems;
}

/** Exact sum of decimals, returned as a decimal string so it can be compared again. */
function sumDecimals(values: readonly (number | string)[]): string {
  const parsed = values.map(parseDecimal);
  const scale = parsed.reduce((s, p) => (p.scale > s ? p.scale : s), 0);
  let units = 0n;
  for (const p of parsed) units += p.units * 10n ** BigInt(scale - p.scale);
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return neg ? `-${text}` : text;
}

/** Whether a ratio string is well formed, without throwing. */
function ratioProblem(where: string, t: Threshold): string | undefined {
  try {
    parseRatio(t.ratio);
    return undefined;
  } catch (e) {
    return `${where}: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * Counts a multi-dimension resolution (double majority). Every quorum entry and every pass entry
 * must hold; an inconsistent tally (participating > eligible, yes > participating, yes + no +
 * abstain > participating, negative or malformed figures, a dimension missing) never passes.
 *
 * @example Homeowners: quorum `≥ 2/3` of area and of households; pass `> 1/2` of participating area and households.
 */
export function countResolution(t: ResolutionTally, rules: ResolutionRules): ResolutionOutcome {
  const problems: string[] = [];
  const usable = new Set<string>();
  const perDimension: Record<string, DimensionOutcome> = {};
  // A resolution with no approval rule would pass on turnout alone: treat it as misconfigured.
  if (rules.pass.length === 0) problems.push('no pass rule is configured');

  for (const name of rules.dimensions) {
    perDimension[name] = { quorumMet: true, passed: true };
    const d = Object.prototype.hasOwnProperty.call(t.dimensions, name) ? t.dimensions[name] : undefined;
    if (d === undefined) {
      problems.push(`dimension "${name}" is missing from the tally`);
      continue;
    }
    const dp = checkDimension(name, d);
    problems.push(...dp);
    if (dp.length === 0) usable.add(name);
  }

  let quorumMet = true;
  for (const [i, q] of rules.quorum.entries()) {
    const bad = ratioProblem(`quorum[${i}]`, q.threshold);
    const d = usable.has(q.dimension) ? t.dimensions[q.dimension] : undefined;
    if (!rules.dimensions.includes(q.dimension)) problems.push(`quorum[${i}] refers to unknown dimension "${q.dimension}"`);
    if (bad !== undefined) problems.push(bad);
    const ok = bad === undefined && d !== undefined && meets(d.participating, d.eligible, q.threshold);
    if (!ok) quorumMet = false;
    const pd = perDimension[q.dimension];
    if (pd !== undefined && !ok) pd.quorumMet = false;
  }

  let allPass = true;
  for (const [i, p] of rules.pass.entries()) {
    const bad = ratioProblem(`pass[${i}]`, p.threshold);
    const d = usable.has(p.dimension) ? t.dimensions[p.dimension] : undefined;
    if (!rules.dimensions.includes(p.dimension)) problems.push(`pass[${i}] refers to unknown dimension "${p.dimension}"`);
    if (bad !== undefined) problems.push(bad);
    const ok =
      bad === undefined && d !== undefined && meets(d.yes, p.base === 'eligible' ? d.eligible : d.participating, p.threshold);
    if (!ok) allPass = false;
    const pd = perDimension[p.dimension];
    if (pd !== undefined && !ok) pd.passed = false;
  }

  // A dimension that could not be read has neither quorum nor approval.
  for (const name of rules.dimensions) {
    const pd = perDimension[name];
    if (pd !== undefined && !usable.has(name)) {
      pd.quorumMet = false;
      pd.passed = false;
    }
  }

  return { quorumMet, passed: quorumMet && allPass && problems.length === 0, perDimension, problems };
}
