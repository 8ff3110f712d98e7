import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ProcessDefinition } from '@civicflow/engine';
import { ATTACHMENT_ID } from '@civicflow/forms';
import { buildApp, linkAttachments, seedDemoUsers } from '../src/index.js';
import { TEST_DATABASES } from './support/testDatabases.js';
import type { OpenTestDatabase } from './support/testDatabases.js';

const PASSWORD = 'demo-password-2027';
const ADMIN_PASSWORD = 'admin-password-very-long';

const t = (s: string) => ({ 'zh-CN': s, en: s });
/** One task for the village mediator, whose form takes a photo (an attachment id). */
const DEFINITION: ProcessDefinition = {
  schemaVersion: 1, id: 'attachment-test', version: 1, title: t('attachment test'),
  roles: { V_MED: { title: t('mediator') }, T_CENTER: { title: t('town centre') } },
  forms: { f: { title: t('form'), schema: { type: 'object', properties: { photo: { type: 'string', format: 'cf-attachment' } } } } },
  start: 'record',
  steps: {
    record: { kind: 'task', title: t('record'), form: 'f', assignee: { role: 'V_MED' }, next: 'done' },
    done: { kind: 'end', outcome: 'DONE', title: t('done') },
  },
};

interface FilePart { field?: string; filename: string; type: string; bytes: Buffer }

/** A multipart/form-data body as browsers send it (the file name as raw UTF-8). */
function multipart(files: FilePart[], fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----cf${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A ZIP archive of stored (uncompressed) entries: enough to build DOCX/XLSX look-alikes. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  const count = Object.keys(entries).length;
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(count, 8); end.writeUInt16LE(count, 10); end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(100)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x20, 0, 0, 0]), Buffer.from('WEBPVP8 '), randomBytes(24)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const TEXT = Buffer.from('调解记录：双方同意按原走向疏通排水沟。\n身份证号 110101198001010010\n');
const DOCX = zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
const XLSX = zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
const XLSM = zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/vbaProject.bin': 'macro' });
const JAR = zip({ 'META-INF/MANIFEST.MF': 'Main-Class: Evil' });
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from('This program cannot be run in DOS mode'), randomBytes(64)]);
const HTML = Buffer.from('  <!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface MetaJson { id: string; name: string; size: number; mimeType: string; sha256: string; createdAt: string; instanceId: string | null }
interface ErrorJson { code: string; message: { 'zh-CN': string; en: string }; hint?: { 'zh-CN': string; en: string }; details?: { allowed?: { mimeType: string }[] } }

describe.each(TEST_DATABASES)('attachments on $name', (db) => {
  let opened: OpenTestDatabase;
  let app: FastifyInstance;
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    opened = await db.open();
    await seedDemoUsers(opened.orm, { production: false, password: PASSWORD, adminPassword: ADMIN_PASSWORD });
    app = await buildApp({ orm: opened.orm });
    await app.definitions!.publish(DEFINITION);
    for (const username of ['v_med', 'grid', 'voter', 't_center', 't_center_dongshan', 'admin']) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: username === 'admin' ? ADMIN_PASSWORD : PASSWORD } });
      expect(res.statusCode, username).toBe(200);
      cookies.set(username, String(res.headers['set-cookie']).split(';')[0]!);
    }
  });
  afterAll(async () => {
    await app?.close();
    await opened?.close();
  });

  const upload = (user: string | undefined, body: { payload: Buffer; headers: Record<string, string> }, target: FastifyInstance = app) =>
    target.inject({ method: 'POST', url: '/api/attachments', payload: body.payload, headers: { ...body.headers, ...(user ? { cookie: cookies.get(user)! } : {}) } });
  const get = (user: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies.get(user)! } });
  async function uploaded(user: string, file: FilePart): Promise<MetaJson> {
    const res = await upload(user, multipart([file]));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as MetaJson;
  }

  it('stores an upload in the database and gives it back byte for byte, with safe download headers', async () => {
    const res = await upload('v_med', multipart([{ filename: '现场照片 2027.png', type: 'image/png', bytes: PNG }], { note: 'ignored field' }));
    expect(res.statusCode, res.body).toBe(201);
    const meta = res.json() as MetaJson;
    expect(meta).toEqual({ id: expect.stringMatching(ATTACHMENT_ID), name: '现场照片 2027.png', size: PNG.length, mimeType: 'image/png', sha256: sha256(PNG) });
    expect(res.headers.location).toBe(`/api/attachments/${meta.id}`);

    const file = await get('v_med', `/api/attachments/${meta.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG)).toBe(true);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="____ 2027.png"; filename*=UTF-8''${encodeURIComponent('现场照片 2027.png')}`);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toBe('private');

    const info = await get('v_med', `/api/attachments/${meta.id}/meta`);
    expect(info.json()).toEqual({ ...meta, createdAt: expect.any(String), instanceId: null });
  });

  it('accepts PDF, JPEG, WebP, UTF-8 text, DOCX and XLSX whose content matches the declared type', async () => {
    const cases: [string, string, Buffer, string][] = [
      ['扫描件.pdf', 'application/pdf', PDF, 'application/pdf'],
      ['photo.JPG', 'image/jpeg', JPEG, 'image/jpeg'],
      ['camera.jpg', 'image/pjpeg', JPEG, 'image/jpeg'],
      ['photo.webp', 'image/webp', WEBP, 'image/webp'],
      ['记录.txt', 'text/plain', TEXT, 'text/plain; charset=utf-8'],
      ['协议.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['名册.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', XLSX, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ];
    for (const [filename, type, bytes, stored] of cases) {
      const meta = await uploaded('v_med', { filename, type, bytes });
      expect({ name: meta.name, mimeType: meta.mimeType, sha256: meta.sha256 }, filename).toEqual({ name: filename, mimeType: stored, sha256: sha256(bytes) });
      const back = await get('v_med', `/api/attachments/${meta.id}`);
      expect(back.rawPayload.equals(bytes), filename).toBe(true);
      expect(back.headers['content-type'], filename).toBe(stored);
    }
  });

  it('keeps a text attachment byte for byte: personal numbers in it are the uploader\'s document, not masked', async () => {
    const meta = await uploaded('v_med', { filename: 'note.txt', type: 'text/plain', bytes: TEXT });
    const back = await get('v_med', `/api/attachments/${meta.id}`);
    expect(back.body).toContain('110101198001010010');
    expect(sha256(back.rawPayload)).toBe(meta.sha256);
  });

  it('refuses types outside the list with 415 and the allowed list, and renamed or disguised files by their content', async () => {
    const refused: [FilePart, string][] = [
      [{ filename: 'setup.exe', type: 'application/x-msdownload', bytes: EXE }, 'CF_SERVER_ATTACHMENT_TYPE'],
      [{ filename: 'page.html', type: 'text/html', bytes: HTML }, 'CF_SERVER_ATTACHMENT_TYPE'],
      [{ filename: 'photo.png', type: 'application/octet-stream', bytes: PNG }, 'CF_SERVER_ATTACHMENT_TYPE'],
      [{ filename: 'photo.png', type: 'image/png', bytes: EXE }, 'CF_SERVER_ATTACHMENT_CONTENT'],
      [{ filename: 'scan.pdf', type: 'application/pdf', bytes: EXE }, 'CF_SERVER_ATTACHMENT_CONTENT'],
      [{ filename: 'readme.txt', type: 'text/plain', bytes: EXE }, 'CF_SERVER_ATTACHMENT_CONTENT'],
      [{ filename: 'readme.txt', type: 'text/plain', bytes: HTML }, 'CF_SERVER_ATTACHMENT_CONTENT'],
      [{ filename: 'readme.txt', type: 'text/plain', bytes: Buffer.from('<svg onload="alert(1)"/>') }, 'CF_SERVER_ATTACHMENT_CONTENT'],
      [{ filename: 'photo.jpg', type: 'image/jpeg', bytes: PNG }, 'CF_SERVER_ATTACHMENT_CONTENT'],
      [{ filename: 'tool.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: JAR }, 'CF_SERVER_ATTACHMENT_CONTENT'],
      [{ filename: 'book.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: XLSM }, 'CF_SERVER_ATTACHMENT_CONTENT'],
      [{ filename: 'book.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: DOCX }, 'CF_SERVER_ATTACHMENT_CONTENT'],
    ];
    for (const [file, code] of refused) {
      const res = await upload('v_med', multipart([file]));
      const label = `${file.filename} as ${file.type}`;
      expect(res.statusCode, label).toBe(415);
      const body = res.json() as ErrorJson;
      expect(body.code, label).toBe(code);
      expect(body.message['zh-CN'], label).toMatch(/文件/);
      expect(body.hint?.['zh-CN'], label).toContain('PDF');
      expect(body.details?.allowed?.map((a) => a.mimeType), label).toEqual(expect.arrayContaining(['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'text/plain; charset=utf-8']));
    }
    const jpegAsPng = (await upload('v_med', multipart([{ filename: 'x.jpg', type: 'image/jpeg', bytes: PNG }]))).json() as ErrorJson;
    expect(jpegAsPng.message.en).toBe('the file\'s content is not a JPEG image but a PNG image');
  });

  it('gives a PDF named .exe a .pdf name, and strips directories and direction overrides from names', async () => {
    expect((await uploaded('v_med', { filename: '报告.exe', type: 'application/pdf', bytes: PDF })).name).toBe('报告.exe.pdf');
    expect((await uploaded('v_med', { filename: 'photo\u202Egnp.exe', type: 'image/png', bytes: PNG })).name).toBe('photognp.exe.png');
    expect((await uploaded('v_med', { filename: '', type: 'image/png', bytes: PNG })).name).toBe('attachment.png');
  });

  it('refuses requests without exactly one non-empty file, and anonymous uploads', async () => {
    const none = await upload('v_med', multipart([], { note: 'no file' }));
    expect([none.statusCode, (none.json() as ErrorJson).code]).toEqual([400, 'CF_SERVER_ATTACHMENT_FILE']);
    const two = await upload('v_med', multipart([{ filename: 'a.png', type: 'image/png', bytes: PNG }, { filename: 'b.png', type: 'image/png', bytes: PNG }]));
    expect([two.statusCode, (two.json() as ErrorJson).code]).toEqual([400, 'CF_SERVER_ATTACHMENT_FILE']);
    const empty = await upload('v_med', multipart([{ filename: 'a.png', type: 'image/png', bytes: Buffer.alloc(0) }]));
    expect([empty.statusCode, (empty.json() as ErrorJson).code]).toEqual([400, 'CF_SERVER_ATTACHMENT_FILE']);
    const json = await app.inject({ method: 'POST', url: '/api/attachments', headers: { cookie: cookies.get('v_med')! }, payload: { file: 'att_abcdef' } });
    expect([json.statusCode, (json.json() as ErrorJson).code]).toEqual([400, 'CF_SERVER_ATTACHMENT_FILE']);
    expect((await upload(undefined, multipart([{ filename: 'a.png', type: 'image/png', bytes: PNG }]))).statusCode).toBe(401);
  });

  it('allows 10 MB by default (more than the JSON body limit) and refuses more with 413; the limit is configurable', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(6 * 1_048_576, 0x20)]);
    const ok = await uploaded('v_med', { filename: 'big.pdf', type: 'application/pdf', bytes: big });
    expect(ok.size).toBe(big.length);
    const tooBig = await upload('v_med', multipart([{ filename: 'huge.pdf', type: 'application/pdf', bytes: Buffer.concat([PDF, Buffer.alloc(10 * 1_048_576, 0x20)]) }]));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'CF_SERVER_ATTACHMENT_TOO_LARGE', message: { 'zh-CN': '文件超过 10 MB 的上限' }, details: { maxBytes: 10 * 1_048_576 } });

    const small = await buildApp({ orm: opened.orm, attachmentMaxBytes: 1024 });
    try {
      const res = await upload('v_med', multipart([{ filename: 'x.png', type: 'image/png', bytes: Buffer.concat([PNG, randomBytes(1024)]) }]), small);
      expect([res.statusCode, (res.json() as ErrorJson).code]).toEqual([413, 'CF_SERVER_ATTACHMENT_TOO_LARGE']);
      expect((await upload('v_med', multipart([{ filename: 'x.png', type: 'image/png', bytes: PNG }]), small)).statusCode).toBe(201);
    } finally {
      await small.close();
    }
  });

  it('is readable by its uploader only until a form links it to a case; then by whoever may see the case; 404 to anyone else', async () => {
    const photo = await uploaded('v_med', { filename: '现场.jpg', type: 'image/jpeg', bytes: JPEG });
    const othersPhoto = await uploaded('grid', { filename: 'grid.png', type: 'image/png', bytes: PNG });
    const unknown = 'att_doesNotExist0000';
    const notFound = (await get('v_med', `/api/attachments/${unknown}`)).json() as ErrorJson;
    expect(notFound.code).toBe('CF_SERVER_NOT_FOUND');
    for (const user of ['t_center', 'voter', 'admin']) {
      const res = await get(user, `/api/attachments/${photo.id}`);
      expect(res.statusCode, user).toBe(404);
      // Exactly the answer for an id that does not exist: ids are not probeable.
      expect({ ...(res.json() as ErrorJson), details: undefined, message: undefined }, user).toEqual({ ...notFound, details: undefined, message: undefined });
      expect((await get(user, `/api/attachments/${photo.id}/meta`)).statusCode, user).toBe(404);
    }

    const started = await app.inject({ method: 'POST', url: '/api/instances', headers: { cookie: cookies.get('v_med')! }, payload: { definitionId: DEFINITION.id } });
    expect(started.statusCode, started.body).toBe(201);
    const instanceId = (started.json() as { instanceId: string }).instanceId;
    // Someone else's attachment in the form is not linked: naming an id does not make it readable.
    const report = await opened.orm.em.fork().transactional((em) => linkAttachments(em, instanceId, 'u-v_med', { photo: photo.id, extra: [{ copy: othersPhoto.id }, unknown], note: 'att_' }));
    expect(report).toEqual({ linked: [photo.id], notLinked: [othersPhoto.id, unknown] });
    expect((await get('v_med', `/api/attachments/${photo.id}/meta`)).json()).toMatchObject({ instanceId });

    // The town centre supervises the village's cases, the administrator sees every case in the county.
    for (const user of ['t_center', 'admin']) {
      const res = await get(user, `/api/attachments/${photo.id}`);
      expect(res.statusCode, user).toBe(200);
      expect(res.rawPayload.equals(JPEG), user).toBe(true);
      expect((await get(user, `/api/attachments/${othersPhoto.id}`)).statusCode, user).toBe(404);
    }
    // Another street's centre and a resident of the village have no need to know.
    for (const user of ['t_center_dongshan', 'voter']) {
      expect((await get(user, `/api/instances/${instanceId}`)).statusCode, user).toBe(404);
      expect((await get(user, `/api/attachments/${photo.id}`)).statusCode, user).toBe(404);
    }
    // Linked once, it stays with its case: a form of another case does not move it.
    const second = await app.inject({ method: 'POST', url: '/api/instances', headers: { cookie: cookies.get('v_med')! }, payload: { definitionId: DEFINITION.id } });
    const again = await opened.orm.em.fork().transactional((em) => linkAttachments(em, (second.json() as { instanceId: string }).instanceId, 'u-v_med', { photo: photo.id }));
    expect(again).toEqual({ linked: [], notLinked: [photo.id] });
  });

  it('answers 400 for ids that are not attachment ids, and describes the routes in OpenAPI', async () => {
    expect((await get('v_med', '/api/attachments/not-an-id')).statusCode).toBe(400);
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; responses: Record<string, unknown> }>> };
    expect(Object.keys(spec.paths['/api/attachments']?.post?.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
    expect(Object.keys(spec.paths['/api/attachments']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['201', '413', '415']));
    expect(spec.paths['/api/attachments/{id}']?.get).toBeDefined();
    expect(spec.paths['/api/attachments/{id}/meta']?.get).toBeDefined();
  });
});
