import type { ReactElement } from 'react';
import type { FieldHelpProps } from '@rjsf/utils';
import { helpId } from '@rjsf/utils';
import { PlainText } from '../PlainText.js';

/** `ui:help` as plain text (rjsf's template can parse markdown; authored text must stay text). */
export function FieldHelp({ help, fieldPathId }: FieldHelpProps): ReactElement | null {
  if (!help) return null;
  return (
    <div id={helpId(fieldPathId)} className="cf-help">
      {typeof help === 'string' ? <PlainText text={help} /> : help}
    </div>
  );
}
