import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '@civicflow/engine';
import { AttachmentEntity } from '../entities/index.js';
import type { AttachmentRow } from '../entities/index.js';
import type { Orm } from '../orm/createOrm.js';
import { attachmentNotFound, contentMismatch, oneFileExpected, typeNotAllowed } from './attachmentErrors.js';
import { ATTACHMENT_TYPES, attachmentTypeOf } from './attachmentTypes.js';
import { attachmentFileName } from './fileName.js';

/** Whether `actor` may see case `instanceId` (the instance service's rule; false rather than a 404). */
export type CanSeeCase = (actor: Actor, instanceId: string) => Promise<boolean>;

/** What is known about an attachment without its bytes. */
export interface AttachmentMeta {
  id: string;
  name: string;
  size: number;
  mimeType: string;
  sha256: string;
  createdAt: string;
  /** The case a submitted form linked it to, or null while only its uploader may see it. */
  instanceId: string | null;
}

/** An uploaded file as the route read it. */
export interface UploadedFile {
  /** The file name the client gave (may carry a path; it is removed). */
  filename: string | undefined;
  /** The Content-Type of the file part. */
  declaredType: string | undefined;
  bytes: Buffer;
}

export interface AttachmentServiceOptions {
  orm: Orm;
  canSeeCase: CanSeeCase;
  /** Attachment ids; default `att_` + 24 random bytes in base64url. */
  newId?: () => string;
}

/**
 * Attachments: stored in the database, readable by their uploader, and — once a submitted form
 * links them to a case (linkAttachments) — by whoever may see that case. To anyone else an
 * attachment does not exist (404), so ids cannot be probed.
 */
export function createAttachmentService(options: AttachmentServiceOptions) {
  const { orm, canSeeCase } = options;
  const newId = options.newId ?? (() => `att_${randomBytes(24).toString('base64url')}`);

  async function mayRead(actor: Actor, row: AttachmentRow): Promise<boolean> {
    if (row.uploadedBy.id === actor.id) return true;
    return row.instance !== null && row.instance !== undefined && (await canSeeCase(actor, row.instance.instanceId));
  }

  async function visibleRow(actor: Actor, id: string, withContent: boolean): Promise<AttachmentRow> {
    const em = orm.em.fork();
    const row = withContent
      ? await em.findOne(AttachmentEntity, { id }, { populate: ['content'], disableIdentityMap: true })
      : await em.findOne(AttachmentEntity, { id }, { disableIdentityMap: true });
    if (!row || !(await mayRead(actor, row))) throw attachmentNotFound(id);
    return row;
  }

  return {
    /** Checks the file (declared type and content agree, and are allowed) and stores it for `actor`. */
    async store(actor: Actor, file: UploadedFile): Promise<AttachmentMeta> {
      const type = attachmentTypeOf(file.declaredType);
      if (!type) throw typeNotAllowed(file.declaredType ?? '');
      if (file.bytes.length === 0) throw oneFileExpected('empty');
      if (!type.matches(file.bytes)) throw contentMismatch(type, ATTACHMENT_TYPES.find((t) => t !== type && t.matches(file.bytes)));
      const row = {
        id: newId(), name: attachmentFileName(file.filename, type), mimeType: type.mimeType, size: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'), content: file.bytes,
        uploadedBy: actor.id, orgUnit: actor.orgUnit, instance: null, createdAt: new Date(),
      };
      await orm.em.fork().insert(AttachmentEntity, row);
      return metaOf({ ...row, instance: null });
    },

    /** The metadata of a visible attachment; 404 otherwise. */
    async meta(actor: Actor, id: string): Promise<AttachmentMeta> {
      return metaOf(await visibleRow(actor, id, false));
    },

    /** The metadata and bytes of a visible attachment; 404 otherwise. */
    async download(actor: Actor, id: string): Promise<{ meta: AttachmentMeta; content: Buffer }> {
      const row = await visibleRow(actor, id, true);
      return { meta: metaOf(row), content: Buffer.from(row.content) };
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;

function metaOf(row: Pick<AttachmentRow, 'id' | 'name' | 'size' | 'mimeType' | 'sha256' | 'createdAt'> & { instance: { instanceId: string } | null | undefined }): AttachmentMeta {
  return {
    id: row.id, name: row.name, size: row.size, mimeType: row.mimeType, sha256: row.sha256,
    createdAt: new Date(row.createdAt).toISOString(), instanceId: row.instance?.instanceId ?? null,
  };
}
