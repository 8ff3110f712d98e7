/**
 * JavaScript source of the civicflow checks every precompiled module carries: the formats
 * `cn-id-card`, `cn-uscc`, `cn-mobile`, `cn-phone`, `cn-admin-code`, `cf-attachment` and the test
 * of `x-cn-min-age`. It is the body of a function `(baseFormats) => runtime`, where `baseFormats`
 * are ajv-formats' `fullFormats` and `runtime` is
 * `{ state: { today }, formats, minAgeHolds(idNo, age, on) }`.
 *
 * Why a string: the module must carry these checks as code, and `Function.prototype.toString()`
 * of the TypeScript functions is not reliable (tsx and other esbuild-based loaders insert
 * `__name(…)` helpers; coverage tools insert counters). This is a line-by-line port of
 * src/dates.ts, src/formats/cnIdCard.ts, cnUscc.ts, cnPhone.ts, cnAdminCode.ts, the attachment
 * id of src/formats/index.ts, src/ageOnDate.ts and the test of src/keywords/cnMinAge.ts, in the
 * same order of checks. test/precompiledChecks.test.ts compares it with them on a corpus of
 * values (every date edge, check characters, prefixes); change both together.
 *
 * The formats have the shape `createConfiguredAjv` registers (`{ type: 'string', validate }`),
 * because Ajv's generated code calls `.validate(…)` on what it saw at compile time.
 */
export const CIVICFLOW_CHECKS_SOURCE = String.raw`
const state = { today: undefined };

// src/dates.ts
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isLeapYear(year) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
function daysInMonth(year, month) {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
function isRealDate(year, month, day) {
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
function parseIsoDate(text) {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isRealDate(year, month, day) ? { year, month, day } : undefined;
}
function compareDates(a, b) {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

// src/formats/cnIdCard.ts
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';
const ID_SHAPE = /^\d{17}[\dXx]$/;
const ID_MIN_BIRTH_YEAR = 1900;
function cnIdCardCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS.charAt(sum % 11);
}
function birthDateOf(value) {
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (year < ID_MIN_BIRTH_YEAR || !isRealDate(year, month, day)) return undefined;
  return { year, month, day };
}
function checkCnIdCard(value, today) {
  if (typeof value !== 'string' || value.length !== 18) return 'length';
  if (!ID_SHAPE.test(value)) return 'characters';
  const birth = birthDateOf(value);
  if (!birth) return 'birthDate';
  if (today !== undefined) {
    const todayDate = parseIsoDate(today);
    if (!todayDate) throw new RangeError('today must be a real date YYYY-MM-DD, got ' + JSON.stringify(today));
    if (compareDates(birth, todayDate) > 0) return 'futureBirthDate';
  }
  if (cnIdCardCheckChar(value) !== value.charAt(17).toUpperCase()) return 'checksum';
  return undefined;
}

// src/ageOnDate.ts (the birth date of a valid number, anniversary rule, 29 February → 1 March)
function ageOnDate(idNo, onDate) {
  const birth = checkCnIdCard(idNo, undefined) === undefined ? birthDateOf(idNo) : undefined;
  const on = parseIsoDate(onDate);
  if (!birth || !on || compareDates(on, birth) < 0) return undefined;
  let birthdayMonth = birth.month;
  let birthdayDay = birth.day;
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(on.year)) {
    birthdayMonth = 3;
    birthdayDay = 1;
  }
  const beforeBirthday = on.month < birthdayMonth || (on.month === birthdayMonth && on.day < birthdayDay);
  return on.year - birth.year - (beforeBirthday ? 1 : 0);
}

// src/formats/cnUscc.ts
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;
function cnUsccCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17.charAt(i)) * USCC_WEIGHTS[i];
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}
function isCnUscc(value) {
  if (typeof value !== 'string' || value.length !== 18) return false;
  if (!USCC_SHAPE.test(value)) return false;
  return cnUsccCheckChar(value) === value.charAt(17);
}

// src/formats/cnPhone.ts
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
function isCnMobile(value) {
  if (typeof value !== 'string') return false;
  let digits = value.replace(/[\s-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  return MOBILE.test(digits);
}
function isCnPhone(value) {
  return isCnMobile(value) || (typeof value === 'string' && LANDLINE.test(value));
}

// src/formats/cnAdminCode.ts
const PROVINCE_CODES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']);
function isCnAdminCode(value) {
  if (typeof value !== 'string' || !/^(\d{6}|\d{12})$/.test(value)) return false;
  return PROVINCE_CODES.has(value.slice(0, 2));
}

// src/formats/index.ts
const ATTACHMENT_ID = /^att_[A-Za-z0-9_-]{6,64}$/;

const formats = Object.assign({}, baseFormats, {
  'cn-id-card': { type: 'string', validate: (value) => checkCnIdCard(value, state.today) === undefined },
  'cn-uscc': { type: 'string', validate: isCnUscc },
  'cn-mobile': { type: 'string', validate: isCnMobile },
  'cn-phone': { type: 'string', validate: isCnPhone },
  'cn-admin-code': { type: 'string', validate: isCnAdminCode },
  'cf-attachment': { type: 'string', validate: (value) => ATTACHMENT_ID.test(value) },
});

// src/keywords/cnMinAge.ts: a malformed number passes (the format reports it)
function minAgeHolds(idNo, age, on) {
  if (checkCnIdCard(idNo, undefined) !== undefined) return true;
  const actual = ageOnDate(idNo, on);
  return actual !== undefined && actual >= age;
}

return { state, formats, minAgeHolds };
`;
