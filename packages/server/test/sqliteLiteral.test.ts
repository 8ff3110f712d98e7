import sqlite3 from 'sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteLiteral } from '../src/store/sqliteLiteral.js';

/**
 * The literals a group commit writes its values as (src/store/sqliteLiteral.ts): SQLite must read
 * each back as exactly the value the driver binds for it, and the text must be ASCII (so that the
 * group's SQL text is a one-byte string in V8).
 */
describe('SQLite literals', () => {
  let db: sqlite3.Database;
  beforeAll(() => { db = new sqlite3.Database(':memory:'); });
  afterAll(() => new Promise<void>((resolve) => { db.close(() => resolve()); }));

  const get = (sql: string, params: unknown[] = []) => new Promise<unknown>((resolve, reject) => {
    db.get(sql, params, (error: Error | null, row: { v: unknown } | undefined) => (error ? reject(error) : resolve(row?.v)));
  });
  /** What SQLite reads the literal as, and what it stores when the value is bound instead. */
  const readBack = async (value: string) => {
    const literal = sqliteLiteral(value)!;
    expect(literal).toMatch(/^[\x01-\x7f]*$/);
    return { literal: await get(`select ${literal} as v`), bound: await get('select ? as v', [value]), type: await get(`select typeof(${literal}) as v`) };
  };

  it('reads every string back as the driver binds it, in ASCII', async () => {
    const samples = [
      '', 'plain', "it's", "''", '经联审，资格审查结果予以公告', '镇政府（基准）', '候选人-436', '{"note":"同意 \'好\'"}',
      '😀 emoji, 𠀀 beyond the BMP', 'mixed a好b好c', '\ud800 lone high', 'lone low \udc00', 'tab\tand\nnewline',
      '好'.repeat(250), // several char() calls in one run
      'a好'.repeat(5_000), // too many runs for one expression: hex
    ];
    for (const value of samples) {
      const { literal, bound, type } = await readBack(value);
      expect(literal).toBe(bound);
      expect(type).toBe('text');
    }
  });

  it('holds for any string without NUL', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }).filter((s) => !s.includes('\0')), async (value) => {
      const { literal, bound } = await readBack(value);
      expect(literal).toBe(bound);
    }), { numRuns: 300 });
  });

  it('writes the other values as SQLite reads them, and refuses what has no exact literal', async () => {
    expect(sqliteLiteral(null)).toBe('NULL');
    expect(sqliteLiteral(undefined)).toBe('NULL');
    expect(sqliteLiteral(true)).toBe('1');
    expect(sqliteLiteral(-12.5)).toBe('-12.5');
    expect(sqliteLiteral(2n ** 62n)).toBe('4611686018427387904');
    expect(await get(`select ${sqliteLiteral(1796690226458)} as v`)).toBe(1796690226458);
    expect(sqliteLiteral('a\0b')).toBeUndefined();
    expect(sqliteLiteral(Number.NaN)).toBeUndefined();
    expect(sqliteLiteral(Infinity)).toBeUndefined();
    expect(sqliteLiteral({})).toBeUndefined();
  });
});
