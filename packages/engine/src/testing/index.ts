/** Test helpers for hosts and embedders: a simulated clock, an in-memory host, simulations and scenario files. */
export { createTestHost, SYSTEM_ACTOR } from './createTestHost.js';
export type { TestHost, TestHostOptions, TestInstance, TestStartOptions, TestTask } from './createTestHost.js';
export { createMemoryStore } from './createMemoryStore.js';
export { describeInstanceStoreContract } from './instanceStoreContract.js';
export type { ContractHarness } from './instanceStoreContract.js';
export { advanceTarget, isIsoDuration } from './advanceTarget.js';
// Scenario files (*.scenario.json): the simulator records them, runScenario replays them.
export { SCENARIO_SCHEMA_VERSION } from './scenarioFormat.js';
export type {
  AdvanceStep, CancelStep, CompleteStep, ExpectedTask, ExpectStep, ScenarioExpectation, ScenarioFile, ScenarioProblem, ScenarioStart, ScenarioStep, TaskSelector,
} from './scenarioFormat.js';
export { SCENARIO_JSON_SCHEMA } from './scenarioSchema.js';
export { validateScenario, isScenarioFile } from './validateScenario.js';
export { createSimulation, describeTask, TaskSelectionError } from './createSimulation.js';
export type { DueTimerView, Simulation, SimulationEntry, SimulationObservation, SimulationOptions, SimulationTask } from './createSimulation.js';
export { runScenario } from './runScenario.js';
export type { RunScenarioOptions, ScenarioFailureDetails, ScenarioRun } from './runScenario.js';
