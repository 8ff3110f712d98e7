/**
 * A value as a SQLite literal: NULL, an integer or real, or a string. Undefined for what has no
 * exact literal here (NUL in a string ends SQLite's reading of the text; non-finite numbers; other
 * types).
 *
 * A string is written in ASCII only, so that the SQL text of a group commit stays a one-byte
 * string in V8. One non-ASCII character (a Chinese name in an event) otherwise makes the whole
 * group's text — some 200 K characters — two bytes a character: twice the memory, and a string
 * that size gets freshly mapped pages of its own, whose first touch is slow on this kind of
 * virtual machine (≈ 15–20 µs a 4 KB page). Measured at 64 clients: page faults 3.5 → 2.0 a
 * completion, the group text's join 15.6 % → 7.9 % of the main thread, these literals 1.8 → 4.1 %.
 *
 * - ASCII text: in single quotes, each quote doubled (SQLite's only escape in string literals).
 * - Otherwise, the runs of other characters are spliced in by code point with `char()`:
 *   `('经联审' …)` becomes `(''||char(32463,32852,23457)||' …')`, the same text to SQLite.
 * - A string with many such runs would make a deep expression (SQLite bounds an expression's
 *   depth at 1,000): it becomes its UTF-8 bytes in hex, read as text: `CAST(x'e7bb8f…' AS TEXT)`.
 *
 * A lone surrogate (not valid Unicode) becomes U+FFFD, as the driver converts it when bound.
 */
export function sqliteLiteral(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return v.includes('\0') ? undefined : stringLiteral(v);
  return undefined;
}

/** Spliced runs and char() calls a string may have before it is written in hex instead (well inside SQLite's depth bound). */
const MAX_SPLICES = 64;
/** Code points one char() call takes (SQLite's default bound on a function's arguments is 127 at least). */
const CODE_POINTS_PER_CALL = 100;
const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_RUNS = /[^\x00-\x7f]+/g;
const REPLACEMENT_CHARACTER = 0xfffd;

function stringLiteral(v: string): string {
  const quoted = v.replaceAll("'", "''");
  if (!NON_ASCII.test(quoted)) return `'${quoted}'`;
  let splices = 0;
  const spliced = quoted.replace(NON_ASCII_RUNS, (run) => {
    // Past the bound the string goes in hex: the rest of the runs need no code points.
    if (splices > MAX_SPLICES) return '';
    const calls: string[] = [];
    let codes: number[] = [];
    for (const ch of run) {
      const code = ch.codePointAt(0)!;
      // A lone surrogate is one UTF-16 unit in the surrogate range; a pair is one code point above it.
      codes.push(code >= 0xd800 && code <= 0xdfff ? REPLACEMENT_CHARACTER : code);
      if (codes.length === CODE_POINTS_PER_CALL) {
        calls.push(`char(${codes.join(',')})`);
        codes = [];
      }
    }
    if (codes.length > 0) calls.push(`char(${codes.join(',')})`);
    splices += calls.length;
    return `'||${calls.join('||')}||'`;
  });
  // A copy: the text made from a two-byte string is two-byte in V8 though every character is ASCII.
  if (splices <= MAX_SPLICES) return Buffer.from(`('${spliced}')`, 'latin1').toString('latin1');
  return `CAST(x'${Buffer.from(v, 'utf8').toString('hex')}' AS TEXT)`;
}
