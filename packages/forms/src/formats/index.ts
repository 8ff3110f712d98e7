import { isCnAdminCode } from './cnAdminCode.js';
import { isCnIdCard } from './cnIdCard.js';
import { isCnMobile, isCnPhone } from './cnPhone.js';
import { isCnUscc } from './cnUscc.js';

export { CN_PROVINCE_CODES, isCnAdminCode } from './cnAdminCode.js';
export {
  CN_ID_CARD_MIN_BIRTH_YEAR,
  checkCnIdCard,
  cnIdCardBirthDate,
  cnIdCardCheckChar,
  isCnIdCard,
  normalizeCnIdCard,
} from './cnIdCard.js';
export type { CnIdCardOptions, CnIdCardProblem } from './cnIdCard.js';
export { isCnLandline, isCnMobile, isCnPhone, normalizeCnMobile } from './cnPhone.js';
export { CN_USCC_ALPHABET, checkCnUscc, cnUsccCheckChar, isCnUscc } from './cnUscc.js';
export type { CnUsccProblem } from './cnUscc.js';

/** The JSON Schema `format` names civicflow adds on top of ajv-formats. */
export const CN_FORMAT_NAMES = ['cn-id-card', 'cn-uscc', 'cn-mobile', 'cn-phone', 'cn-admin-code', 'cf-attachment'] as const;

/** An attachment id the server issued for an uploaded file (form data never carries file bytes). */
export const ATTACHMENT_ID = /^att_[A-Za-z0-9_-]{6,64}$/;

/** True for a well-formed attachment id. */
export function isAttachmentId(value: string): boolean {
  return ATTACHMENT_ID.test(value);
}

/** One of {@link CN_FORMAT_NAMES}. */
export type CnFormatName = (typeof CN_FORMAT_NAMES)[number];

/**
 * The check function behind each civicflow format. `today` is read at every check of
 * `cn-id-card`, so a long-lived validator can follow the calendar; `undefined` means no
 * future-birth-date check.
 */
export function cnFormatChecks(today: () => string | undefined): Record<CnFormatName, (value: string) => boolean> {
  return {
    'cn-id-card': (value) => isCnIdCard(value, { today: today() }),
    'cn-uscc': isCnUscc,
    'cn-mobile': isCnMobile,
    'cn-phone': isCnPhone,
    'cn-admin-code': isCnAdminCode,
    'cf-attachment': isAttachmentId,
  };
}
