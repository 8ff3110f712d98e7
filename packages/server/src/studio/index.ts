export { studioPlugin, studioBuildIn, STUDIO_BUILD_DIR, IMMUTABLE_CACHE, REVALIDATE_CACHE } from './studio.plugin.js';
export type { StudioPluginOptions } from './studio.plugin.js';
export { startupBanner, browserUrl } from './startupBanner.js';
export type { StartupBannerOptions } from './startupBanner.js';
