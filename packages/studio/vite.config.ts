import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';
import { formsStylesheets } from './vite-plugins/formsStylesheets.js';

// Workspace packages resolve to their TypeScript sources through the "@civicflow/source"
// condition (as in the tests and Storybook), so the studio never builds against a stale dist/.
const conditions = ['@civicflow/source'];
// The server the dev server forwards /api to (`CIVICFLOW_API_URL=http://127.0.0.1:3123 pnpm run dev`).
const api = process.env['CIVICFLOW_API_URL'] ?? 'http://127.0.0.1:3000';

/**
 * The studio: built into dist/ (served by @civicflow/server at /), or run with `vite` for
 * development, where /api goes to a server on 127.0.0.1:3000 (`pnpm --filter @civicflow/server start`)
 * or CIVICFLOW_API_URL.
 */
export default defineConfig({
  plugins: [react(), formsStylesheets({ conditions })],
  resolve: { conditions: [...conditions, ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every file under assets/ has a content hash in its name: the server caches them for a year.
    assetsDir: 'assets',
    // The task page (rjsf, widgets, Ajv) is one lazily loaded chunk of ~540 kB (~175 kB gzipped).
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: api } },
  },
  preview: { host: '127.0.0.1', port: 4173, proxy: { '/api': { target: api } } },
});
