import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, defaultClientConditions } from 'vite';
import { precompiledFormValidators } from './vite/precompiledFormValidators.js';

/** The process this page runs; its forms' validators are precompiled at build time. */
export const DEFINITION = fileURLToPath(new URL('../community-affairs-access/emergency-exemption.json', import.meta.url));

// "@civicflow/source": the workspace packages' TypeScript sources (an app that installs
// @civicflow/engine and @civicflow/forms from a registry needs no condition).
export default defineConfig({
  plugins: [react(), precompiledFormValidators({ definition: DEFINITION })],
  resolve: { conditions: ['@civicflow/source', ...defaultClientConditions] },
  // One chunk of ~960 kB (~300 kB gzipped): React, rjsf and its widgets, the engine, the forms' validators.
  build: {
    outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1100,
    // The validators' plugin loads the forms package's sources once (seconds, on purpose): no timing report about it.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
