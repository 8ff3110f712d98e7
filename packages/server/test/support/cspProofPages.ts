import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';

// Proof pages for validators under a strict Content-Security-Policy: a tiny HTML page whose one
// module script is a TypeScript entry bundled with esbuild (workspace packages from their
// sources), which writes its outcome into <pre id="result">.

/** Entries served as same-origin module scripts; imports of `/api/…` stay runtime imports of the server's modules. */
const keepApiImports: Plugin = {
  name: 'keep-api-imports',
  setup(b) {
    b.onResolve({ filter: /^\/api\// }, (args) => ({ path: args.path, external: true }));
  },
};

/** Bundles a TypeScript entry for the browser (ES module, ES2022). */
export async function bundleForBrowser(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, loader: 'ts', resolveDir: fileURLToPath(new URL('..', import.meta.url)), sourcefile: 'entry.ts' },
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, conditions: ['@civicflow/source'], plugins: [keepApiImports], logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/**
 * Entry code defining `settle(run)`: runs `run` (or awaits it) and writes `{ result }` or
 * `{ thrown: 'Name: message' }` into #result.
 */
export const WRITE_RESULT = `
const out = document.getElementById('result')!;
async function settle(run: () => unknown): Promise<void> {
  try { out.textContent = JSON.stringify({ result: await run() }); }
  catch (err) { out.textContent = JSON.stringify({ thrown: (err as Error).name + ': ' + (err as Error).message }); }
}`;

/**
 * The page around one module script. The icon link keeps Chromium from asking for /favicon.ico
 * (a 404 is a console error).
 */
export const proofPage = (script: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CSP proof</title><link rel="icon" href="/csp-proof/icon.png"><script type="module" src="${script}"></script></head><body><pre id="result">pending</pre></body></html>`;

/** Records every CSP violation the page reports, as "directive blocked-uri" (an init script: the CSP does not stop it). */
export const IN_PAGE_VIOLATION_LISTENER = `
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI));`;
