import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DefinitionRepository } from '../definitions/definitionRepository.js';

/** What seeding did, file by file (paths relative to the examples directory). */
export interface SeedReport {
  /** Newly published, as `id@version`. */
  published: { file: string; id: string; version: number }[];
  /** Already published with identical content. */
  unchanged: { file: string; id: string; version: number }[];
  /** JSON files that are not process definitions (package.json, tsconfig.json …). */
  skipped: string[];
}

/** A process definition names its format and has steps; any other JSON file is not one. */
function looksLikeDefinition(value: unknown): boolean {
  return !!value && typeof value === 'object' && !Array.isArray(value) && 'schemaVersion' in value && 'steps' in value;
}

/**
 * Publishes every process definition in `examplesDir/<example>/*.json`, in path order.
 * Idempotent: identical versions already published are reported `unchanged`. A file that is a
 * definition but does not validate, or conflicts with a published version, stops the seeding
 * with the repository's error (an example that does not publish is a bug to see, not to skip).
 */
export async function seedExamples(repository: DefinitionRepository, examplesDir: string): Promise<SeedReport> {
  const report: SeedReport = { published: [], unchanged: [], skipped: [] };
  const entries = (await readdir(examplesDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  for (const dir of entries) {
    const files = (await readdir(join(examplesDir, dir), { withFileTypes: true }))
      .filter((e) => e.isFile() && e.name.endsWith('.json'))
      .map((e) => e.name)
      .sort();
    for (const name of files) {
      const file = `${dir}/${name}`;
      let value: unknown;
      try {
        value = JSON.parse(await readFile(join(examplesDir, dir, name), 'utf8'));
      } catch (error) {
        throw new Error(`seedExamples: ${file} is not valid JSON`, { cause: error });
      }
      if (!looksLikeDefinition(value)) {
        report.skipped.push(file);
        continue;
      }
      const { created, definition } = await repository.publish(value);
      (created ? report.published : report.unchanged).push({ file, id: definition.id, version: definition.version });
    }
  }
  return report;
}
