import { zipEntryNames } from './zipEntryNames.js';

/** A kind of file people may attach: what it is called, its extensions, and how its bytes are recognised. */
export interface AttachmentType {
  /** The media type stored and sent back on download. */
  mimeType: string;
  /** Extensions the file name should end with (the first is added when it does not). */
  extensions: readonly string[];
  label: { 'zh-CN': string; en: string };
  /** True when the content really is of this type (magic bytes, or for text: no binary, no markup). */
  matches(bytes: Buffer): boolean;
}

const startsWith = (bytes: Buffer, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** An Office Open XML package with the main part of the type and no macros (`vbaProject.bin`: .docm/.xlsm). */
function officeDocument(mainPart: string): (bytes: Buffer) => boolean {
  return (bytes) => {
    if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return false;
    const names = zipEntryNames(bytes);
    return names !== undefined && names.includes('[Content_Types].xml') && names.includes(mainPart) && !names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n));
  };
}

/**
 * Plain text: UTF-8 (a BOM allowed), no control characters but tab, line breaks and form feed,
 * and not markup a browser would run if it ever rendered it (HTML, XML, SVG) — the patterns the
 * WHATWG MIME Sniffing Standard uses to recognise HTML, after leading white space.
 */
function plainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return false;
  }
  if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text)) return false;
  return !MARKUP.test(text.trimStart());
}
const MARKUP = /^<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--|\?xml|svg|object|embed|meta|link|img|form|base)(?:[\s>/]|$)/i;

/**
 * The kinds of file an attachment may be: PDF, PNG, JPEG, WebP, plain text, DOCX, XLSX. Both the
 * declared type and the bytes must agree, so a renamed executable, an HTML page sent as text, or
 * a macro workbook sent as XLSX is refused.
 */
export const ATTACHMENT_TYPES: readonly AttachmentType[] = [
  { mimeType: 'application/pdf', extensions: ['.pdf'], label: { 'zh-CN': 'PDF 文档', en: 'PDF document' }, matches: (b) => startsWith(b, ascii('%PDF-')) },
  { mimeType: 'image/png', extensions: ['.png'], label: { 'zh-CN': 'PNG 图片', en: 'PNG image' }, matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mimeType: 'image/jpeg', extensions: ['.jpg', '.jpeg', '.jfif'], label: { 'zh-CN': 'JPEG 图片', en: 'JPEG image' }, matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { mimeType: 'image/webp', extensions: ['.webp'], label: { 'zh-CN': 'WebP 图片', en: 'WebP image' }, matches: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
  { mimeType: 'text/plain; charset=utf-8', extensions: ['.txt'], label: { 'zh-CN': '纯文本（UTF-8）', en: 'plain text (UTF-8)' }, matches: plainText },
  {
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'],
    label: { 'zh-CN': 'Word 文档（.docx）', en: 'Word document (.docx)' }, matches: officeDocument('word/document.xml'),
  },
  {
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'],
    label: { 'zh-CN': 'Excel 表格（.xlsx）', en: 'Excel workbook (.xlsx)' }, matches: officeDocument('xl/workbook.xml'),
  },
];

/** Declared types some clients send for the same kinds (old browsers, cameras). */
const ALIASES: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'image/x-png': 'image/png', 'text/plain': 'text/plain; charset=utf-8' };

/** The attachment type a declared Content-Type names (parameters ignored), or undefined when it is not allowed. */
export function attachmentTypeOf(declared: string | undefined): AttachmentType | undefined {
  const essence = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  const mimeType = ALIASES[essence] ?? essence;
  return ATTACHMENT_TYPES.find((t) => t.mimeType === mimeType);
}

/** The allowed types as the 415 answer lists them. */
export function allowedTypeList(): { mimeType: string; extensions: readonly string[]; label: { 'zh-CN': string; en: string } }[] {
  return ATTACHMENT_TYPES.map(({ mimeType, extensions, label }) => ({ mimeType, extensions, label }));
}
