import type { ReactElement } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { AttachmentInput } from './AttachmentInput.js';

/** `cf-file`: an attachment (`format: cf-attachment`, types from `x-cf-accept`); stores only the attachment id. */
export function CfFileWidget(props: WidgetProps): ReactElement {
  return <AttachmentInput {...props} photo={false} />;
}
