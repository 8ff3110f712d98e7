/** Attachments: files attached to forms, stored in the database, visible to the uploader and to the case's viewers. */
export { createAttachmentService } from './attachmentService.js';
export type { AttachmentMeta, AttachmentService, AttachmentServiceOptions, CanSeeCase, UploadedFile } from './attachmentService.js';
export { ATTACHMENT_TYPES, allowedTypeList, attachmentTypeOf } from './attachmentTypes.js';
export type { AttachmentType } from './attachmentTypes.js';
export { caseVisibility } from './caseVisibility.js';
export { attachmentIdsIn, linkAttachments } from './linkAttachments.js';
export type { LinkReport } from './linkAttachments.js';
export { attachmentFileName, contentDisposition } from './fileName.js';
