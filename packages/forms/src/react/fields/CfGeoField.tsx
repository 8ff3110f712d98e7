import type { ReactElement } from 'react';
import type { ErrorSchema, FieldProps } from '@rjsf/utils';
import { getUiOptions } from '@rjsf/utils';
import { CfGeoWidget } from '../widgets/CfGeoWidget.js';

function partErrors(errorSchema: ErrorSchema | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const key of ['lat', 'lng', 'crs']) {
    const errors = (errorSchema as Record<string, { __errors?: string[] } | undefined> | undefined)?.[key]?.__errors;
    if (errors?.length) out[key] = errors;
  }
  return out;
}

/**
 * Renders a `geo` object (`x-cf-geo`, or `ui:widget: cf-geo`) with {@link CfGeoWidget}. rjsf
 * renders objects with its ObjectField and ignores `ui:widget` there, so the task form routes
 * these objects to this field instead.
 */
export function CfGeoField(props: FieldProps): ReactElement {
  const { schema, uiSchema, fieldPathId, formData, errorSchema, onChange, onBlur, onFocus, registry, required, disabled, readonly, name, rawErrors } = props;
  const uiOptions = getUiOptions(uiSchema);
  const label = (typeof uiOptions.title === 'string' ? uiOptions.title : undefined) ?? schema.title ?? name;
  const id = fieldPathId.$id;
  return (
    <CfGeoWidget
      id={id}
      name={name}
      schema={schema}
      uiSchema={uiSchema}
      registry={registry}
      label={label}
      value={formData}
      required={required}
      disabled={disabled}
      readonly={readonly}
      rawErrors={rawErrors}
      options={{ ...uiOptions, partErrors: partErrors(errorSchema) }}
      onChange={(value) => onChange(value, fieldPathId.path, undefined, id)}
      onBlur={onBlur}
      onFocus={onFocus}
    />
  );
}
