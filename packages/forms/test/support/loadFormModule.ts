import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PrecompiledFormModule } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'civicflow-form-modules-'));
let count = 0;

/** Imports generated module source the way a browser would: as its own ES module file. */
export async function importFormModule(source: string): Promise<PrecompiledFormModule> {
  const file = join(dir, `validator-${++count}.mjs`);
  writeFileSync(file, source);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as PrecompiledFormModule;
}

/** Removes the written modules (call in afterAll). */
export function removeFormModules(): void {
  rmSync(dir, { recursive: true, force: true });
}
