/** What commands leave for the server after they commit: notifications and subprocess work. */
export { recordEffects } from './recordEffects.js';
export { childInstanceId, createEffectDispatcher, SUBPROCESS_ACTOR_ID } from './createEffectDispatcher.js';
export type { EffectDispatcher, EffectDispatcherOptions } from './createEffectDispatcher.js';
