/**
 * Province-level division codes (first two digits of a GB/T 2260 code): 11–15, 21–23, 31–37,
 * 41–46, 50–54, 61–65, 71 (Taiwan), 81 (Hong Kong), 82 (Macao).
 */
export const CN_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/**
 * True for a 6-digit 行政区划代码 (`V_ADMIN6`) or a 12-digit 统计用区划代码 (`V_ADMIN12`).
 * Structure only: the first two digits must be a province code ({@link CN_PROVINCE_CODES});
 * whether the county or village exists is not checked (the full GB/T 2260 table is a later issue).
 */
export function isCnAdminCode(value: string): boolean {
  if (typeof value !== 'string' || !/^(\d{6}|\d{12})$/.test(value)) return false;
  return CN_PROVINCE_CODES.has(value.slice(0, 2));
}
