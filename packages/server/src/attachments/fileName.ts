import type { AttachmentType } from './attachmentTypes.js';

const MAX_NAME_LENGTH = 200;

/**
 * The name an attachment is stored and offered under: no directories, no control or
 * bidirectional-override characters (which disguise `gpj.exe` as `exe.jpg`), at most 200
 * characters, and ending with an extension of its type — a PDF uploaded as `报告.exe` is offered
 * as `报告.exe.pdf`, so the downloaded file opens with the program its content is for.
 */
export function attachmentFileName(uploaded: string | undefined, type: AttachmentType): string {
  const base = (uploaded ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const name = base.replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '').replace(/^[\s.]+|[\s.]+$/g, '');
  const extension = type.extensions.find((e) => name.toLowerCase().endsWith(e));
  // The extension keeps the case it was uploaded with; a missing or foreign one gets the type's.
  const suffix = extension ? name.slice(name.length - extension.length) : type.extensions[0]!;
  const stem = [...(extension ? name.slice(0, name.length - extension.length) : name)];
  return (stem.length > 0 ? stem.slice(0, MAX_NAME_LENGTH - suffix.length).join('') : 'attachment') + suffix;
}

/**
 * `Content-Disposition: attachment` with the name twice (RFC 6266): an ASCII fallback for old
 * clients, and `filename*` in UTF-8 (RFC 5987/8187) which every current browser prefers, so
 * Chinese names arrive intact.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
