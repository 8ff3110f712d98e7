import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The CommonJS files a precompiled form module inlines, read from node_modules: the Ajv runtime
 * helpers that Ajv's generated code for JSON Schema 2020-12 can `require` (ucs2length for
 * min/maxLength, equal for const/enum/uniqueItems, and equal's fast-deep-equal) and ajv-formats'
 * format implementations. Ajv emits no other runtime `require` for these schemas (uri, timestamp,
 * parseJson, quote and re2 serve resolution, JTD or the re2 option); the compiler refuses a chunk
 * that asks for anything else.
 */
const MODULES: Readonly<Record<string, { from: string; requires: readonly string[] }>> = {
  'ajv/dist/runtime/ucs2length': { from: 'ajv/dist/runtime/ucs2length', requires: [] },
  'ajv/dist/runtime/equal': { from: 'ajv/dist/runtime/equal', requires: ['fast-deep-equal'] },
  'fast-deep-equal': { from: 'ajv/dist/runtime/equal', requires: [] },
  'ajv-formats/dist/formats': { from: 'ajv-formats/dist/formats', requires: [] },
};

/** Source of one inlined module (source-map comment removed) and the modules it requires. */
export interface InstalledModule {
  requires: string[];
  source: string;
}

const fromForms = createRequire(new URL('../../package.json', import.meta.url));

/** Each inlined module as installed: what src/standalone/vendoredAjvRuntime.ts must hold. */
export function installedAjvRuntime(): Record<string, InstalledModule> {
  const out: Record<string, InstalledModule> = {};
  for (const [id, { from, requires }] of Object.entries(MODULES)) {
    // fast-deep-equal is a dependency of ajv, so it is resolved from ajv's file that requires it.
    const path = id === from ? fromForms.resolve(id) : createRequire(fromForms.resolve(from)).resolve(id);
    const source = readFileSync(path, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
    out[id] = { requires: [...requires], source };
  }
  return out;
}

/** The package versions the sources come from, for the generated file's header. */
export function installedVersions(): string {
  const version = (name: string, from = fromForms): string => (from(`${name}/package.json`) as { version: string }).version;
  const fromAjv = createRequire(fromForms.resolve('ajv/package.json'));
  return `ajv ${version('ajv')}, ajv-formats ${version('ajv-formats')}, fast-deep-equal ${version('fast-deep-equal', fromAjv)}`;
}
