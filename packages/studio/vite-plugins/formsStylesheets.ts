import { createServer, defaultServerConditions } from 'vite';
import type { Plugin } from 'vite';

/**
 * The stylesheets the studio imports from `@civicflow/forms/react`, by virtual id, with the
 * exported constant that holds each one's CSS text:
 * `import 'virtual:civicflow/task-form.css'` (`<TaskForm>`) and
 * `import 'virtual:civicflow/form-builder.css'` (`<FormBuilder>`, in the composer).
 */
export const FORMS_STYLESHEETS = {
  'virtual:civicflow/task-form.css': 'TASK_FORM_CSS',
  'virtual:civicflow/form-builder.css': 'BUILDER_CSS',
} as const;

// Resolved without the usual `\0` prefix: Vite's CSS pipeline (extraction into a hashed .css
// file) only picks up ids that look like stylesheet paths.
const RESOLVED_PREFIX = '/@civicflow/';

type StylesheetId = keyof typeof FORMS_STYLESHEETS;

/**
 * Ships the CSS of `<TaskForm>` and `<FormBuilder>` (`TASK_FORM_CSS` and `BUILDER_CSS` of
 * `@civicflow/forms/react`) as real CSS files. The studio renders both with `injectStyles={false}`
 * because a strict Content Security Policy (no inline styles or scripts) would block the `<style>`
 * element they otherwise render.
 *
 * The CSS text lives in the forms package as TypeScript constants, so it is read by loading that
 * module through Vite's SSR module loader with the `@civicflow/source` condition: the workspace
 * sources, never a possibly stale `dist/`. Nothing is copied or written twice.
 */
export function formsStylesheets(options: { conditions: readonly string[] }): Plugin {
  let forms: Promise<Record<string, unknown>> | undefined;
  let root = process.cwd();
  const byResolved = new Map(Object.keys(FORMS_STYLESHEETS).map((id) => [`${RESOLVED_PREFIX}${id.slice('virtual:civicflow/'.length)}`, id as StylesheetId]));
  return {
    name: 'civicflow:forms-stylesheets',
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      return Object.hasOwn(FORMS_STYLESHEETS, id) ? `${RESOLVED_PREFIX}${id.slice('virtual:civicflow/'.length)}` : undefined;
    },
    async load(id) {
      const virtualId = byResolved.get(id);
      if (!virtualId) return undefined;
      forms ??= loadFormsReact(root, options.conditions);
      const name = FORMS_STYLESHEETS[virtualId];
      const css = (await forms)[name];
      if (typeof css !== 'string' || css.length === 0) {
        throw new Error(`@civicflow/forms/react exports no ${name} string: the studio cannot ship ${virtualId}`);
      }
      return css;
    },
  };
}

async function loadFormsReact(root: string, conditions: readonly string[]): Promise<Record<string, unknown>> {
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
    ssr: { resolve: { conditions: [...conditions, ...defaultServerConditions], externalConditions: [...conditions] } },
  });
  try {
    return (await server.ssrLoadModule('@civicflow/forms/react')) as Record<string, unknown>;
  } finally {
    await server.close();
  }
}
