import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { precompiledFormValidators } from './examples/embed-react/vite/precompiledFormValidators.js';

// One vitest process runs every suite: CI has 2 cores and one install. The "@civicflow/source"
// condition makes workspace packages resolve to their TypeScript sources, so tests never depend
// on a stale dist/ build. Component tests run in a real Chromium (Debian's, installed by
// scripts/run.mjs when missing), driven by Playwright.
const conditions = ['@civicflow/source'];
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    projects: [
      {
        resolve: { conditions },
        ssr: { resolve: { conditions } },
        test: {
          name: 'node',
          include: ['packages/*/test/**/*.test.ts', 'examples/**/*.test.ts', 'bench/test/**/*.test.ts', 'reliability/test/**/*.test.ts'],
          // The server suites run on SQLite and PostgreSQL: this finds or starts the test PostgreSQL.
          globalSetup: ['scripts/postgresGlobalSetup.mjs'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          pool: 'threads',
        },
      },
      {
        // The React embedding example's page imports its forms' validators precompiled at build time.
        plugins: [react(), precompiledFormValidators({ definition: fileURLToPath(new URL('examples/community-affairs-access/emergency-exemption.json', import.meta.url)) })],
        resolve: { conditions: [...conditions, 'browser', 'import', 'module', 'default'] },
        // Bundled before the first test: found only when a later file imports it, it made Vite
        // re-optimise and reload the page in the middle of the run.
        optimizeDeps: { include: ['axe-core'] },
        test: {
          name: 'browser',
          include: ['packages/*/test-browser/**/*.test.{ts,tsx}', 'examples/embed-react/test-browser/**/*.test.{ts,tsx}'],
          // One file at a time: files share the page's origin, so one file's localStorage (the
          // studio's remembered language) would leak into another running beside it.
          fileParallelism: false,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
            screenshotFailures: false,
          },
        },
      },
    ],
  },
});
