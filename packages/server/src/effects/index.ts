/** What commands leave for the server after they commit: notifications and subprocess work. */
export { recordEffects } from './recordEffects.js';
export { childInstanceId, createEffectDispatcher } from './createEffectDispatcher.js';
export { SUBPROCESS_ACTOR_ID } from './subprocessActor.js';
export type { EffectDispatcher, EffectDispatcherOptions } from './createEffectDispatcher.js';
