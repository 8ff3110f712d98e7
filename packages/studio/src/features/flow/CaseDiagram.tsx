import { useMemo } from 'react';
import type { ReactElement } from 'react';
import type { ProcessDefinition } from '@civicflow/engine';
import { activeSteps } from './activeSteps.js';
import { FlowDiagram } from './FlowDiagram.js';

/** A case's process diagram with the steps the case is at (from its XState state value) highlighted. */
export function CaseDiagram({ definition, state }: { definition: ProcessDefinition; state: unknown }): ReactElement {
  const active = useMemo(() => activeSteps(definition, state), [definition, state]);
  return <FlowDiagram definition={definition} activeSteps={active} />;
}
