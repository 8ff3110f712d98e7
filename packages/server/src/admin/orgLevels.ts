/**
 * The levels of the org tree and which may sit below which: county (县/区) → town (乡镇) or
 * street (街道) → village (村) or community (社区) → grid (网格); county departments (县直部门,
 * `county:huaxi/dept:gongan`, where joint-review tasks go) sit directly below the county.
 * The level is the first part of a path segment (`town:qingshi`), so the engine never needs
 * this table; the admin routes use it to keep new units in shape.
 */
export const CHILD_LEVELS: Readonly<Record<string, readonly string[]>> = {
  county: ['town', 'street', 'dept'],
  town: ['village', 'community'],
  street: ['village', 'community'],
  village: ['grid'],
  community: ['grid'],
  grid: [],
  dept: [],
};

/** The Chinese and English names of the levels, for messages. */
export const LEVEL_NAMES: Readonly<Record<string, { 'zh-CN': string; en: string }>> = {
  county: { 'zh-CN': '县（区）', en: 'county' },
  town: { 'zh-CN': '乡镇', en: 'town' },
  street: { 'zh-CN': '街道', en: 'street' },
  village: { 'zh-CN': '村', en: 'village' },
  community: { 'zh-CN': '社区', en: 'community' },
  grid: { 'zh-CN': '网格', en: 'grid' },
  dept: { 'zh-CN': '县直部门', en: 'county department' },
};

/** The levels a new unit below a unit of `parentLevel` may have (none for unknown levels). */
export function childLevelsOf(parentLevel: string): readonly string[] {
  return CHILD_LEVELS[parentLevel] ?? [];
}
