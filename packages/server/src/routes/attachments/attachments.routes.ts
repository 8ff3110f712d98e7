import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { Multipart } from '@fastify/multipart';
import { requireAuth } from '../../auth/index.js';
import { oneFileExpected, tooLarge } from '../../attachments/attachmentErrors.js';
import { createAttachmentService } from '../../attachments/attachmentService.js';
import type { CanSeeCase, UploadedFile } from '../../attachments/attachmentService.js';
import { allowedTypeList } from '../../attachments/attachmentTypes.js';
import { contentDisposition } from '../../attachments/fileName.js';
import { actorOf, schemas } from '../../instances/http.js';
import type { Orm } from '../../orm/createOrm.js';

/** The default largest attachment: 10 MB (a phone photo or a scanned multi-page PDF). */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1_048_576;

export interface AttachmentRoutesOptions {
  orm: Orm;
  /** The case visibility rule (see caseVisibility): who may download an attachment linked to a case. */
  canSeeCase: CanSeeCase;
  /** Largest file in bytes; default DEFAULT_ATTACHMENT_MAX_BYTES. */
  maxBytes?: number | undefined;
}

const { errorBody } = schemas;
const attachmentParams = {
  type: 'object', required: ['id'],
  properties: { id: { type: 'string', pattern: '^att_[A-Za-z0-9_-]{6,64}$', description: 'the id the upload answered (format `cf-attachment`)' } },
} as const;
const metaSchema = {
  type: 'object', required: ['id', 'name', 'size', 'mimeType', 'sha256', 'createdAt', 'instanceId'],
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, size: { type: 'integer' }, mimeType: { type: 'string' },
    sha256: { type: 'string', description: 'lower-case hex SHA-256 of the content' }, createdAt: { type: 'string', format: 'date-time' },
    instanceId: { type: 'string', nullable: true, description: 'the case a submitted form linked it to; null while only the uploader may see it' },
  },
} as const;

/**
 * Attachments (附件): photos, signatures and scanned documents attached to forms. Form data carries
 * only the id.
 *
 * - POST /api/attachments — upload one file (multipart/form-data) → 201 {id, name, size, mimeType, sha256}.
 * - GET /api/attachments/:id — download it (uploader, or whoever may see the case it is linked to).
 * - GET /api/attachments/:id/meta — its metadata.
 *
 * To anyone else an attachment answers 404, exactly like one that does not exist.
 */
export async function attachmentRoutes(app: FastifyInstance, options: AttachmentRoutesOptions): Promise<void> {
  const maxBytes = options.maxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES;
  const service = createAttachmentService({ orm: options.orm, canSeeCase: options.canSeeCase });
  // Registered inside this plugin: multipart bodies are accepted by these routes only.
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1000, parts: 12 } });
  const allowed = allowedTypeList().map((t) => `${t.mimeType} (${t.extensions.join(', ')})`).join('; ');

  app.post('/api/attachments', {
    preHandler: requireAuth,
    // The body is a multipart stream read by the handler; the schema below documents it only.
    validatorCompiler: () => () => true,
    schema: {
      summary: 'Upload an attachment',
      description: `One file as multipart/form-data (field name free, e.g. \`file\`), at most ${maxBytes} bytes (413 CF_SERVER_ATTACHMENT_TOO_LARGE). `
        + `The declared type and the content must agree and be one of: ${allowed}; otherwise 415 with the allowed list in \`details.allowed\`. `
        + 'The file is stored in the database; put the answered `id` into the form data.',
      tags: ['attachments'],
      consumes: ['multipart/form-data'],
      body: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
      response: {
        201: { type: 'object', required: ['id', 'name', 'size', 'mimeType', 'sha256'], properties: { id: { type: 'string' }, name: { type: 'string' }, size: { type: 'integer' }, mimeType: { type: 'string' }, sha256: { type: 'string' } } },
        400: errorBody, 401: errorBody, 413: errorBody, 415: errorBody,
      },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    if (!request.isMultipart()) throw oneFileExpected('not-multipart');
    const file = await readOneFile(request.parts(), maxBytes);
    const meta = await service.store(actor, file);
    request.log.info({ event: 'attachment.uploaded', by: actor.id, attachmentId: meta.id, size: meta.size, mimeType: meta.mimeType }, 'attachment uploaded');
    reply.status(201).header('location', `/api/attachments/${meta.id}`);
    return meta;
  });

  app.get('/api/attachments/:id', {
    preHandler: requireAuth,
    schema: {
      summary: 'Download an attachment',
      description: 'The file, as `Content-Disposition: attachment` with its name in UTF-8 (RFC 5987). Allowed to the uploader and to whoever may see the case '
        + 'a submitted form linked it to; 404 to anyone else.',
      tags: ['attachments'],
      params: attachmentParams,
      response: { 200: { description: 'the file', type: 'string', format: 'binary' }, 401: errorBody, 404: errorBody },
    },
  }, async (request, reply) => {
    const { meta, content } = await service.download(actorOf(request), (request.params as { id: string }).id);
    return reply
      .header('content-type', meta.mimeType)
      .header('content-length', String(content.length))
      .header('content-disposition', contentDisposition(meta.name))
      .header('x-content-type-options', 'nosniff')
      // Personal documents: kept by the browser at most, never by a shared proxy.
      .header('cache-control', 'private')
      .header('etag', `"${meta.sha256}"`)
      // A stream, not a Buffer: the file goes out byte for byte (the app's onSend hook masks
      // personal numbers in JSON and text bodies, which would alter a text attachment).
      .send(Readable.from([content]));
  });

  app.get('/api/attachments/:id/meta', {
    preHandler: requireAuth,
    schema: {
      summary: 'An attachment\'s metadata',
      description: 'Name, size, type, SHA-256, upload time and the linked case; same visibility as the download.',
      tags: ['attachments'],
      params: attachmentParams,
      response: { 200: metaSchema, 401: errorBody, 404: errorBody },
    },
  }, async (request) => service.meta(actorOf(request), (request.params as { id: string }).id));
}

/**
 * Reads the one file of the request into memory (at most `maxBytes`): fields are skipped, a
 * second file is refused. The multipart plugin's limit errors become the server's errors.
 */
async function readOneFile(parts: AsyncIterableIterator<Multipart>, maxBytes: number): Promise<UploadedFile> {
  let file: UploadedFile | undefined;
  try {
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      if (file) throw oneFileExpected('many');
      file = { filename: part.filename, declaredType: part.mimetype, bytes: await part.toBuffer() };
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    if (code === 'FST_FILES_LIMIT') throw oneFileExpected('many');
    throw error;
  }
  if (!file) throw oneFileExpected('none');
  return file;
}
