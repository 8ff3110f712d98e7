import { describe, expect, it } from 'vitest';
import { regexRisk } from '../src/index.js';
import type { RegexRisk } from '../src/index.js';

/**
 * The classifier only: no pattern is ever run against an attack string here (timings are flaky,
 * and a true positive would hang the test run).
 */

type Unsafe = Exclude<RegexRisk, { safe: true }>;
const verdict = (pattern: string): Unsafe => {
  const risk = regexRisk(pattern);
  expect(risk.safe, pattern).toBe(false);
  return risk as Unsafe;
};

/** Known catastrophic patterns (OWASP ReDoS page, regular-expressions.info, CVE write-ups), with the part to rewrite. */
const EVIL: readonly (readonly [pattern: string, part: string])[] = [
  // OWASP "Evil Regexes"
  [String.raw`^(a+)+$`, '(a+)+'],
  [String.raw`^(a|aa)+$`, '(a|aa)+'],
  [String.raw`^(a|a?)+$`, '(a|a?)+'],
  [String.raw`^(.*a){12}$`, '(.*a){12}'],
  [String.raw`(.*a){12}`, '(.*a){12}'],
  [String.raw`^(\w+\s?)*$`, String.raw`(\w+\s?)*`],
  // OWASP: e-mail validation
  [
    String.raw`^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$`,
    String.raw`(([\-.]|[_]+)?([a-zA-Z0-9]+))*`,
  ],
  // OWASP: Java class name
  [String.raw`^(([a-z])+.)+[A-Z]([a-z])+$`, '(([a-z])+.)+'],
  // nested quantifiers
  [String.raw`(a*)*b`, '(a*)*'],
  [String.raw`^(\d*)*$`, String.raw`(\d*)*`],
  [String.raw`(x+x+)+y`, '(x+x+)+'],
  [String.raw`^(a+?)+$`, '(a+?)+'],
  [String.raw`((ab)*)+$`, '((ab)*)+'],
  [String.raw`^(?<word>a+)+$`, '(?<word>a+)+'],
  [String.raw`^(?:[\p{L}]+\s?)*$`, String.raw`(?:[\p{L}]+\s?)*`],
  [String.raw`^(\s*\w+)*$`, String.raw`(\s*\w+)*`],
  [String.raw`^([a-z0-9]+[-.]?)+@x\.cn$`, '([a-z0-9]+[-.]?)+'],
  // overlapping alternatives under a quantifier
  [String.raw`(a|a)*$`, '(a|a)*'],
  [String.raw`(\w|\d)+$`, String.raw`(\w|\d)+`],
  [String.raw`(.|\s)*$`, String.raw`(.|\s)*`],
  [String.raw`^(\d+|\d+\.\d+)*$`, String.raw`(\d+|\d+\.\d+)*`],
  [String.raw`(a|b|ab)*c`, '(a|b|ab)*'],
  // regular-expressions.info: CSV line
  [String.raw`^(.*?,){11}P`, '(.*?,){11}'],
  // inside a lookahead
  [String.raw`^(?=(a+)+b)`, '(a+)+'],
  // a back-reference can match anything
  [String.raw`(\1a|a)*`, String.raw`(\1a|a)*`],
];

/** Patterns our forms use or are likely to use (fields of FIELDS.md, the example definitions, common Chinese formats). */
const SAFE: readonly string[] = [
  String.raw`^1[3-9]\d{9}$`, // mobile
  String.raw`^0\d{2,3}-?\d{7,8}(-\d{1,6})?$`, // landline with extension
  String.raw`^\d{17}[\dXx]$`, // ID card
  String.raw`^[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx]$`, // ID card, detailed
  String.raw`^[\u4e00-\u9fa5·A-Za-z]{1,30}$`, // name
  String.raw`^[\u3400-\u9fff·A-Za-z]{1,30}$`, // name (example dispute-mediation)
  String.raw`^[\p{Script=Han}·A-Za-z]+$`, // name (example village-election)
  String.raw`^[\u4e00-\u9fa5]{2,4}(·[\u4e00-\u9fa5]{2,4})*$`, // name with middle dots (nested, cannot trade characters)
  String.raw`^att_[A-Za-z0-9_-]{6,64}$`, // attachment id
  String.raw`^\d{4}-\d{2}-\d{2}$`, // date
  String.raw`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`, // date, strict
  String.raw`^([01]\d|2[0-3]):[0-5]\d$`, // time
  String.raw`\+08:00$`, // Beijing time offset (example emergency-mobilisation)
  String.raw`^\d{12}$`, // 12-digit division code
  String.raw`^\d{6}$`, // postcode
  String.raw`^(\d{6}|\d{12})$`, // division code, 6 or 12 digits
  String.raw`^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$`, // unified social credit code
  String.raw`^（\d{4}）.{1,20}调协字第\d+号$`, // mediation case number (example dispute-mediation)
  String.raw`^(?:GCJ-02|CGCS2000|WGS-84)$`,
  String.raw`^[^<>]*$`,
  String.raw`^\d+(\.\d{1,2})?$`, // money
  String.raw`^-?\d+$`,
  String.raw`^\d{1,3}(,\d{3})*(\.\d{1,2})?$`, // amount with thousands separators
  String.raw`^(\d{1,3}\.){3}\d{1,3}$`, // IPv4 (nested, cannot trade characters)
  String.raw`^[A-Za-z0-9]+([._-][A-Za-z0-9]+)*$`, // user name
  String.raw`^[\w.+-]+@[\w-]+\.[\w.-]+$`, // e-mail, simple
  String.raw`^[A-Z]{2}\d{4}$`,
  String.raw`^(?!0{6})\d{6}$`,
  String.raw`^[\u{20000}-\u{2A6DF}\u4e00-\u9fa5]{1,10}$`, // rare characters outside the BMP
];

describe('regexRisk: catastrophic patterns are refused', () => {
  it('has at least 20 of them', () => expect(EVIL.length).toBeGreaterThanOrEqual(20));
  for (const [pattern, part] of EVIL) {
    it(pattern, () => {
      const risk = verdict(pattern);
      expect(risk.reason).toBe('exponential');
      expect(risk.part).toBe(part);
    });
  }
});

describe('regexRisk: the patterns of our domain pass', () => {
  it('has at least 20 of them', () => expect(SAFE.length).toBeGreaterThanOrEqual(20));
  for (const pattern of SAFE) {
    it(pattern, () => expect(regexRisk(pattern)).toEqual({ safe: true }));
  }
});

describe('regexRisk: other verdicts', () => {
  it('a repeated group that can match nothing', () => {
    expect(verdict(String.raw`(a?){30}a{30}`)).toMatchObject({ reason: 'empty-loop', part: '(a?){30}' });
    expect(verdict(String.raw`(a|)+b`)).toMatchObject({ reason: 'empty-loop', part: '(a|)+' });
  });

  it('three quantifiers in a row that trade the same characters (cubic or worse)', () => {
    expect(verdict(String.raw`^\d*\d*\d*$`)).toMatchObject({ reason: 'polynomial', part: String.raw`\d*\d*\d*` });
    // unanchored: the search from every start position is one more loop
    expect(verdict(String.raw`\d+\d+x`)).toMatchObject({ reason: 'polynomial' });
    expect(regexRisk(String.raw`^\d+\d+x`)).toEqual({ safe: true });
    // bounded counts cost a constant factor only
    expect(regexRisk('[a-z]{1,10}'.repeat(40))).toEqual({ safe: true });
  });

  it('invalid under the u flag, with the engine message', () => {
    for (const pattern of ['(a+', '[z-a]', String.raw`\p{NoSuchProperty}`, 'a{2,1}', String.raw`\-`, '{', String.raw`\1(a)(`]) {
      const risk = verdict(pattern);
      expect(risk.reason, pattern).toBe('invalid');
      expect(risk.detail.length).toBeGreaterThan(0);
    }
  });

  it('too long, too nested or too large to analyse: refused, quickly', () => {
    expect(verdict('a'.repeat(5001)).reason).toBe('too-complex');
    expect(verdict(`${'('.repeat(100)}a${')'.repeat(100)}`).reason).toBe('too-complex');
    // many overlapping alternatives: the work budget stops the analysis
    const wide = `^(?:${Array.from({ length: 300 }, () => '[a-z]').join('|')})?`.repeat(12);
    expect(['too-complex', 'polynomial', 'exponential']).toContain(verdict(`${wide}$`).reason);
  });

  it('Unicode properties: Han is known from above, others count as any character (conservative)', () => {
    expect(verdict(String.raw`^(\p{Script=Han}+,?)+$`).reason).toBe('exponential');
    // Han names separated by 、 cannot trade characters …
    expect(regexRisk(String.raw`^\p{Script=Han}+(、\p{Script=Han}+)*$`)).toEqual({ safe: true });
    expect(regexRisk(String.raw`^[\p{sc=Han}·]+(、[\p{sc=Han}·]+)*$`)).toEqual({ safe: true });
    // … but \p{L} is not expanded, so it may contain 、 : refused (a false positive, by design)
    expect(verdict(String.raw`^\p{L}+(、\p{L}+)*$`).reason).toBe('exponential');
    // a negated property class is "anything" too (the complement of an approximation is not safe)
    expect(verdict(String.raw`^([^\p{Script=Han}]+a?)*$`).reason).toBe('exponential');
  });
});
