import { useMemo } from 'react';
import type { ReactElement } from 'react';
import type { Field, FieldProps } from '@rjsf/utils';
// Not from the index of @rjsf/core, which imports an uninstalled devDependency (see TaskForm.tsx).
import getDefaultRegistry from '@rjsf/core/lib/getDefaultRegistry.js';
import { inferUiSchema } from './inferUiSchema.js';

const RjsfSchemaField = getDefaultRegistry().fields['SchemaField'] as Field;

/**
 * rjsf's SchemaField, with civicflow's widgets chosen from the schema where the uiSchema names
 * none (see {@link inferUiSchema}), so that forms exported without a uiSchema — like the
 * examples — still get the date, money, attachment, geo and computed widgets.
 */
export function CfSchemaField(props: FieldProps): ReactElement {
  const { schema, uiSchema } = props;
  const inferred = useMemo(() => inferUiSchema(schema, uiSchema), [schema, uiSchema]);
  return <RjsfSchemaField {...props} uiSchema={inferred} />;
}
