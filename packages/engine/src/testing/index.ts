/** Test helpers for hosts and embedders: a simulated clock and an in-memory host. */
export { createTestHost, SYSTEM_ACTOR } from './createTestHost.js';
export type { TestHost, TestHostOptions, TestInstance, TestStartOptions, TestTask } from './createTestHost.js';
export { createMemoryStore } from './createMemoryStore.js';
export { describeInstanceStoreContract } from './instanceStoreContract.js';
export type { ContractHarness } from './instanceStoreContract.js';
