import type { ReactElement } from 'react';
import type { FieldTemplateProps } from '@rjsf/utils';
import { getTemplate, getUiOptions } from '@rjsf/utils';
import { PlainText } from '../PlainText.js';
import { taskFormContext } from '../formContext.js';
import { uiText } from '../uiText.js';

/** Widgets that label themselves (a checkbox wraps its own label; composite widgets use a legend). */
const SELF_LABELLED = new Set(['checkbox', 'cf-geo']);

/**
 * Wraps every field: the label (the schema title, as text, tied to the control by `for` and by an
 * id that grouped widgets reference with `aria-labelledby`), a required marker that screen readers
 * hear as words rather than "star", then the description, the control, its errors and help.
 */
export function FieldTemplate(props: FieldTemplateProps): ReactElement {
  const { id, classNames, style, label, children, errors, help, description, hidden, required, displayLabel, registry, uiSchema, rawErrors } = props;
  const uiOptions = getUiOptions(uiSchema);
  const WrapIfAdditionalTemplate = getTemplate('WrapIfAdditionalTemplate', registry, uiOptions);
  if (hidden) return <div hidden>{children}</div>;
  const text = uiText(taskFormContext(registry).locale);
  const widget = typeof uiOptions.widget === 'string' ? uiOptions.widget : '';
  const showLabel = displayLabel && label !== '' && !SELF_LABELLED.has(widget);
  const invalid = (rawErrors?.length ?? 0) > 0;
  return (
    <WrapIfAdditionalTemplate {...props}>
      <div className={`cf-field${invalid ? ' cf-field--invalid' : ''}${classNames ? ` ${classNames}` : ''}`} style={style as never}>
        {showLabel && (
          <label htmlFor={id} id={`${id}__label`} className="cf-label">
            <PlainText text={label} />
            {required && (
              <>
                <span className="cf-required" aria-hidden="true">
                  *
                </span>
                <span className="cf-visually-hidden">{text.required}</span>
              </>
            )}
          </label>
        )}
        {displayLabel && description ? description : null}
        {children}
        {errors}
        {help}
      </div>
    </WrapIfAdditionalTemplate>
  );
}
