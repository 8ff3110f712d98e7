import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { InstanceEntity } from './instance.entity.js';
import { UserEntity } from './user.entity.js';

/**
 * A file a person attached to a form (photo, signature, scanned document). Form data carries
 * only the id (`att_…`, format `cf-attachment`); the bytes live here, in the database, so that
 * several server nodes over one PostgreSQL all serve them and a backup of the database is a
 * backup of the files. `content` is lazy: listing and metadata reads never load the bytes.
 * `instance` is set when a submitted form references the attachment (linkAttachments): from then
 * on whoever may see that case may download it; before, only the uploader may.
 */
export const AttachmentEntity = defineEntity({
  name: 'Attachment',
  tableName: 'attachment',
  properties: {
    id: p.string().length(80).primary(),
    /** The file name as uploaded (path removed), shown and offered on download. */
    name: p.string().length(255),
    mimeType: p.string().length(128),
    size: p.integer(),
    /** Lower-case hex SHA-256 of the content. */
    sha256: p.string().length(64),
    content: p.blob().lazy(true, false),
    uploadedBy: () => p.manyToOne(UserEntity).fieldName('uploaded_by').index(),
    /** The uploader's unit at upload time. */
    orgUnit: p.string().length(512),
    instance: () => p.manyToOne(InstanceEntity).nullable().fieldName('instance_id').index(),
    createdAt: p.datetime(),
  },
});

/** A row of `attachment`. */
export type AttachmentRow = InferEntity<typeof AttachmentEntity>;
