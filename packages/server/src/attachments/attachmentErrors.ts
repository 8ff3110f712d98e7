import { ServerError } from '../plugins/serverError.js';
import { allowedTypeList } from './attachmentTypes.js';
import type { AttachmentType } from './attachmentTypes.js';

const allowedNames = () => ({
  zh: allowedTypeList().map((t) => t.label['zh-CN']).join('、'),
  en: allowedTypeList().map((t) => t.label.en).join(', '),
});

/** 415: the declared type is not one of the allowed kinds. */
export function typeNotAllowed(declared: string): ServerError {
  const names = allowedNames();
  return new ServerError('CF_SERVER_ATTACHMENT_TYPE', 415, {
    'zh-CN': `不接受此类文件（${declared || '未声明类型'}）`, en: `files of this type are not accepted (${declared || 'no type declared'})`,
  }, {
    hint: { 'zh-CN': `可上传：${names.zh}。请先转换为其中一种格式（如扫描件另存为 PDF）`, en: `accepted: ${names.en}. Convert the file to one of them first (e.g. save a scan as PDF)` },
    details: { declared, allowed: allowedTypeList() },
  });
}

/** 415: the declared type is allowed but the bytes are something else (a renamed file). */
export function contentMismatch(declared: AttachmentType, actual: AttachmentType | undefined): ServerError {
  const names = allowedNames();
  return new ServerError('CF_SERVER_ATTACHMENT_CONTENT', 415, {
    'zh-CN': `文件内容不是${declared.label['zh-CN']}${actual ? `，而是${actual.label['zh-CN']}` : ''}`,
    en: `the file's content is not a ${declared.label.en}${actual ? ` but a ${actual.label.en}` : ''}`,
  }, {
    hint: {
      'zh-CN': `请上传真实的文件，不要只修改扩展名。可上传：${names.zh}`,
      en: `upload the actual file rather than renaming another one. Accepted: ${names.en}`,
    },
    details: { declared: declared.mimeType, detected: actual?.mimeType ?? null, allowed: allowedTypeList() },
  });
}

/** 413: the file is larger than the limit. */
export function tooLarge(maxBytes: number): ServerError {
  const mb = (maxBytes / 1_048_576).toFixed(maxBytes % 1_048_576 === 0 ? 0 : 1);
  return new ServerError('CF_SERVER_ATTACHMENT_TOO_LARGE', 413, { 'zh-CN': `文件超过 ${mb} MB 的上限`, en: `the file is larger than the ${mb} MB limit` }, {
    hint: { 'zh-CN': '压缩图片或分成多个文件上传', en: 'compress the image or split the document into several files' },
    details: { maxBytes },
  });
}

/** 400: the request has no file part, more than one, or is not multipart. */
export function oneFileExpected(reason: 'none' | 'many' | 'empty' | 'not-multipart'): ServerError {
  const what = {
    none: { 'zh-CN': '请求中没有文件', en: 'the request carries no file' },
    many: { 'zh-CN': '一次只能上传一个文件', en: 'only one file may be uploaded per request' },
    empty: { 'zh-CN': '文件是空的', en: 'the file is empty' },
    'not-multipart': { 'zh-CN': '请求不是 multipart/form-data', en: 'the request is not multipart/form-data' },
  }[reason];
  return new ServerError('CF_SERVER_ATTACHMENT_FILE', 400, what, {
    hint: { 'zh-CN': '以 multipart/form-data 发送恰好一个文件字段（如 file）', en: 'send multipart/form-data with exactly one file field (e.g. `file`)' },
  });
}

/** 404 for an attachment that does not exist or that the caller may not see (ids are not probeable). */
export function attachmentNotFound(id: string): ServerError {
  return new ServerError('CF_SERVER_NOT_FOUND', 404, { 'zh-CN': `没有附件 ${id}`, en: `there is no attachment ${id}` }, {
    hint: {
      'zh-CN': '附件只对上传人，以及能查看引用它的办件的人可见',
      en: 'an attachment is visible to its uploader and to those who may see the case that references it',
    },
    details: { attachmentId: id },
  });
}
