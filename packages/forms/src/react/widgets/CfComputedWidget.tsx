import type { ReactElement } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { taskFormContext } from '../formContext.js';
import { uiText } from '../uiText.js';

function display(value: unknown, schema: WidgetProps['schema']): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return schema.multipleOf === 0.01 ? value.toFixed(2) : String(value);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A computed value (`readOnly` + `x-cf-compute`): shown in a read-only box marked "自动计算". The
 * form computes it with the engine's expression language and writes it into the data; nobody types it.
 */
export function CfComputedWidget(props: WidgetProps): ReactElement {
  const { id, htmlName, value, schema, registry } = props;
  const text = uiText(taskFormContext(registry).locale);
  const noteId = `${id}__computed`;
  return (
    <div className="cf-inline cf-computed">
      <input
        type="text"
        id={id}
        name={htmlName ?? id}
        className="cf-input cf-input--computed"
        value={display(value, schema)}
        readOnly
        aria-readonly="true"
        aria-describedby={`${ariaDescribedByIds(id)} ${noteId}`}
      />
      <span id={noteId} className="cf-hint">
        {text.computed}
      </span>
    </div>
  );
}
