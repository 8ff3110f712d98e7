// The steps a case is at, read from its state value against its definition: the engine's reading,
// shared with the server's monitor (GET /api/monitor counts running cases by step the same way).
export { activeSteps } from '@civicflow/engine';
