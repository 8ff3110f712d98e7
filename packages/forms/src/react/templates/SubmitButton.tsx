import type { ReactElement } from 'react';
import type { SubmitButtonProps } from '@rjsf/utils';
import { getSubmitButtonOptions } from '@rjsf/utils';
import { taskFormContext } from '../formContext.js';
import { uiText } from '../uiText.js';

/** The submit button: "提交" / "Submit" unless the uiSchema's `ui:submitButtonOptions` says otherwise. */
export function SubmitButton({ uiSchema, registry }: SubmitButtonProps): ReactElement | null {
  const { norender, submitText, props: buttonProps = {} } = getSubmitButtonOptions(uiSchema);
  if (norender) return null;
  const ctx = taskFormContext(registry);
  const text = uiText(ctx.locale);
  // rjsf's default submitText is the English "Submit": only an authored text replaces ours.
  const label = ctx.submitting ? text.submitting : submitText && submitText !== 'Submit' ? submitText : text.submit;
  const { className, disabled, ...rest } = buttonProps as { className?: string; disabled?: boolean };
  return (
    <div className="cf-actions">
      <button type="submit" {...rest} disabled={disabled || ctx.submitting} aria-busy={ctx.submitting || undefined} className={`cf-button cf-button--primary${className ? ` ${className}` : ''}`}>
        {label}
      </button>
    </div>
  );
}
