import type { Locale } from '@civicflow/engine';

/** A message template in both supported locales. Placeholders are written `{name}`. */
export interface FormsMessageTemplate {
  readonly 'zh-CN': string;
  readonly en: string;
}

/**
 * Every error code `createFormValidator()` can produce, with its zh-CN and en templates.
 * Codes are stable: UIs and tests may rely on them. `{field}` is the field's `title` (or its
 * property name); other placeholders are listed next to each code.
 */
export const FORMS_ERROR_CODES = {
  CF_FORMS_REQUIRED: {
    'zh-CN': '请填写{field}（此项必填）',
    en: '{field}: this field is required; please fill it in',
  },
  /** `{dependsOn}`: the field whose presence makes this one required. */
  CF_FORMS_DEPENDENT_REQUIRED: {
    'zh-CN': '请填写{field}（填写了{dependsOn}时此项必填）',
    en: '{field}: required when {dependsOn} is filled in; please fill it in',
  },
  /** `{type}`: the expected kind of value, localised. */
  CF_FORMS_TYPE: {
    'zh-CN': '{field}：应填写{type}，请修改',
    en: '{field}: must be {type}; please correct it',
  },
  CF_FORMS_MINIMUM: {
    'zh-CN': '{field}：不能小于 {limit}，请填写不小于 {limit} 的数值',
    en: '{field}: must be {limit} or more; please enter a value of at least {limit}',
  },
  CF_FORMS_MAXIMUM: {
    'zh-CN': '{field}：不能大于 {limit}，请填写不大于 {limit} 的数值',
    en: '{field}: must be {limit} or less; please enter a value of at most {limit}',
  },
  CF_FORMS_EXCLUSIVE_MINIMUM: {
    'zh-CN': '{field}：必须大于 {limit}，请填写大于 {limit} 的数值',
    en: '{field}: must be greater than {limit}; please enter a larger value',
  },
  CF_FORMS_EXCLUSIVE_MAXIMUM: {
    'zh-CN': '{field}：必须小于 {limit}，请填写小于 {limit} 的数值',
    en: '{field}: must be less than {limit}; please enter a smaller value',
  },
  CF_FORMS_MULTIPLE_OF: {
    'zh-CN': '{field}：必须是 {limit} 的整数倍，请调整数值',
    en: '{field}: must be a multiple of {limit}; please adjust the value',
  },
  CF_FORMS_MIN_LENGTH: {
    'zh-CN': '{field}：至少需要 {limit} 个字符，请补充完整',
    en: '{field}: must be at least {limit} characters long; please add the missing part',
  },
  CF_FORMS_MAX_LENGTH: {
    'zh-CN': '{field}：最多 {limit} 个字符，请删减',
    en: '{field}: must be at most {limit} characters long; please shorten it',
  },
  CF_FORMS_PATTERN: {
    'zh-CN': '{field}：格式不符合要求，请检查后重新填写',
    en: '{field}: the format is not accepted; please check and correct it',
  },
  /** `{allowed}`: the option labels (`oneOf`/`anyOf` `const` + `title`) or the `enum` values. */
  CF_FORMS_ENUM: {
    'zh-CN': '{field}：所填内容不在可选范围内，请从选项中选择（{allowed}）',
    en: '{field}: this value is not one of the options; please choose one of: {allowed}',
  },
  /** `{value}`: the only allowed value. */
  CF_FORMS_CONST: {
    'zh-CN': '{field}：只能填写 {value}，请修改',
    en: '{field}: must be {value}; please change it',
  },
  /** `const: true` on a boolean: a box that must be ticked (consent, declaration). */
  CF_FORMS_MUST_CONFIRM: {
    'zh-CN': '{field}：需要确认，请勾选',
    en: '{field}: must be confirmed; please tick the box',
  },
  CF_FORMS_MIN_ITEMS: {
    'zh-CN': '{field}：至少需要 {limit} 项，请补充',
    en: '{field}: needs at least {limit} item(s); please add more',
  },
  CF_FORMS_MAX_ITEMS: {
    'zh-CN': '{field}：最多 {limit} 项，请删除多余的项',
    en: '{field}: allows at most {limit} item(s); please remove the extra ones',
  },
  /** `{i}`, `{j}`: 1-based positions of two equal items. */
  CF_FORMS_UNIQUE_ITEMS: {
    'zh-CN': '{field}：第 {i} 项与第 {j} 项重复，请删除重复项',
    en: '{field}: items {i} and {j} are the same; please remove the duplicate',
  },
  CF_FORMS_CONTAINS: {
    'zh-CN': '{field}：缺少符合要求的项，请补充',
    en: '{field}: has no item that meets the requirement; please add one',
  },
  CF_FORMS_MIN_PROPERTIES: {
    'zh-CN': '{field}：至少需要填写 {limit} 项，请补充',
    en: '{field}: fill in at least {limit} entries; please add more',
  },
  CF_FORMS_MAX_PROPERTIES: {
    'zh-CN': '{field}：最多填写 {limit} 项，请删减',
    en: '{field}: allows at most {limit} entries; please remove some',
  },
  /** `{property}`: the name of the field that is not allowed (also used for `unevaluatedProperties`). */
  CF_FORMS_ADDITIONAL_PROPERTIES: {
    'zh-CN': '不允许的字段 {property}，请删除该字段',
    en: 'Field {property} is not allowed; please remove it',
  },
  /** `{property}`: the field name that breaks `propertyNames`. */
  CF_FORMS_PROPERTY_NAME: {
    'zh-CN': '字段名 {property} 不符合要求，请修改',
    en: 'Field name {property} is not accepted; please rename it',
  },
  CF_FORMS_ONE_OF: {
    'zh-CN': '{field}：应当且只能符合一种填写方式，请检查',
    en: '{field}: must match exactly one of the allowed forms; please check it',
  },
  CF_FORMS_ANY_OF: {
    'zh-CN': '{field}：不符合任何一种允许的填写方式，请检查',
    en: '{field}: does not match any of the allowed forms; please check it',
  },
  CF_FORMS_NOT: {
    'zh-CN': '{field}：此内容不被允许，请修改',
    en: '{field}: this value is not allowed; please change it',
  },
  /** `{format}`: the JSON Schema format name (formats without a dedicated code). */
  CF_FORMS_FORMAT: {
    'zh-CN': '{field}：格式不正确（应为 {format}），请修改',
    en: '{field}: is not a valid {format}; please correct it',
  },
  CF_FORMS_FORMAT_DATE: {
    'zh-CN': '{field}：日期无效，请按“年-月-日”格式填写，如 2027-05-28',
    en: '{field}: not a valid date; please use the format YYYY-MM-DD, e.g. 2027-05-28',
  },
  CF_FORMS_FORMAT_DATE_TIME: {
    'zh-CN': '{field}：日期时间无效，请按 2027-05-28T09:00:00+08:00 的格式填写',
    en: '{field}: not a valid date and time; please use the format 2027-05-28T09:00:00+08:00',
  },
  CF_FORMS_FORMAT_TIME: {
    'zh-CN': '{field}：时间无效，请按 09:00:00+08:00 的格式填写',
    en: '{field}: not a valid time; please use the format 09:00:00+08:00',
  },
  CF_FORMS_FORMAT_EMAIL: {
    'zh-CN': '{field}：电子邮箱地址无效，请检查（如 name@example.com）',
    en: '{field}: not a valid email address; please check it (e.g. name@example.com)',
  },
  CF_FORMS_FORMAT_URI: {
    'zh-CN': '{field}：网址无效，请填写完整网址（如 https://example.com）',
    en: '{field}: not a valid web address; please enter a full address (e.g. https://example.com)',
  },
  CF_FORMS_FORMAT_CN_ID_CARD_LENGTH: {
    'zh-CN': '{field}：应为 18 位，请检查是否漏填或多填',
    en: '{field}: must be 18 characters long; please check for missing or extra characters',
  },
  CF_FORMS_FORMAT_CN_ID_CARD_CHARACTERS: {
    'zh-CN': '{field}：前 17 位应为数字，最后一位为数字或 X，请删除其他字符',
    en: '{field}: the first 17 characters must be digits and the last a digit or X; please remove other characters',
  },
  CF_FORMS_FORMAT_CN_ID_CARD_BIRTH_DATE: {
    'zh-CN': '{field}：第 7–14 位的出生日期无效，请核对',
    en: '{field}: the birth date (characters 7–14) is not a valid date; please check it',
  },
  CF_FORMS_FORMAT_CN_ID_CARD_BIRTH_DATE_FUTURE: {
    'zh-CN': '{field}：第 7–14 位的出生日期晚于今天，请核对',
    en: '{field}: the birth date (characters 7–14) is in the future; please check it',
  },
  CF_FORMS_FORMAT_CN_ID_CARD_CHECKSUM: {
    'zh-CN': '{field}：校验位不正确，请核对最后一位',
    en: '{field}: the check digit is wrong; please check the last character',
  },
  CF_FORMS_FORMAT_CN_USCC_LENGTH: {
    'zh-CN': '{field}：统一社会信用代码应为 18 位，请检查是否漏填或多填',
    en: '{field}: a unified social credit code has 18 characters; please check for missing or extra characters',
  },
  CF_FORMS_FORMAT_CN_USCC_CHARACTERS: {
    'zh-CN': '{field}：只能包含数字和大写字母（不含 I、O、S、V、Z），请修改',
    en: '{field}: may contain only digits and capital letters (not I, O, S, V or Z); please correct it',
  },
  CF_FORMS_FORMAT_CN_USCC_CHECKSUM: {
    'zh-CN': '{field}：校验位不正确，请核对最后一位',
    en: '{field}: the check character is wrong; please check the last character',
  },
  CF_FORMS_FORMAT_CN_MOBILE: {
    'zh-CN': '{field}：手机号码无效，请填写以 1 开头的 11 位手机号码',
    en: '{field}: not a valid mobile number; please enter an 11-digit number starting with 1',
  },
  CF_FORMS_FORMAT_CN_PHONE: {
    'zh-CN': '{field}：电话号码无效，请填写 11 位手机号码或带区号的固定电话（如 010-12345678）',
    en: '{field}: not a valid phone number; please enter an 11-digit mobile number or a landline with area code (e.g. 010-12345678)',
  },
  CF_FORMS_FORMAT_CN_ADMIN_CODE: {
    'zh-CN': '{field}：行政区划代码无效，请填写 6 位或 12 位区划代码',
    en: '{field}: not a valid administrative division code; please enter a 6- or 12-digit code',
  },
  CF_FORMS_FORMAT_CF_ATTACHMENT: {
    'zh-CN': '{field}：附件未上传成功，请重新上传文件',
    en: '{field}: the file was not uploaded; please upload it again',
  },
  /** `formatMinimum` (ajv-formats), for dates and times. */
  CF_FORMS_FORMAT_MINIMUM: {
    'zh-CN': '{field}：不能早于 {limit}，请修改',
    en: '{field}: must not be earlier than {limit}; please change it',
  },
  CF_FORMS_FORMAT_MAXIMUM: {
    'zh-CN': '{field}：不能晚于 {limit}，请修改',
    en: '{field}: must not be later than {limit}; please change it',
  },
  CF_FORMS_FORMAT_EXCLUSIVE_MINIMUM: {
    'zh-CN': '{field}：必须晚于 {limit}，请修改',
    en: '{field}: must be later than {limit}; please change it',
  },
  CF_FORMS_FORMAT_EXCLUSIVE_MAXIMUM: {
    'zh-CN': '{field}：必须早于 {limit}，请修改',
    en: '{field}: must be earlier than {limit}; please change it',
  },
  /** `x-cn-min-age`: `{age}` years on `{on}`. */
  CF_FORMS_MIN_AGE: {
    'zh-CN': '{field}：截至 {on} 未满 {age} 周岁，不符合条件，请核对身份证号',
    en: '{field}: the person is not yet {age} years old on {on}; please check the ID number',
  },
  /** Fallback for any other failed rule. */
  CF_FORMS_INVALID: {
    'zh-CN': '{field}：填写内容不符合要求，请检查',
    en: '{field}: the value is not valid; please check it',
  },
  /** Thrown (not returned) when the schema itself is invalid. `{detail}`: what is wrong and where. */
  CF_FORMS_SCHEMA_INVALID: {
    'zh-CN': '表单定义（JSON Schema）无效：{detail}',
    en: 'Invalid form schema (JSON Schema): {detail}',
  },
  // Safety checks of a schema authored by a user (`checkAuthoredSchema`), reported in the
  // `problems` of a CF_FORMS_SCHEMA_INVALID error. `{pointer}`: where, as a JSON pointer (`/` is the root).
  /** The root of a form schema is not a JSON object. */
  CF_FORMS_SCHEMA_NOT_OBJECT: {
    'zh-CN': '表单定义应为 JSON 对象（如 {"type": "object", "properties": {…}}），请修改',
    en: 'A form schema must be a JSON object (such as {"type": "object", "properties": {…}}); please change it',
  },
  /** `{kind}`: what was found (`function`, `undefined`, `symbol`, `bigint`, `NaN`, `Infinity`, `Date`, `getter` …). */
  CF_FORMS_SCHEMA_NOT_JSON: {
    'zh-CN': '表单定义 {pointer} 处的值不是纯 JSON 数据（{kind}），请只使用字符串、数字、true/false、null、数组和普通对象',
    en: 'Form schema at {pointer}: the value is not plain JSON data ({kind}); use only strings, numbers, true/false, null, arrays and plain objects',
  },
  /** `{target}`: the enclosing object the value refers back to; `{ref}`: the same as a `$ref` (`#/…`). */
  CF_FORMS_SCHEMA_CYCLE: {
    'zh-CN': '表单定义 {pointer} 处引用了其上层 {target}，形成循环，无法保存为 JSON；请复制该部分，或改用 "$ref": "{ref}"',
    en: 'Form schema at {pointer}: refers back to the enclosing {target}, a cycle that JSON cannot hold; copy that part or use "$ref": "{ref}" instead',
  },
  /** `{key}`: `__proto__` (anywhere) or `prototype` (right under `constructor`). */
  CF_FORMS_SCHEMA_FORBIDDEN_KEY: {
    'zh-CN': '表单定义 {pointer} 处使用了不允许的名称 "{key}"（可能篡改对象原型），请改用其他字段名',
    en: 'Form schema at {pointer}: the name "{key}" is not allowed (it can tamper with object prototypes); please use another name',
  },
  /** `{keyword}`: `$ref`, `$dynamicRef` or `$recursiveRef`; `{ref}`: its value. */
  CF_FORMS_SCHEMA_REMOTE_REF: {
    'zh-CN': '表单定义 {pointer} 处的 {keyword} "{ref}" 指向表单之外；只允许以 # 开头的本表单内引用（如 "#/$defs/address"），请把被引用的定义放入 $defs',
    en: 'Form schema at {pointer}: {keyword} "{ref}" points outside the form; only references inside the form, starting with # (such as "#/$defs/address"), are allowed: move the definition into $defs',
  },
  /** `{id}`: the `$id` value. */
  CF_FORMS_SCHEMA_REMOTE_ID: {
    'zh-CN': '表单定义 {pointer} 处的 $id "{id}" 不允许；请删除 $id，或使用 urn: 标识（如 "urn:civicflow:form:登记表"），表单内的命名请用 $anchor',
    en: 'Form schema at {pointer}: $id "{id}" is not allowed; remove it or use a urn: identifier (such as "urn:civicflow:form:registration"); name parts of the form with $anchor',
  },
  /** `{id}`: the `$id` value of a schema below the root. */
  CF_FORMS_SCHEMA_NESTED_ID: {
    'zh-CN': '表单定义 {pointer} 处的 $id "{id}" 不允许：只有表单的最外层可以有 $id（内部的 $id 会改变其中 "#" 的含义）；请删除它，表单内的命名请用 $anchor',
    en: 'Form schema at {pointer}: $id "{id}" is not allowed: only the form\'s outermost schema may have an $id (an inner one changes what "#" means inside it); remove it and name parts of the form with $anchor',
  },
  /** `{pattern}`: the regular expression; `{error}`: the JavaScript engine's message. */
  CF_FORMS_SCHEMA_INVALID_PATTERN: {
    'zh-CN': '表单定义 {pointer} 处的正则表达式 {pattern} 无效（{error}），请按 JavaScript 正则表达式（u 模式）语法修改',
    en: 'Form schema at {pointer}: the regular expression {pattern} is not valid ({error}); please correct it (JavaScript syntax, u flag)',
  },
  /** `{pattern}`: the regular expression; `{part}`: the part to rewrite. */
  CF_FORMS_SCHEMA_UNSAFE_PATTERN: {
    'zh-CN': '表单定义 {pointer} 处的正则表达式 {pattern} 中 {part} 可能导致灾难性回溯（输入稍长即长时间卡住），请简化：不要嵌套量词（如 (a+)+），* 或 + 作用的分组中各选项不要能匹配相同内容，并用 {1,30} 这样的有限次数代替 * 和 +',
    en: 'Form schema at {pointer}: in the regular expression {pattern}, {part} can cause catastrophic backtracking (matching hangs on longer input); simplify it: no nested quantifiers such as (a+)+, no alternatives under * or + that match the same text, and bounded counts such as {1,30} instead of * and +',
  },
  /** `{length}`: the pattern's length; `{limit}`: the most allowed. */
  CF_FORMS_SCHEMA_PATTERN_TOO_LONG: {
    'zh-CN': '表单定义 {pointer} 处的正则表达式有 {length} 个字符，超过上限 {limit}，请缩短或拆分为多个字段',
    en: 'Form schema at {pointer}: the regular expression is {length} characters long, more than the limit of {limit}; please shorten it or split the field',
  },
  /** `{limit}`: the most bytes of JSON allowed; `{pointer}`: where the limit was passed. */
  CF_FORMS_SCHEMA_TOO_LARGE: {
    'zh-CN': '表单定义超过 {limit} 字节（JSON），在 {pointer} 处超出上限；请拆分表单，或缩短选项列表和说明文字',
    en: 'The form schema is larger than {limit} bytes of JSON (the limit is passed at {pointer}); please split the form or shorten option lists and texts',
  },
  /** `{limit}`: the most nested levels allowed. */
  CF_FORMS_SCHEMA_TOO_DEEP: {
    'zh-CN': '表单定义 {pointer} 处嵌套超过 {limit} 层，请减少分组嵌套，或用 $defs 和 $ref 复用定义',
    en: 'Form schema at {pointer}: nested more than {limit} levels deep; please flatten the groups or reuse definitions with $defs and $ref',
  },
  /** `{count}`: how many names; `{limit}`: the most allowed. */
  CF_FORMS_SCHEMA_TOO_MANY_PROPERTIES: {
    'zh-CN': '表单定义 {pointer} 处有 {count} 个名称，超过上限 {limit}，请拆分为多个分组或表单',
    en: 'Form schema at {pointer}: has {count} names, more than the limit of {limit}; please split it into several groups or forms',
  },
  /** `{count}`: how many items (`enum` values, `oneOf` options …); `{limit}`: the most allowed. */
  CF_FORMS_SCHEMA_TOO_MANY_VALUES: {
    'zh-CN': '表单定义 {pointer} 处的列表有 {count} 项，超过上限 {limit}；选项过多时请改用可搜索的字典（代码表）字段',
    en: 'Form schema at {pointer}: the list has {count} items, more than the limit of {limit}; for that many options use a searchable code list instead',
  },
  /** `{keyword}`: a size keyword (`maxLength`, `minItems` …); `{value}`: its value; `{limit}`: the largest allowed. */
  CF_FORMS_SCHEMA_SIZE_OUT_OF_RANGE: {
    'zh-CN': '表单定义 {pointer} 处的 {keyword} 为 {value}，应为 0 到 {limit} 之间的整数（提交的表单最大 1 MB，更大的长度或数量无法填写）',
    en: 'Form schema at {pointer}: {keyword} is {value}; it must be a whole number from 0 to {limit} (a submitted form is at most 1 MB, so a larger length or count can never be filled in)',
  },
} as const satisfies Record<string, FormsMessageTemplate>;

/** One of the codes in {@link FORMS_ERROR_CODES}. */
export type FormsErrorCode = keyof typeof FORMS_ERROR_CODES;

/** Values for the `{name}` placeholders of a template. */
export type FormsMessageParams = Readonly<Record<string, string | number>>;

/**
 * Renders the template of `code` in `locale` (zh-CN when the locale is unknown).
 * A placeholder without a value is left empty.
 */
export function renderFormsMessage(code: FormsErrorCode, params: FormsMessageParams, locale: Locale = 'zh-CN'): string {
  const template: FormsMessageTemplate = FORMS_ERROR_CODES[code];
  const text = locale === 'en' ? template.en : template['zh-CN'];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

const TYPE_NAMES: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  'zh-CN': { string: '文本', number: '数字', integer: '整数', boolean: '“是”或“否”', array: '列表', object: '一组字段', null: '空值' },
  en: { string: 'text', number: 'a number', integer: 'a whole number', boolean: 'yes or no', array: 'a list', object: 'a group of fields', null: 'empty' },
};

/** A JSON type name (`integer`, `string` …) as a person reads it in `locale`. */
export function typeName(type: string, locale: Locale): string {
  return TYPE_NAMES[locale]?.[type] ?? type;
}

/** Joins items as a list in `locale` (`、` in Chinese, `, ` in English). */
export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'en' ? ', ' : '、');
}

/** Joins alternatives (`或` / `or`). */
export function joinAlternatives(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'en' ? ' or ' : '或');
}

/** The default label of the whole form, used for errors on the root value. */
export function formLabel(locale: Locale): string {
  return locale === 'en' ? 'Form' : '表单';
}

/** A value from a schema (an `enum` or `const` value) as text. */
export function displayValue(value: unknown, locale: Locale): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return locale === 'en' ? (value ? 'yes' : 'no') : value ? '是' : '否';
  if (value === null) return locale === 'en' ? 'empty' : '空';
  return JSON.stringify(value) ?? String(value);
}

/** The label of item `index` (0-based) of a list labelled `listLabel`. */
export function itemLabel(listLabel: string, index: number, locale: Locale): string {
  return locale === 'en' ? `${listLabel} item ${index + 1}` : `${listLabel}第 ${index + 1} 项`;
}
