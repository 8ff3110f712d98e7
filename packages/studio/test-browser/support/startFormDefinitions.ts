import type { ProcessDefinition } from '@civicflow/engine';
import emergency from '../../../../examples/emergency-mobilisation/process.json' with { type: 'json' };
import access from '../../../../examples/community-affairs-access/process.json' with { type: 'json' };

/** The example definitions with a start form (C and E), by id, as the scripted server serves them. */
const definitions = { 'emergency-mobilisation': emergency, 'community-affairs-access': access } as unknown as Record<string, ProcessDefinition>;
export default definitions;
