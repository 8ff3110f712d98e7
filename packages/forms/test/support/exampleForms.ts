import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const examplesDir = join(repoRoot, 'examples');

/** One form of an example process definition. */
export interface ExampleForm {
  /** `examples/<dir>/<file>.json#<formId>` */
  name: string;
  definitionId: string;
  version: number;
  formId: string;
  schema: object;
}

/** Every form of every definition in examples/<dir>/*.json (as test/builderRoundTrip.test.ts finds them). */
export function exampleForms(): ExampleForm[] {
  const forms: ExampleForm[] = [];
  for (const dir of readdirSync(examplesDir).sort()) {
    const dirPath = join(examplesDir, dir);
    if (dir === 'node_modules' || !statSync(dirPath).isDirectory()) continue;
    for (const file of readdirSync(dirPath).filter((f) => f.endsWith('.json')).sort()) {
      const path = join(dirPath, file);
      const definition = JSON.parse(readFileSync(path, 'utf8')) as { id: string; version: number; forms?: Record<string, { schema: object }> };
      for (const [formId, form] of Object.entries(definition.forms ?? {})) {
        forms.push({ name: `${relative(repoRoot, path)}#${formId}`, definitionId: definition.id, version: definition.version, formId, schema: form.schema });
      }
    }
  }
  return forms;
}

/** The example scenario suites (examples/<dir>/*.scenarios.test.ts), whose submissions feed the parity corpus. */
export function exampleScenarioSuites(): string[] {
  return readdirSync(examplesDir)
    .filter((dir) => dir !== 'node_modules' && statSync(join(examplesDir, dir)).isDirectory())
    .sort()
    .flatMap((dir) => readdirSync(join(examplesDir, dir)).filter((f) => f.endsWith('.scenarios.test.ts')).sort().map((f) => join(examplesDir, dir, f)));
}
