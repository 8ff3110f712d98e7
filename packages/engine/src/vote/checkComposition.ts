/**
 * Composition rules for an elected villagers' committee (村民委员会组织法 Art 6 [L]; 居委会 Art 7):
 * size range, at least one woman, and a member of the smaller ethnic group(s) in a multi-ethnic village.
 */

/** One elected member, with what is known about them. Unknown sex or ethnicity never counts as compliant. */
export interface CompositionMember {
  person: string;
  sex?: 'F' | 'M';
  ethnicity?: string;
}

/** The composition rules for one committee. */
export interface CompositionRules {
  /** Smallest lawful size (village 3, community 5). */
  minSize: number;
  /** Largest lawful size (village 7, community 9). */
  maxSize: number;
  /** Art 6: the committee must include a woman. */
  requireWoman: boolean;
  /** The village's majority ethnic group (same spelling as `CompositionMember.ethnicity`, e.g. `汉族`). */
  majorityEthnicity?: string;
  /** Art 6: multi-ethnic village → the committee must include a member of a smaller ethnic group. */
  requireMinority: boolean;
}

/** A violated composition rule. */
export type CompositionViolation = 'NO_WOMAN' | 'NO_MINORITY' | 'TOO_FEW' | 'TOO_MANY';

/** Result of {@link checkComposition}. */
export interface CompositionResult {
  ok: boolean;
  violations: CompositionViolation[];
}

/**
 * Checks an elected committee against Art 6. Members are counted once per distinct `person`.
 *
 * A member counts as a minority member when their ethnicity is known and differs from
 * `majorityEthnicity`. If `requireMinority` is set but `majorityEthnicity` is not, compliance
 * cannot be shown, so `NO_MINORITY` is reported.
 */
export function checkComposition(members: readonly CompositionMember[], rules: CompositionRules): CompositionResult {
  // The same person holding two titles (e.g. listed twice) is still one member.
  const byPerson = new Map<string, CompositionMember>();
  for (const m of members) if (!byPerson.has(m.person)) byPerson.set(m.person, m);
  const unique = [...byPerson.values()];

  const violations: CompositionViolation[] = [];
  if (rules.requireWoman && !unique.some((m) => m.sex === 'F')) violations.push('NO_WOMAN');
  if (rules.requireMinority) {
    const majority = rules.majorityEthnicity;
    const hasMinority =
      majority !== undefined && unique.some((m) => m.ethnicity !== undefined && m.ethnicity !== '' && m.ethnicity !== majority);
    if (!hasMinority) violations.push('NO_MINORITY');
  }
  if (unique.length < rules.minSize) violations.push('TOO_FEW');
  if (unique.length > rules.maxSize) violations.push('TOO_MANY');
  return { ok: violations.length === 0, violations };
}

/**
 * Reads sex from an 18-character resident ID number (GB 11643-1999): the 17th character is the
 * sequence code's last digit, odd for men and even for women.
 *
 * Does not verify the check digit (that is `V_IDCARD`'s job).
 * @returns `'M'`, `'F'`, or `undefined` when the input is not 18 characters or the 17th is not a digit.
 */
export function sexFromIdCard(id: string): 'F' | 'M' | undefined {
  if (id.length !== 18) return undefined;
  const c = id.charCodeAt(16) - 48; // '0' is 48
  if (c < 0 || c > 9) return undefined;
  return c % 2 === 1 ? 'M' : 'F';
}
