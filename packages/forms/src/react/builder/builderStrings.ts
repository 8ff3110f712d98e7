import type { Locale } from '@civicflow/engine';
import type { BuilderFieldType } from '../../builder/index.js';

/**
 * Every interface string of `<FormBuilder>` in one place (authored text — titles, choice labels —
 * comes from the form, never from here). zh-CN is the default: the builder's users are township
 * and street IT staff.
 */
export interface BuilderStrings {
  builderLabel: string;
  palette: string;
  paletteHint: string;
  fieldTypes: Record<BuilderFieldType, string>;
  canvas: string;
  canvasEmpty: string;
  dropHere: string;
  dropInto: (group: string) => string;
  untitled: string;
  moveUp: (field: string) => string;
  moveDown: (field: string) => string;
  remove: (field: string) => string;
  moveHint: string;
  conditional: string;
  requiredMark: string;
  properties: string;
  noSelection: string;
  fieldId: string;
  fieldIdHint: string;
  title: string;
  description: string;
  required: string;
  maxLength: string;
  minLength: string;
  minimum: string;
  maximum: string;
  minItems: string;
  maxItems: string;
  choices: string;
  choiceValue: string;
  choiceLabel: string;
  newChoiceValue: string;
  newChoiceLabel: string;
  addChoice: string;
  noChoices: string;
  choiceRow: (n: number) => string;
  removeChoice: (label: string) => string;
  moveChoiceUp: (label: string) => string;
  moveChoiceDown: (label: string) => string;
  accept: string;
  acceptHint: string;
  minAge: string;
  minAgeAge: string;
  minAgeOn: string;
  expression: string;
  expressionHint: string;
  expressionOk: string;
  expressionError: (message: string, position: number | undefined) => string;
  valueType: string;
  valueTypes: Record<'string' | 'number' | 'integer' | 'boolean', string>;
  condition: string;
  conditionAlways: string;
  conditionOnlyWhen: string;
  conditionField: string;
  conditionEquals: string;
  conditionValue: string;
  conditionShown: string;
  conditionApply: string;
  conditionClear: string;
  conditionOneOf: (values: string) => string;
  conditionNoSiblings: string;
  chooseField: string;
  yes: string;
  no: string;
  moveTo: string;
  moveToRoot: string;
  moveToButton: string;
  undo: string;
  redo: string;
  save: string;
  saved: string;
  tabs: string;
  preview: string;
  /** The preview while its validator is on its way (see `previewValidator`). */
  previewLoading: string;
  /** The same, with the last preview still in view. */
  previewUpdating: string;
  /** Before the reason the preview's validator could not be had. */
  previewFailed: string;
  previewHint: (hint: string) => string;
  previewCode: (code: string) => string;
  previewRetry: string;
  json: string;
  jsonLabel: string;
  readOnlyTitle: string;
  readOnlyAt: (pointer: string, source: string) => string;
  refused: string;
  dismiss: string;
}

const ZH_TYPES: Record<BuilderFieldType, string> = {
  text: '单行文本',
  textarea: '多行文本',
  integer: '整数',
  number: '数值',
  money: '金额',
  date: '日期',
  datetime: '日期时间',
  select: '单选',
  multiselect: '多选',
  boolean: '是/否',
  idCard: '身份证号',
  uscc: '统一社会信用代码',
  mobile: '手机',
  phone: '电话',
  adminCode: '行政区划代码',
  file: '附件',
  photo: '照片',
  signature: '签名',
  geo: '位置',
  computed: '计算值',
  group: '分组',
  list: '可重复分组',
};

const EN_TYPES: Record<BuilderFieldType, string> = {
  text: 'Single-line text',
  textarea: 'Multi-line text',
  integer: 'Integer',
  number: 'Number',
  money: 'Amount (CNY)',
  date: 'Date',
  datetime: 'Date and time',
  select: 'Single choice',
  multiselect: 'Multiple choice',
  boolean: 'Yes/No',
  idCard: 'ID card number',
  uscc: 'Unified social credit code',
  mobile: 'Mobile',
  phone: 'Telephone',
  adminCode: 'Administrative division code',
  file: 'Attachment',
  photo: 'Photo',
  signature: 'Signature',
  geo: 'Location',
  computed: 'Computed value',
  group: 'Group',
  list: 'Repeatable group',
};

const ZH: BuilderStrings = {
  builderLabel: '表单设计器',
  palette: '字段类型',
  paletteHint: '拖到右侧表单中，或选中后按回车，加在所选字段之后',
  fieldTypes: ZH_TYPES,
  canvas: '表单字段',
  canvasEmpty: '表单还没有字段。从左侧选择字段类型添加。',
  dropHere: '放到末尾',
  dropInto: (group) => `放到「${group}」末尾`,
  untitled: '（无标题）',
  moveUp: (field) => `上移 ${field}`,
  moveDown: (field) => `下移 ${field}`,
  remove: (field) => `删除 ${field}`,
  moveHint: '选中字段后可按 Alt+↑ / Alt+↓ 调整顺序',
  conditional: '有条件显示',
  requiredMark: '必填',
  properties: '字段属性',
  noSelection: '请在表单中选择一个字段以编辑它的属性。',
  fieldId: '字段名（数据中的键）',
  fieldIdHint: '以英文字母开头，只含英文字母、数字和下划线',
  title: '标题',
  description: '说明',
  required: '必填',
  maxLength: '最多字数',
  minLength: '最少字数',
  minimum: '最小值',
  maximum: '最大值',
  minItems: '最少条数',
  maxItems: '最多条数',
  choices: '选项',
  choiceValue: '选项值',
  choiceLabel: '显示文字',
  newChoiceValue: '新选项的值（保存在数据中）',
  newChoiceLabel: '新选项的显示文字',
  addChoice: '添加选项',
  noChoices: '还没有选项。',
  choiceRow: (n) => `第 ${n} 个选项`,
  removeChoice: (label) => `删除选项 ${label}`,
  moveChoiceUp: (label) => `上移选项 ${label}`,
  moveChoiceDown: (label) => `下移选项 ${label}`,
  accept: '允许的文件类型',
  acceptHint: '用逗号分隔，例如 application/pdf, image/*',
  minAge: '年龄要求',
  minAgeAge: '至少（周岁）',
  minAgeOn: '计算年龄的日期',
  expression: '计算公式',
  expressionHint: '用 form.字段名 引用本表单的字段，例如 form.a + form.b',
  expressionOk: '公式正确',
  expressionError: (message, position) => (position === undefined ? `公式有误：${message}` : `公式有误（第 ${position + 1} 个字符）：${message}`),
  valueType: '结果类型',
  valueTypes: { string: '文本', number: '数值', integer: '整数', boolean: '是/否' },
  condition: '显示条件',
  conditionAlways: '总是显示',
  conditionOnlyWhen: '仅当',
  conditionField: '条件字段',
  conditionEquals: '等于',
  conditionValue: '条件值',
  conditionShown: '时显示',
  conditionApply: '设置条件',
  conditionClear: '取消条件（总是显示）',
  conditionOneOf: (values) => `为以下值之一：${values}`,
  conditionNoSiblings: '同一分组中没有可作为条件的其他字段。',
  chooseField: '请选择字段',
  yes: '是',
  no: '否',
  moveTo: '移到分组',
  moveToRoot: '表单（最外层）',
  moveToButton: '移动',
  undo: '撤销',
  redo: '重做',
  save: '保存',
  saved: '已保存',
  tabs: '查看方式',
  preview: '预览',
  previewLoading: '正在准备预览…',
  previewUpdating: '正在更新预览…（下面仍是修改前的表单）',
  previewFailed: '无法显示预览：',
  previewHint: (hint) => `处理办法：${hint}`,
  previewCode: (code) => `错误代码：${code}`,
  previewRetry: '重试',
  json: 'JSON',
  jsonLabel: '表单的 JSON（只读）',
  readOnlyTitle: '此表单只能查看，不能在设计器中编辑',
  readOnlyAt: (pointer, source) => `位置：${source} ${pointer || '/'}`,
  refused: '操作未执行',
  dismiss: '知道了',
};

const EN: BuilderStrings = {
  builderLabel: 'Form builder',
  palette: 'Field types',
  paletteHint: 'Drag onto the form, or focus one and press Enter to add it after the selected field',
  fieldTypes: EN_TYPES,
  canvas: 'Form fields',
  canvasEmpty: 'The form has no fields yet. Add one from the field types.',
  dropHere: 'Drop at the end',
  dropInto: (group) => `Drop at the end of "${group}"`,
  untitled: '(untitled)',
  moveUp: (field) => `Move ${field} up`,
  moveDown: (field) => `Move ${field} down`,
  remove: (field) => `Remove ${field}`,
  moveHint: 'With a field selected, Alt+↑ / Alt+↓ moves it',
  conditional: 'shown conditionally',
  requiredMark: 'required',
  properties: 'Field properties',
  noSelection: 'Select a field of the form to edit its properties.',
  fieldId: 'Field id (key in the data)',
  fieldIdHint: 'Starts with a letter; letters, digits and "_" only',
  title: 'Title',
  description: 'Description',
  required: 'Required',
  maxLength: 'Maximum length',
  minLength: 'Minimum length',
  minimum: 'Minimum',
  maximum: 'Maximum',
  minItems: 'Minimum entries',
  maxItems: 'Maximum entries',
  choices: 'Choices',
  choiceValue: 'Value',
  choiceLabel: 'Label',
  newChoiceValue: 'New choice value (stored in the data)',
  newChoiceLabel: 'New choice label',
  addChoice: 'Add choice',
  noChoices: 'No choices yet.',
  choiceRow: (n) => `Choice ${n}`,
  removeChoice: (label) => `Remove choice ${label}`,
  moveChoiceUp: (label) => `Move choice ${label} up`,
  moveChoiceDown: (label) => `Move choice ${label} down`,
  accept: 'Accepted file types',
  acceptHint: 'Comma-separated, e.g. application/pdf, image/*',
  minAge: 'Minimum age',
  minAgeAge: 'At least (years)',
  minAgeOn: 'Age on date',
  expression: 'Expression',
  expressionHint: 'Refer to this form\'s fields as form.<id>, e.g. form.a + form.b',
  expressionOk: 'The expression is valid',
  expressionError: (message, position) => (position === undefined ? `Invalid expression: ${message}` : `Invalid expression (character ${position + 1}): ${message}`),
  valueType: 'Result type',
  valueTypes: { string: 'Text', number: 'Number', integer: 'Integer', boolean: 'Yes/No' },
  condition: 'Condition',
  conditionAlways: 'Always shown',
  conditionOnlyWhen: 'Only when',
  conditionField: 'Condition field',
  conditionEquals: 'equals',
  conditionValue: 'Condition value',
  conditionShown: 'show this field',
  conditionApply: 'Set condition',
  conditionClear: 'Remove condition (always shown)',
  conditionOneOf: (values) => `is one of: ${values}`,
  conditionNoSiblings: 'No other field of this section can be used in a condition.',
  chooseField: 'Choose a field',
  yes: 'Yes',
  no: 'No',
  moveTo: 'Move to section',
  moveToRoot: 'The form (top level)',
  moveToButton: 'Move',
  undo: 'Undo',
  redo: 'Redo',
  save: 'Save',
  saved: 'Saved',
  tabs: 'View',
  preview: 'Preview',
  previewLoading: 'Preparing the preview…',
  previewUpdating: 'Updating the preview… (below is still the form before the change)',
  previewFailed: 'The preview cannot be shown:',
  previewHint: (hint) => `What to do: ${hint}`,
  previewCode: (code) => `Error code: ${code}`,
  previewRetry: 'Try again',
  json: 'JSON',
  jsonLabel: 'The form as JSON (read-only)',
  readOnlyTitle: 'This form can be viewed but not edited in the builder',
  readOnlyAt: (pointer, source) => `Where: ${source} ${pointer || '/'}`,
  refused: 'Not done',
  dismiss: 'OK',
};

/** The builder's interface strings for `locale` (zh-CN unless `en`). */
export function builderStrings(locale: Locale): BuilderStrings {
  return locale === 'en' ? EN : ZH;
}
