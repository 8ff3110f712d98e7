import { defineConfig } from 'vitest/config';

// One vitest process runs every suite (engine, forms, examples): CI has 2 cores and one install.
// The "@civicflow/source" condition makes workspace packages resolve to their TypeScript sources,
// so tests never depend on a stale dist/ build.
export default defineConfig({
  resolve: { conditions: ['@civicflow/source'] },
  ssr: { resolve: { conditions: ['@civicflow/source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'threads',
    reporters: ['default'],
  },
});
