import type { ReactElement } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { AttachmentInput } from './AttachmentInput.js';

/**
 * `cf-photo`: a photo attachment (`image/*` unless `x-cf-accept` narrows it); on phones the file
 * input offers the camera. Shows a local preview; stores only the attachment id. EXIF time and
 * place are kept by the server, so the file is uploaded unchanged.
 */
export function CfPhotoWidget(props: WidgetProps): ReactElement {
  return <AttachmentInput {...props} photo />;
}
