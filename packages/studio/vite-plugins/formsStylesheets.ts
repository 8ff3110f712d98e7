import { createServer, defaultServerConditions } from 'vite';
import type { Plugin } from 'vite';

/** The id the studio imports: `import 'virtual:civicflow/task-form.css'`. */
export const TASK_FORM_STYLESHEET_ID = 'virtual:civicflow/task-form.css';
// Resolved without the usual `\0` prefix: Vite's CSS pipeline (extraction into a hashed .css
// file) only picks up ids that look like stylesheet paths.
const RESOLVED_ID = '/@civicflow/task-form.css';

/**
 * Ships `<TaskForm>`'s stylesheet (`TASK_FORM_CSS` of `@civicflow/forms/react`) as a real CSS
 * file. The studio renders TaskForm with `injectStyles={false}` because a strict Content Security
 * Policy (no inline styles or scripts) would block the `<style>` element it otherwise renders.
 *
 * The CSS text lives in the forms package as a TypeScript constant, so it is read by loading that
 * module through Vite's SSR module loader with the `@civicflow/source` condition: the workspace
 * sources, never a possibly stale `dist/`. Nothing is copied or written twice.
 */
export function taskFormStylesheet(options: { conditions: readonly string[] }): Plugin {
  let css: Promise<string> | undefined;
  let root = process.cwd();
  return {
    name: 'civicflow:task-form-stylesheet',
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      return id === TASK_FORM_STYLESHEET_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      css ??= loadTaskFormCss(root, options.conditions);
      return css;
    },
  };
}

async function loadTaskFormCss(root: string, conditions: readonly string[]): Promise<string> {
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
    const forms = (await server.ssrLoadModule('@civicflow/forms/react')) as { TASK_FORM_CSS?: unknown };
    if (typeof forms.TASK_FORM_CSS !== 'string' || forms.TASK_FORM_CSS.length === 0) {
      throw new Error('@civicflow/forms/react exports no TASK_FORM_CSS string: the studio cannot ship the task form\'s stylesheet');
    }
    return forms.TASK_FORM_CSS;
  } finally {
    await server.close();
  }
}
