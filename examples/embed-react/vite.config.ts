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
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
});
