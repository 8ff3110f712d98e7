import type { LocalizedText } from './i18n.js';

/**
 * One entry of the engine's error catalogue. Codes are stable and never reused: hosts, the
 * server and tests branch on `code`, never on message text.
 */
export interface ErrorCatalogueEntry {
  /** `user`: bad input a person can fix (shown, not reported). `internal`: a bug or a broken host. */
  kind: 'user' | 'internal';
  message: LocalizedText;
  hint: LocalizedText;
}

function entry(kind: 'user' | 'internal', zh: string, en: string, hintZh: string, hintEn: string): ErrorCatalogueEntry {
  return { kind, message: { 'zh-CN': zh, en }, hint: { 'zh-CN': hintZh, en: hintEn } };
}

/**
 * Every error the engine's runtime can raise. Messages may contain `{name}` placeholders
 * filled from the error's `params`. Definition problems have their own codes in
 * `DEFINITION_PROBLEM_CODES`; expression errors in `EXPRESSION_ERROR_CODES`.
 */
export const ENGINE_ERRORS = {
  CF_ENGINE_TASK_NOT_FOUND: entry('user',
    '任务 {taskId} 不存在或已办结', 'task {taskId} does not exist or is already completed',
    '刷新待办列表；当前可办任务：{open}', 'reload the inbox; open tasks are: {open}'),
  CF_ENGINE_FORBIDDEN_ROLE: entry('user',
    '您没有办理此任务所需的角色 {role}', 'you do not hold the role {role} that this task requires',
    '请由具有 {role} 角色的人员办理，或请管理员分配角色', 'ask a holder of {role} to act, or ask an administrator to assign the role'),
  CF_ENGINE_FORBIDDEN_ORG_UNIT: entry('user',
    '此任务属于 {orgUnit}，您所在单位 {actorUnit} 无权办理', 'this task belongs to {orgUnit}; your unit {actorUnit} may not act on it',
    '请由 {orgUnit} 的人员办理', 'a person of {orgUnit} must act on it'),
  CF_ENGINE_FORBIDDEN_PERSON: entry('user',
    '此任务指定由本人办理，您不是指定办理人', 'this task is assigned to a named person and you are not that person',
    '请由指定办理人本人办理', 'the named person must act on it'),
  CF_ENGINE_TASK_CLAIMED: entry('user',
    '任务 {taskId} 已由 {holder} 认领办理', 'task {taskId} is claimed by {holder}',
    '由 {holder} 办理或释放该任务，或由有权改派的人员改派；刷新待办列表查看最新情况', 'ask {holder} to complete or release it, or someone allowed to reassign it; reload your inbox to see where it stands'),
  CF_ENGINE_TASK_NOT_CLAIMABLE: entry('user',
    '任务 {taskId} 是向所有 {role} 开放的常设任务（如公示期内提出异议），不能认领或改派', 'task {taskId} is a standing task open to every holder of {role} (such as filing objections during a notice); it cannot be claimed or reassigned',
    '直接办理该任务，无需认领', 'act on it directly; it needs no claim'),
  CF_ENGINE_REASSIGN_TARGET_INELIGIBLE: entry('user',
    '任务 {taskId} 不能改派给 {to}：{reason}', 'task {taskId} cannot be handed to {to}: {reason}',
    '改派给在 {orgUnit} 具有 {role} 角色的人员（任务指定了办理人的，只能是该人）', 'hand it to a person who holds {role} in {orgUnit} (the named person, if the task names one)'),
  CF_ENGINE_CONFLICT_OF_INTEREST: entry('user',
    '回避：{reason}', 'conflict of interest: {reason}',
    '请由与本事项无利害关系的人员办理', 'a person without a conflict of interest must act on it'),
  CF_ENGINE_FORM_INVALID: entry('user',
    '表单“{form}”填写有误：{summary}', 'the form "{form}" has errors: {summary}',
    '按提示修改标出的字段后重新提交', 'correct the marked fields and submit again'),
  CF_ENGINE_CHECK_FAILED: entry('user',
    '不符合办理规则：{summary}', 'a rule of this step is not met: {summary}',
    '按提示修改后重新提交', 'correct the data as described and submit again'),
  CF_ENGINE_TIMER_NOT_DUE: entry('internal',
    '计时器 {timerId} 尚未到期（到期时间 {dueAt}）', 'timer {timerId} is not due yet (due {dueAt})',
    '宿主只能在到期时间之后触发计时器', 'the host may fire a timer only at or after its due time'),
  CF_ENGINE_INSTANCE_ENDED: entry('user',
    '办件已结束（{status}），不能再办理', 'the case has ended ({status}); no further action is possible',
    '如需继续，请新建办件', 'start a new case if more work is needed'),
  CF_ENGINE_SNAPSHOT_VERSION_MISMATCH: entry('user',
    '办件属于流程 {snapshotId} 第 {snapshotVersion} 版，不能用 {definitionId} 第 {definitionVersion} 版加载',
    'the case belongs to {snapshotId} version {snapshotVersion} and cannot be loaded with {definitionId} version {definitionVersion}',
    '用原版本继续办理，或用 migrateSnapshot() 按状态对照表迁移到新版本', 'continue with the original version, or move it with migrateSnapshot() and an explicit state mapping'),
  CF_ENGINE_MIGRATION_REFUSED: entry('user',
    '办件 {instanceId} 不能迁移到第 {version} 版：{reason}', 'case {instanceId} cannot move to version {version}: {reason}',
    '在状态对照表中为该步骤指定新版本中的对应步骤，或让办件在原版本中办结', 'map that step to its counterpart in the new version, or let the case finish on its version'),
  CF_ENGINE_SNAPSHOT_MALFORMED: entry('internal',
    '办件快照格式不正确：{detail}', 'the case snapshot is malformed: {detail}',
    '快照必须由 civicflow 引擎生成，不要手工修改', 'snapshots must come from the civicflow engine; do not edit them by hand'),
  CF_ENGINE_DEFINITION_INVALID: entry('user',
    '流程定义有 {count} 处问题，首个：{first}', 'the process definition has {count} problem(s); the first: {first}',
    '运行 validateDefinition() 查看全部问题及修改建议', 'run validateDefinition() to see every problem and its fix'),
  CF_ENGINE_CONFIG_LAW_FIXED: entry('user',
    '参数 {key} 由法律规定（{basis}），不能修改', 'parameter {key} is fixed by law ({basis}) and cannot be changed',
    '删除对 {key} 的设置；省级可以设置更严格的规则，但不能放宽', 'remove the setting of {key}; a province may add stricter rules but never weaker ones'),
  CF_ENGINE_CONFIG_UNKNOWN: entry('user',
    '未知参数 {key}', 'unknown parameter {key}',
    '可用参数：{known}', 'known parameters: {known}'),
  CF_ENGINE_INPUT_INVALID: entry('user',
    '启动数据有误：{summary}', 'the start input is invalid: {summary}',
    '按流程的数据模型提供启动数据', 'provide start data that matches the process data model'),
  CF_ENGINE_ORG_UNIT_INVALID: entry('user',
    '组织单位 {orgUnit} 格式不正确', 'org unit {orgUnit} is malformed',
    '组织单位写作“层级:代码”并用 / 连接，如 county:huaxi/town:qingshi/village:qingshicun', 'write an org unit as level:code segments joined by /, e.g. county:huaxi/town:qingshi/village:qingshicun'),
  CF_ENGINE_ORG_LEVEL_MISSING: entry('user',
    '办件所在单位 {orgUnit} 没有 {level} 层级的上级', 'the case unit {orgUnit} has no ancestor at level {level}',
    '检查办件的组织单位，或修改流程中该步骤的办理层级', 'check the case org unit, or change the level of this step in the definition'),
  CF_ENGINE_EXPRESSION_FAILED: entry('user',
    '步骤 {stepId} 的表达式计算失败：{detail}', 'an expression of step {stepId} failed: {detail}',
    '检查表达式及其引用的字段：{expression}', 'check the expression and the fields it reads: {expression}'),
  CF_ENGINE_NO_ROUTE: entry('user',
    '步骤 {stepId} 没有满足条件的去向', 'step {stepId} has no outgoing route whose condition holds',
    '为该步骤的 next 增加一个不带 when 的默认去向', 'add a default route without `when` to the step\'s next'),
  CF_ENGINE_VOTE_LAW_VIOLATION: entry('user',
    '计票结果违反法律规定：{detail}', 'the count breaks a statutory rule: {detail}',
    '核对计票数据；法定规则不能配置取消', 'check the count; statutory rules cannot be configured away'),
  CF_ENGINE_SUBPROCESS_NOT_FOUND: entry('user',
    '子流程 {key} 不存在或已结束', 'subprocess {key} does not exist or has already completed',
    '检查子流程标识', 'check the subprocess key'),
  CF_ENGINE_COMMAND_INVALID: entry('user',
    '指令格式不正确：{detail}', 'the command is malformed: {detail}',
    '指令类型为 complete、fireTimer、completeSubprocess、cancel、claim、release 或 reassign', 'command types are complete, fireTimer, completeSubprocess, cancel, claim, release and reassign'),
  CF_ENGINE_SCENARIO_INVALID: entry('user',
    '场景文件有 {count} 处问题，首个：{first}', 'the scenario file has {count} problem(s); the first: {first}',
    '按各问题的 JSON 指针修改场景文件（validateScenario() 列出全部问题）', "fix the file at each problem's JSON pointer (validateScenario() lists them all)"),
  CF_ENGINE_SCENARIO_DEFINITION_MISSING: entry('user',
    '场景需要流程 {id} 第 {version} 版，但没有提供', 'the scenario needs process {id} version {version}, which was not given',
    '把该版本的流程定义（及其子流程）传给 runScenario；已提供：{given}', 'pass that version (and its subprocesses) to runScenario; given: {given}'),
  CF_ENGINE_SCENARIO_CALENDAR_UNKNOWN: entry('user',
    '场景使用节假日历 {calendar}，但没有提供', 'the scenario uses the holiday calendar {calendar}, which was not given',
    '在 runScenario 的 calendars 选项中提供它；已知：{known}', 'pass it in the calendars option of runScenario; known: {known}'),
  CF_ENGINE_SCENARIO_STEP_FAILED: entry('user',
    '场景在{where}无法重放：{problem}', 'the scenario does not replay at {where}: {problem}',
    '修改这一步或它之前的步骤：{fix}', 'change this step or one before it: {fix}'),
  CF_ENGINE_SCENARIO_EXPECTATION_FAILED: entry('user',
    '场景在{where}的预期不成立：{field} 应为 {expected}，实际为 {actual}', "the scenario's expectation at {where} does not hold: {field} should be {expected}, but is {actual}",
    '流程是有意修改的，就在模拟器中重新运行并保存场景文件；否则修正造成差异的修改', 'if the process was changed on purpose, run it again in the simulator and save the scenario anew; otherwise fix the change that broke it'),
  CF_ENGINE_STORE_EXISTS: entry('internal',
    '办件 {instanceId} 已存在', 'case {instanceId} already exists',
    '宿主为新办件生成新的编号', 'the host must give a new case a new id'),
  CF_ENGINE_STORE_NOT_FOUND: entry('user',
    '办件 {instanceId} 不存在', 'case {instanceId} does not exist',
    '检查办件编号', 'check the case id'),
  CF_ENGINE_STORE_CONFLICT: entry('user',
    '办件 {instanceId} 已被他人更新（您看到的是第 {expected} 版，现为第 {actual} 版）', 'case {instanceId} was changed by someone else (you saw version {expected}, it is now {actual})',
    '刷新后重新办理', 'reload the case and try again'),
  CF_ENGINE_INTERNAL: entry('internal',
    '引擎内部错误：{detail}', 'internal engine error: {detail}',
    '请向开发者报告此问题并附上办件编号', 'report this to the developers with the case id'),
} as const satisfies Record<string, ErrorCatalogueEntry>;

export type EngineErrorCode = keyof typeof ENGINE_ERRORS;

function isLocalized(v: unknown): v is LocalizedText {
  return typeof v === 'object' && v !== null && typeof (v as LocalizedText)['zh-CN'] === 'string' && typeof (v as LocalizedText).en === 'string';
}

/** Fills `{name}` placeholders; a parameter that is itself LocalizedText gives the text of the locale. */
function fill(template: string, params: Record<string, unknown>, locale: 'zh-CN' | 'en'): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const v = params[name];
    return isLocalized(v) ? v[locale] : String(v);
  });
}

/**
 * The error every engine API throws. `code` is stable; `localized` and `hint` carry zh-CN and en
 * text; `details` carries structured data (for example the form errors with JSON pointers).
 */
export class CivicflowError extends Error {
  readonly code: string;
  readonly kind: 'user' | 'internal';
  readonly localized: LocalizedText;
  readonly hint: LocalizedText;
  readonly params: Record<string, unknown>;
  readonly details: unknown;

  constructor(code: EngineErrorCode, params: Record<string, unknown> = {}, details?: unknown) {
    const e: ErrorCatalogueEntry = ENGINE_ERRORS[code];
    const localized = { 'zh-CN': fill(e.message['zh-CN'], params, 'zh-CN'), en: fill(e.message.en, params, 'en') };
    super(`${code}: ${localized.en}`);
    this.name = 'CivicflowError';
    this.code = code;
    this.kind = e.kind;
    this.localized = localized;
    this.hint = { 'zh-CN': fill(e.hint['zh-CN'], params, 'zh-CN'), en: fill(e.hint.en, params, 'en') };
    this.params = params;
    this.details = details;
  }
}

/** True when `e` is a CivicflowError, optionally with the given code. */
export function isCivicflowError(e: unknown, code?: string): e is CivicflowError {
  return e instanceof CivicflowError && (code === undefined || e.code === code);
}
