// The steps a case is at, read from its state value against its definition: the engine owns this
// reading, so the diagrams, the server's monitor (running cases by step) and scenario files
// (expected active steps) all read a state value the same way.
export { activeSteps } from '@civicflow/engine';
