import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, defaultServerConditions } from 'vite';
import type { Plugin } from 'vite';

/** The id the page imports: `import formModules from 'virtual:civicflow/form-validators'`. */
export const FORM_VALIDATORS_ID = 'virtual:civicflow/form-validators';
const RESOLVED = `\0${FORM_VALIDATORS_ID}`;
const FORM_PREFIX = `\0civicflow-form-validator:`;

/** This example's folder: where `@civicflow/forms` resolves from, whoever runs the plugin (Vite, Vitest). */
const exampleRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Precompiles the validator of every form of one process definition at build time, so that the
 * page validates with no Ajv and no `eval`/`new Function` (a Content-Security-Policy without
 * 'unsafe-eval' allows it). `virtual:civicflow/form-validators` exports `{ [formId]: module }`,
 * each module what `compileFormValidatorModule` writes (as the civicflow server serves them);
 * the page wraps each with `createPrecompiledFormValidator`.
 */
export function precompiledFormValidators(options: { definition: string }): Plugin {
  const forms = (): Record<string, { schema: object }> => (JSON.parse(readFileSync(options.definition, 'utf8')) as { forms: Record<string, { schema: object }> }).forms;
  let compile: Promise<(schema: object) => string> | undefined;
  return {
    name: 'civicflow:precompiled-form-validators',
    // Filters: the hooks run only for these ids, not for every module of the build.
    resolveId: {
      filter: { id: /^(virtual:civicflow\/form-validators$|\0civicflow-form-validator:)/ },
      handler: (id) => (id === FORM_VALIDATORS_ID ? RESOLVED : id),
    },
    load: {
      filter: { id: /^\0(virtual:civicflow\/form-validators$|civicflow-form-validator:)/ },
      async handler(id) {
        if (id === RESOLVED) {
          this.addWatchFile(options.definition);
          const ids = Object.keys(forms());
          return [
            ...ids.map((formId, i) => `import * as form${i} from ${JSON.stringify(FORM_PREFIX + formId)};`),
            `export default { ${ids.map((formId, i) => `${JSON.stringify(formId)}: form${i}`).join(', ')} };`,
          ].join('\n');
        }
        const formId = id.slice(FORM_PREFIX.length);
        const form = forms()[formId];
        if (!form) throw new Error(`${options.definition} has no form ${formId}`);
        compile ??= loadCompiler();
        return (await compile)(form.schema);
      },
    },
  };
}

/**
 * `compileFormValidatorModule` from `@civicflow/forms/standalone`, loaded through Vite's SSR loader
 * with the `@civicflow/source` condition: the workspace's TypeScript sources, never a stale dist/.
 * (An app that installs @civicflow/forms from a registry imports it directly.)
 */
async function loadCompiler(): Promise<(schema: object) => string> {
  const conditions = ['@civicflow/source'];
  const server = await createServer({
    configFile: false, root: exampleRoot, logLevel: 'error', appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
    ssr: { resolve: { conditions: [...conditions, ...defaultServerConditions], externalConditions: conditions } },
  });
  try {
    const standalone = (await server.ssrLoadModule('@civicflow/forms/standalone')) as { compileFormValidatorModule: (schema: object) => string };
    return standalone.compileFormValidatorModule;
  } finally {
    await server.close();
  }
}
