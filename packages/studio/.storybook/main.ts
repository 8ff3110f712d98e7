import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';
import type { PluginOption } from 'vite';

// Stories live beside the components (src/**, the flow diagrams excepted for now). Storybook
// builds with the studio's own vite.config.ts: the "@civicflow/source" condition and the task
// form's stylesheet plugin come from there.
const config: StorybookConfig = {
  stories: [
    '../src/components/**/*.stories.@(ts|tsx)',
    '../src/features/{inbox,task,cases,login,simulator,monitor,versions,composer}/**/*.stories.@(ts|tsx)',
  ],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  // No generated docs pages: prop tables would cost most of the build's time.
  typescript: { reactDocgen: false },
  async viteFinal(viteConfig) {
    // The task page loads its form's precompiled validator from the server; in Storybook the
    // stand-in compiles it from the form's schema in the page (see storyFormValidatorModule.ts).
    const standIn = fileURLToPath(new URL('./storyFormValidatorModule.ts', import.meta.url));
    const validatorStandIn: PluginOption = {
      name: 'civicflow:story-form-validator',
      enforce: 'pre',
      resolveId: (source, importer) =>
        source === './formValidatorModule.js' && importer?.replaceAll('\\', '/').endsWith('/src/validation/taskValidator.ts') ? standIn : undefined,
    };
    viteConfig.plugins = [validatorStandIn, ...(viteConfig.plugins ?? [])];
    // A documentation build, never served to cadres: its large chunks and plugin timings are not news.
    viteConfig.build = {
      ...viteConfig.build,
      chunkSizeWarningLimit: 4096,
      rolldownOptions: { ...viteConfig.build?.rolldownOptions, checks: { ...viteConfig.build?.rolldownOptions?.checks, pluginTimings: false } },
    };
    return viteConfig;
  },
};
export default config;
