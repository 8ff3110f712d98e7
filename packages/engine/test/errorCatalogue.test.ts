import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue, renderErrorCatalogue } from '../src/index.js';

describe('error catalogue', () => {
  it('documents every code: ERRORS.md is generated from the code and up to date', () => {
    const doc = readFileSync(new URL('../ERRORS.md', import.meta.url), 'utf8');
    expect(doc).toBe(`${renderErrorCatalogue()}\n`);
    for (const row of errorCatalogue()) expect(doc).toContain(`\`${row.code}\``);
  });

  it('has unique codes, each with zh-CN and en text', () => {
    const rows = errorCatalogue();
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.code).toMatch(/^CF_(ENGINE|DEF)_[A-Z0-9_]+$/);
      expect(r.message['zh-CN'].length).toBeGreaterThan(0);
      expect(r.message.en.length).toBeGreaterThan(0);
    }
  });

  it('every CivicflowError code used in the engine source is in the catalogue', async () => {
    const { readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('../src', import.meta.url).pathname;
    const files: string[] = [];
    const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.ts') && files.push(join(d, e.name)); };
    walk(root);
    const known = new Set(errorCatalogue().map((r) => r.code));
    const used = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/'(CF_(?:ENGINE|DEF)_[A-Z0-9_]+)'/g)) used.add(m[1]!);
    expect([...used].filter((c) => !known.has(c))).toEqual([]);
  });
});
