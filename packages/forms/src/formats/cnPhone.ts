const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

/**
 * The 11-digit form of a mainland mobile number after removing spaces, dashes and a leading
 * `+86`, or `undefined` if what remains does not match `^1[3-9]\d{9}$`.
 */
export function normalizeCnMobile(value: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  let digits = value.replace(/[\s-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  return MOBILE.test(digits) ? digits : undefined;
}

/** True for a mainland mobile number (`V_MOBILE`); spaces, dashes and a `+86` prefix are allowed. */
export function isCnMobile(value: string): boolean {
  return normalizeCnMobile(value) !== undefined;
}

/** True for a landline number `0` + area code, optional dash, 7–8 digits, optional `-extension`. */
export function isCnLandline(value: string): boolean {
  return typeof value === 'string' && LANDLINE.test(value);
}

/** True for a mobile number or a landline number (`V_PHONE`). */
export function isCnPhone(value: string): boolean {
  return isCnMobile(value) || isCnLandline(value);
}
