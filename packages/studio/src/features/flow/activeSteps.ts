// The steps a case is at, read from its XState state value against the definition: the engine
// owns this reading (its scenario files expect active steps too), the diagrams use it from there.
export { activeSteps } from '@civicflow/engine';
