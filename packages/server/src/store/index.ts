/** The server's persistence: the engine's InstanceStore over MikroORM, and the audit check of its event log. */
export { createSqlStore } from './createSqlStore.js';
export { verifyChain } from './verifyChain.js';
export type { ChainBreak, ChainReport } from './verifyChain.js';
export { canonicalJson } from './canonicalJson.js';
export { GENESIS_HASH, hashEvent, sha256Hex } from './eventHash.js';
