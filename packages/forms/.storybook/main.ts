import type { StorybookConfig } from '@storybook/react-vite';

// Stories live beside the components (src/react/**). Workspace packages resolve to their
// TypeScript sources through the "@civicflow/source" condition, as in the tests.
const config: StorybookConfig = {
  stories: ['../src/react/**/*.stories.@(ts|tsx)'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    viteConfig.resolve = { ...viteConfig.resolve, conditions: ['@civicflow/source', 'browser', 'import', 'module', 'default'] };
    return viteConfig;
  },
};
export default config;
