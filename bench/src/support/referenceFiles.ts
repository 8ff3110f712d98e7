import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ReferenceMachineModule } from '../engine/xstateDriver.js';

/** The bench package's folder (bench/). */
export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The repository's root. */
export const REPO_ROOT = resolve(BENCH_DIR, '..');

/** The environment variable naming another copy of the reference workload's folder. */
export const REFERENCE_DIR_ENV = 'CIVICFLOW_BENCH_REFERENCE_DIR';

const BPMN_FILE = 'joint-qualification-review.bpmn';
const MACHINE_FILE = 'joint-qualification-review.machine.mjs';

/**
 * The folder of the reference workload: `../shared/bench` beside the repository (the project's
 * shared folder, not part of the repository), or CIVICFLOW_BENCH_REFERENCE_DIR. The bench reads
 * the BPMN file and the hand-written XState machine from there at run time and never keeps a
 * copy in the repository: the baselines are the peers' own files, not ours.
 */
export function referenceDir(): string {
  const dir = resolve(process.env[REFERENCE_DIR_ENV] ?? join(REPO_ROOT, '..', 'shared', 'bench'));
  const missing = [BPMN_FILE, MACHINE_FILE].filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    throw new Error(`the reference workload is missing: ${missing.join(' and ')} not found in ${dir}. `
      + `The bench reads the BPMN file and the hand-written XState machine from the project's shared folder (../shared/bench beside the repository); `
      + `put them there, or set ${REFERENCE_DIR_ENV} to a folder holding ${BPMN_FILE} and ${MACHINE_FILE}.`);
  }
  return dir;
}

/** The reference BPMN file's text (for bpmn-engine). */
export function readReferenceBpmn(): string {
  return readFileSync(join(referenceDir(), BPMN_FILE), 'utf8');
}

/**
 * Loads the hand-written XState machine. Its `import 'xstate'` must resolve to the bench's own
 * xstate (the same 5.33.3 the engine compiles to), which a module outside the repository cannot
 * see, so the file is copied into bench/.reference/ (git-ignored) at run time and imported there.
 */
export async function loadReferenceMachine(): Promise<ReferenceMachineModule> {
  const target = join(BENCH_DIR, '.reference', MACHINE_FILE);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(referenceDir(), MACHINE_FILE), target);
  const mod = (await import(pathToFileURL(target).href)) as Partial<ReferenceMachineModule>;
  if (!mod.jqrMachine || !mod.EVENT_FOR_TASK) throw new Error(`${MACHINE_FILE} must export jqrMachine and EVENT_FOR_TASK (as ../shared/bench/README.md describes)`);
  return mod as ReferenceMachineModule;
}
