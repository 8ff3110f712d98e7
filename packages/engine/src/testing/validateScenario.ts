import { isLocalDate, parseInstant } from '../calendar/index.js';
import type { LocalizedText } from '../i18n.js';
import { isOrgUnitPath } from '../orgUnits/orgUnitPath.js';
import { isIsoDuration } from './advanceTarget.js';
import { SCENARIO_SCHEMA_VERSION } from './scenarioFormat.js';
import type { ScenarioFile, ScenarioProblem } from './scenarioFormat.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const ID = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;
const STEP_KEYS = ['advance', 'complete', 'cancel', 'expect'] as const;
const STATUSES = ['active', 'done', 'cancelled'];

class Problems {
  readonly list: ScenarioProblem[] = [];
  add(pointer: string, message: LocalizedText): void {
    this.list.push({ pointer, message });
  }
  /** Members a closed object does not have: a typo such as `advnace` must not be ignored. */
  members(v: Obj, pointer: string, allowed: readonly string[]): void {
    for (const key of Object.keys(v)) {
      if (!allowed.includes(key)) {
        this.add(`${pointer}/${esc(key)}`, t(`未知属性 ${key}；这里可用：${allowed.join('、')}`, `unknown member ${key}; allowed here: ${allowed.join(', ')}`));
      }
    }
  }
  string(v: Obj, key: string, pointer: string, required: boolean, what: LocalizedText): v is Obj {
    const value = v[key];
    if (value === undefined && !required) return true;
    if (typeof value !== 'string' || value.length === 0) {
      this.add(`${pointer}/${key}`, t(`${key} 必须是非空文字（${what['zh-CN']}）`, `${key} must be a non-empty string (${what.en})`));
      return false;
    }
    return true;
  }
  object(v: Obj, key: string, pointer: string, required: boolean): boolean {
    const value = v[key];
    if (value === undefined && !required) return true;
    if (!isObj(value)) {
      this.add(`${pointer}/${key}`, t(`${key} 必须是 JSON 对象`, `${key} must be a JSON object`));
      return false;
    }
    return true;
  }
  text(v: unknown, pointer: string): void {
    if (v === undefined) return;
    if (!isObj(v) || typeof v['zh-CN'] !== 'string' || typeof v['en'] !== 'string' || Object.keys(v).length !== 2) {
      this.add(pointer, t('文字必须写成 { "zh-CN": "…", "en": "…" }', 'text must be written as { "zh-CN": "…", "en": "…" }'));
    }
  }
}

function isInstant(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    parseInstant(v);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a scenario file's shape and references before anything runs: the format version, the
 * members of every object, instants and durations, org unit paths, and that every `as` names an
 * actor of the file. Returns every problem at once, each with a JSON pointer and a message in
 * zh-CN and en; an empty list means the file can be replayed. Whether the process agrees with it
 * is what `runScenario` finds out.
 *
 * @example validateScenario(JSON.parse(text)) // [{ pointer: '/steps/3/advance', message: { 'zh-CN': …, en: 'advance must be …' } }]
 */
export function validateScenario(doc: unknown): ScenarioProblem[] {
  const p = new Problems();
  if (!isObj(doc)) {
    p.add('', t('场景文件必须是 JSON 对象', 'a scenario file must be a JSON object'));
    return p.list;
  }
  if (doc['schemaVersion'] !== SCENARIO_SCHEMA_VERSION) {
    p.add('/schemaVersion', t(
      `不支持的场景格式版本 ${JSON.stringify(doc['schemaVersion'])}；本引擎读取第 ${SCENARIO_SCHEMA_VERSION} 版`,
      `unsupported scenario format version ${JSON.stringify(doc['schemaVersion'])}; this engine reads version ${SCENARIO_SCHEMA_VERSION}`,
    ));
    return p.list;
  }
  p.members(doc, '', ['schemaVersion', 'title', 'definition', 'calendar', 'actors', 'start', 'steps', 'expect']);
  p.text(doc['title'], '/title');

  const definition = doc['definition'];
  if (!isObj(definition)) {
    p.add('/definition', t('缺少 definition：{ "id": 流程标识, "version": 版本号 }', 'definition is missing: { "id": process id, "version": version number }'));
  } else {
    p.members(definition, '/definition', ['id', 'version']);
    p.string(definition, 'id', '/definition', true, t('流程标识', 'the process id'));
    if (!Number.isInteger(definition['version']) || (definition['version'] as number) < 1) {
      p.add('/definition/version', t('version 必须是正整数', 'version must be a positive integer'));
    }
  }
  if (doc['calendar'] !== undefined) p.string(doc, 'calendar', '', false, t('节假日历的标识，如 cn-2027-unofficial', 'a holiday calendar id, e.g. cn-2027-unofficial'));

  const actors = new Set<string>();
  if (!isObj(doc['actors'])) {
    p.add('/actors', t('缺少 actors：按名称列出办理人 { 名称: { id, roles, orgUnit } }', 'actors is missing: the people who act, by name { name: { id, roles, orgUnit } }'));
  } else {
    for (const [name, actor] of Object.entries(doc['actors'])) {
      const at = `/actors/${esc(name)}`;
      actors.add(name);
      if (!isObj(actor)) {
        p.add(at, t('办理人必须是 { id, roles, orgUnit }', 'an actor must be { id, roles, orgUnit }'));
        continue;
      }
      p.members(actor, at, ['id', 'roles', 'orgUnit', 'personId', 'relatives', 'name']);
      p.string(actor, 'id', at, true, t('办理人标识', "the actor's id"));
      if (!Array.isArray(actor['roles']) || !actor['roles'].every((r) => typeof r === 'string' && r.length > 0)) {
        p.add(`${at}/roles`, t('roles 必须是角色标识的列表', 'roles must be a list of role ids'));
      }
      if (!isOrgUnitPath(actor['orgUnit'])) {
        p.add(`${at}/orgUnit`, t('orgUnit 必须是组织单位路径，如 county:huaxi/town:qingshi', 'orgUnit must be an org unit path, e.g. county:huaxi/town:qingshi'));
      }
      for (const key of ['personId', 'name'] as const) p.string(actor, key, at, false, t('文字', 'text'));
      if (actor['relatives'] !== undefined && (!Array.isArray(actor['relatives']) || !actor['relatives'].every((r) => typeof r === 'string'))) {
        p.add(`${at}/relatives`, t('relatives 必须是人员标识的列表', 'relatives must be a list of person ids'));
      }
    }
  }
  const checkAs = (v: Obj, pointer: string): void => {
    if (!p.string(v, 'as', pointer, true, t('办理人名称，见 actors', 'an actor name from actors'))) return;
    if (isObj(doc['actors']) && !actors.has(v['as'] as string)) {
      p.add(`${pointer}/as`, t(`办理人 ${String(v['as'])} 不在 actors 中；可用：${[...actors].join('、') || '（无）'}`, `actor ${String(v['as'])} is not in actors; known: ${[...actors].join(', ') || '(none)'}`));
    }
  };

  const start = doc['start'];
  if (!isObj(start)) {
    p.add('/start', t('缺少 start：{ "at": 开始时间, "as": 发起人 }', 'start is missing: { "at": start instant, "as": who starts }'));
  } else {
    p.members(start, '/start', ['at', 'as', 'orgUnit', 'input', 'config']);
    if (!isInstant(start['at'])) p.add('/start/at', t('at 必须是带时区的 ISO-8601 时间，如 2027-03-10T09:00:00+08:00', 'at must be an ISO-8601 instant with offset, e.g. 2027-03-10T09:00:00+08:00'));
    checkAs(start, '/start');
    if (start['orgUnit'] !== undefined && !isOrgUnitPath(start['orgUnit'])) p.add('/start/orgUnit', t('orgUnit 必须是组织单位路径', 'orgUnit must be an org unit path'));
    p.object(start, 'input', '/start', false);
    p.object(start, 'config', '/start', false);
  }

  if (!Array.isArray(doc['steps'])) {
    p.add('/steps', t('缺少 steps：步骤列表（可以为空）', 'steps is missing: a list of steps (may be empty)'));
  } else {
    doc['steps'].forEach((item, i) => checkStep(p, item, `/steps/${i}`, checkAs));
  }
  if (doc['expect'] !== undefined) checkExpectation(p, doc['expect'], '/expect');
  return p.list;
}

function checkStep(p: Problems, item: unknown, at: string, checkAs: (v: Obj, pointer: string) => void): void {
  if (!isObj(item)) {
    p.add(at, t('步骤必须是 JSON 对象', 'a step must be a JSON object'));
    return;
  }
  const kinds = STEP_KEYS.filter((k) => k in item);
  if (kinds.length !== 1) {
    p.add(at, t(`每个步骤恰好有 advance、complete、cancel、expect 之一（这里有 ${kinds.length} 个）`, `each step has exactly one of advance, complete, cancel, expect (this one has ${kinds.length})`));
    return;
  }
  const kind = kinds[0]!;
  p.members(item, at, kind === 'complete' || kind === 'cancel' ? [kind, 'refusedWith', 'note'] : [kind, 'note']);
  p.text(item['note'], `${at}/note`);
  if (item['refusedWith'] !== undefined && (typeof item['refusedWith'] !== 'string' || !/^CF_[A-Z0-9_]+$/.test(item['refusedWith']))) {
    p.add(`${at}/refusedWith`, t('refusedWith 必须是错误代码，如 CF_ENGINE_FORM_INVALID', 'refusedWith must be an error code, e.g. CF_ENGINE_FORM_INVALID'));
  }
  if (kind === 'advance') {
    const to = item['advance'];
    if (typeof to !== 'string' || !(isIsoDuration(to) || isLocalDate(to) || isInstant(to))) {
      p.add(`${at}/advance`, t(
        `advance 必须是 ISO-8601 时长（PT2H、P3D、P1M）、日期（2027-04-11）或带时区的时间，而不是 ${JSON.stringify(to)}`,
        `advance must be an ISO-8601 duration (PT2H, P3D, P1M), a date (2027-04-11) or an instant with offset, not ${JSON.stringify(to)}`,
      ));
    }
    return;
  }
  if (kind === 'expect') {
    checkExpectation(p, item['expect'], `${at}/expect`);
    return;
  }
  const body = item[kind];
  const bodyAt = `${at}/${kind}`;
  if (!isObj(body)) {
    p.add(bodyAt, t(`${kind} 必须是 JSON 对象`, `${kind} must be a JSON object`));
    return;
  }
  checkAs(body, bodyAt);
  if (kind === 'cancel') {
    p.members(body, bodyAt, ['as', 'reason']);
    p.string(body, 'reason', bodyAt, true, t('撤销理由', 'why the case is cancelled'));
    return;
  }
  p.members(body, bodyAt, ['step', 'process', 'instance', 'task', 'meta', 'as', 'data']);
  p.string(body, 'step', bodyAt, true, t('任务所在步骤的标识', "the task's step id"));
  for (const key of ['process', 'instance', 'task'] as const) p.string(body, key, bodyAt, false, t('标识', 'an id'));
  p.object(body, 'meta', bodyAt, false);
  if (!('data' in body)) p.add(`${bodyAt}/data`, t('缺少 data：提交的表单数据', 'data is missing: the submitted form data'));
}

function checkExpectation(p: Problems, v: unknown, at: string): void {
  if (!isObj(v)) {
    p.add(at, t('预期必须是 JSON 对象', 'an expectation must be a JSON object'));
    return;
  }
  p.members(v, at, ['now', 'status', 'outcome', 'activeSteps', 'openTasks', 'data', 'effects', 'history']);
  if (v['now'] !== undefined && !isInstant(v['now'])) p.add(`${at}/now`, t('now 必须是带时区的 ISO-8601 时间', 'now must be an ISO-8601 instant with offset'));
  if (v['status'] !== undefined && !STATUSES.includes(v['status'] as string)) {
    p.add(`${at}/status`, t(`status 只能是 ${STATUSES.join('、')}`, `status must be one of ${STATUSES.join(', ')}`));
  }
  if (v['outcome'] !== undefined && v['outcome'] !== null && typeof v['outcome'] !== 'string') {
    p.add(`${at}/outcome`, t('outcome 必须是结果标识或 null', 'outcome must be an outcome id or null'));
  }
  if (v['activeSteps'] !== undefined && (!Array.isArray(v['activeSteps']) || !v['activeSteps'].every((s) => typeof s === 'string' && ID.test(s)))) {
    p.add(`${at}/activeSteps`, t('activeSteps 必须是步骤标识的列表', 'activeSteps must be a list of step ids'));
  }
  if (v['openTasks'] !== undefined) {
    if (!Array.isArray(v['openTasks'])) {
      p.add(`${at}/openTasks`, t('openTasks 必须是列表', 'openTasks must be a list'));
    } else {
      v['openTasks'].forEach((task, i) => {
        const tAt = `${at}/openTasks/${i}`;
        if (!isObj(task)) {
          p.add(tAt, t('待办必须是 { step, role?, orgUnit?, dueAt?, process?, meta? }', 'a task must be { step, role?, orgUnit?, dueAt?, process?, meta? }'));
          return;
        }
        p.members(task, tAt, ['step', 'process', 'role', 'orgUnit', 'dueAt', 'meta']);
        p.string(task, 'step', tAt, true, t('步骤标识', 'a step id'));
        for (const key of ['process', 'role', 'orgUnit'] as const) p.string(task, key, tAt, false, t('标识', 'an id'));
        if (task['dueAt'] !== undefined && task['dueAt'] !== null && !isInstant(task['dueAt'])) p.add(`${tAt}/dueAt`, t('dueAt 必须是时间或 null', 'dueAt must be an instant or null'));
        p.object(task, 'meta', tAt, false);
      });
    }
  }
  p.object(v, 'data', at, false);
  for (const key of ['effects', 'history'] as const) {
    if (v[key] !== undefined && (!Array.isArray(v[key]) || !v[key].every(isObj))) {
      p.add(`${at}/${key}`, t(`${key} 必须是 JSON 对象的列表`, `${key} must be a list of JSON objects`));
    }
  }
}

/** True when `doc` is a scenario file `runScenario` can replay (`validateScenario` finds nothing). */
export function isScenarioFile(doc: unknown): doc is ScenarioFile {
  return validateScenario(doc).length === 0;
}
