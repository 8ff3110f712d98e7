import type { LocalizedText } from '../i18n.js';

/** One problem in a definition: where (JSON pointer), what (stable code, zh-CN and en), and the fix. */
export interface DefinitionProblem {
  pointer: string;
  code: string;
  severity: 'error' | 'warning';
  message: LocalizedText;
  hint: LocalizedText;
}

/** Every code `validateDefinition` can report, with what it means. Codes are never reused. */
export const DEFINITION_PROBLEM_CODES = {
  CF_DEF_NOT_OBJECT: { 'zh-CN': '流程定义必须是 JSON 对象', en: 'a definition must be a JSON object' },
  CF_DEF_MALFORMED: { 'zh-CN': '流程定义结构异常，无法检查', en: 'the definition is malformed and could not be checked' },
  CF_DEF_SCHEMA_VERSION: { 'zh-CN': '不支持的定义格式版本', en: 'unsupported definition format version' },
  CF_DEF_REQUIRED: { 'zh-CN': '缺少必填项', en: 'a required member is missing' },
  CF_DEF_TYPE: { 'zh-CN': '类型不正确', en: 'wrong type' },
  CF_DEF_ID_FORMAT: { 'zh-CN': '标识格式不正确', en: 'malformed id' },
  CF_DEF_VERSION: { 'zh-CN': '版本号必须是正整数', en: 'version must be a positive integer' },
  CF_DEF_TEXT: { 'zh-CN': '文字必须同时有中文和英文', en: 'text needs both zh-CN and en' },
  CF_DEF_UNKNOWN_MEMBER: { 'zh-CN': '未知的属性', en: 'unknown member' },
  CF_DEF_DUPLICATE_STEP_ID: { 'zh-CN': '步骤标识重复', en: 'duplicate step id' },
  CF_DEF_UNKNOWN_KIND: { 'zh-CN': '未知的步骤类型', en: 'unknown step kind' },
  CF_DEF_UNKNOWN_START: { 'zh-CN': '起始步骤不存在', en: 'the start step does not exist' },
  CF_DEF_UNKNOWN_TARGET: { 'zh-CN': '去向步骤不存在', en: 'a route goes to a step that does not exist' },
  CF_DEF_TARGET_OUTSIDE_REGION: { 'zh-CN': '去向步骤不在同一区域内', en: 'a route leaves its region' },
  CF_DEF_UNREACHABLE_STEP: { 'zh-CN': '步骤不可达', en: 'unreachable step' },
  CF_DEF_NO_PATH_TO_END: { 'zh-CN': '步骤永远无法到达结束', en: 'a step can never reach an end' },
  CF_DEF_REGION_NO_END: { 'zh-CN': '分支或层级没有结束步骤', en: 'a branch or rung has no end step' },
  CF_DEF_UNKNOWN_ROLE: { 'zh-CN': '未定义的角色', en: 'undefined role' },
  CF_DEF_UNKNOWN_FORM: { 'zh-CN': '未定义的表单', en: 'undefined form' },
  CF_DEF_UNKNOWN_START_FORM: { 'zh-CN': '发起表单未在 forms 中定义', en: 'the start form is not defined in forms' },
  CF_DEF_FORM_SCHEMA: { 'zh-CN': '表单结构不正确', en: 'malformed form schema' },
  CF_DEF_EXPRESSION_SYNTAX: { 'zh-CN': '表达式语法错误', en: 'expression syntax error' },
  CF_DEF_EXPRESSION_UNKNOWN_NAME: { 'zh-CN': '表达式引用了未知的名称', en: 'an expression names an unknown root' },
  CF_DEF_EXPRESSION_UNKNOWN_FIELD: { 'zh-CN': '表达式引用了未知的字段', en: 'an expression names an unknown field' },
  CF_DEF_EXPRESSION_UNKNOWN_FUNCTION: { 'zh-CN': '表达式调用了未知的函数', en: 'an expression calls an unknown function' },
  CF_DEF_DEADLINE: { 'zh-CN': '期限设置不正确', en: 'malformed deadline' },
  CF_DEF_DEADLINE_BASIS: { 'zh-CN': '期限缺少依据', en: 'a deadline has no basis' },
  CF_DEF_LAW_WEAKENED: { 'zh-CN': '规则低于法定标准', en: 'a rule is weaker than the statute' },
  CF_DEF_JOIN: { 'zh-CN': '会签规则不正确', en: 'malformed join rule' },
  CF_DEF_DECISION_FIELD: { 'zh-CN': '结论字段不在表单中', en: 'the decision field is not in the form' },
  CF_DEF_NO_DEFAULT_ROUTE: { 'zh-CN': '缺少默认去向', en: 'no default route' },
  CF_DEF_CONFIG_TAG: { 'zh-CN': '参数来源标签不正确', en: 'malformed config tag' },
  CF_DEF_EMPTY: { 'zh-CN': '列表不能为空', en: 'the list must not be empty' },
  CF_DEF_ESCALATE_OUTSIDE_RUNG: { 'zh-CN': '“上交”只能用于调处层级中', en: '`$escalate` / outcome escalate is only meaningful in a ladder rung' },
} as const satisfies Record<string, LocalizedText>;

export type DefinitionProblemCode = keyof typeof DEFINITION_PROBLEM_CODES;
