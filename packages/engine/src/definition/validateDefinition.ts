import { validateDurationSpec } from '../calendar/index.js';
import { BUILTIN_FUNCTION_NAMES, references, suggestClosest, tryParseExpression } from '../expressions/index.js';
import { ENGINE_FUNCTION_NAMES } from '../compile/engineFunctionNames.js';
import { weakenedRules } from '../compile/kinds/voteRules.js';
import type { LocalizedText } from '../i18n.js';
import type { DefinitionProblem, DefinitionProblemCode } from './problems.js';
import { CURRENT_SCHEMA_VERSION, STEP_KINDS } from './types.js';
import type {
  AssigneeSpec, DeadlineSpec, Next, NotifySpec, ProcessDefinition, StepDefinition, Transition,
} from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const DEF_ID = /^[a-z][a-z0-9-]{1,63}$/;
const STEP_ID = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const CONFIG_TAGS = ['L', 'P', 'Prov', 'Loc', 'Inf'];
const BASE_ROOTS = ['data', 'config', 'case', 'now', 'today', 'actor'];

const COMMON_STEP_MEMBERS = ['kind', 'title', 'description', 'visibleTo'];
const STEP_MEMBERS: Record<string, string[]> = {
  task: ['form', 'assignee', 'saveAs', 'collect', 'set', 'checks', 'conflicts', 'deadline', 'next'],
  jointReview: ['form', 'reviewers', 'assignee', 'decisionField', 'approveValues', 'rejectValues', 'pendingValues', 'pendingDeadline', 'join', 'veto', 'deadline', 'checks', 'conflicts', 'saveAs', 'next'],
  vote: ['mode', 'statute', 'form', 'assignee', 'electorate', 'seats', 'rules', 'resolution', 'supplementaryForm', 'composition', 'checks', 'conflicts', 'deadline', 'saveAs', 'next'],
  notice: ['publish', 'period', 'basis', 'objections', 'saveAs', 'next'],
  escalation: ['rungs', 'startAt', 'saveAs', 'next', 'exhausted'],
  decision: ['next'],
  wait: ['duration', 'until', 'basis', 'next'],
  parallel: ['branches', 'join', 'saveAs', 'next'],
  subprocess: ['definition', 'input', 'forEach', 'orgUnit', 'saveAs', 'next'],
  end: ['outcome'],
};
const DEADLINE_MEMBERS = ['duration', 'at', 'before', 'basis', 'onExpiry'];
const EXPIRY_MEMBERS = ['notify', 'extendOnce', 'goto', 'set'];
const ASSIGNEE_MEMBERS = ['role', 'level', 'orgUnit', 'match', 'person'];
const RUNG_MEMBERS = ['id', 'title', 'level', 'start', 'steps', 'deadline', 'escalateWhen'];
const BRANCH_MEMBERS = ['id', 'title', 'start', 'steps'];
const STATUTES = ['CN_VILLAGE_COMMITTEE_ART15', 'CN_PARTY_BASE_ORG', 'NONE'];
const RATIO = /^\s*\d+\s*\/\s*\d+\s*$/;

interface Region { owner: string | null; kind: 'root' | 'branch' | 'rung'; pointer: string; start: unknown; steps: Obj; /** a branch of a join-any parallel may run until another branch ends */ mayRunOn?: boolean }
interface ExprScope { roots: string[]; formSchema?: Obj | undefined }

class Problems {
  readonly list: DefinitionProblem[] = [];
  add(pointer: string, code: DefinitionProblemCode, message: LocalizedText, hint: LocalizedText, severity: 'error' | 'warning' = 'error'): void {
    this.list.push({ pointer, code, severity, message, hint });
  }
}

/** Reports members a closed object does not have (a typo such as `deadine` would otherwise be lost silently). */
function checkMembers(p: Problems, v: unknown, pointer: string, allowed: readonly string[]): void {
  if (!isObj(v)) return;
  for (const key of Object.keys(v)) {
    if (allowed.includes(key)) continue;
    const d = didYouMean(key, allowed);
    p.add(`${pointer}/${esc(key)}`, 'CF_DEF_UNKNOWN_MEMBER', { 'zh-CN': `未知属性 ${key}${d.zh}`, en: `unknown member ${key}${d.en}` },
      { 'zh-CN': `这里可用：${allowed.join('、')}`, en: `allowed here: ${allowed.join(', ')}` });
  }
}

/** Checks the ids of branches or rungs: present, well formed, unique within their step. */
function checkRegionIds(p: Problems, list: unknown[], pointer: string, what: string): void {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const id = isObj(item) ? item['id'] : undefined;
    if (typeof id !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(id)) {
      p.add(`${pointer}/${i}/id`, 'CF_DEF_ID_FORMAT', { 'zh-CN': `${what}缺少标识或格式不正确`, en: `a ${what === '分支' ? 'branch' : 'rung'} needs an id of letters, digits and underscores` }, { 'zh-CN': '如 "village"', en: 'e.g. "village"' });
    } else if (seen.has(id)) {
      p.add(`${pointer}/${i}/id`, 'CF_DEF_DUPLICATE_STEP_ID', { 'zh-CN': `${what}标识 ${id} 重复`, en: `${what === '分支' ? 'branch' : 'rung'} id ${id} is used twice` }, { 'zh-CN': '改名', en: 'rename one' });
    } else seen.add(id);
  });
}

function didYouMean(name: string, candidates: readonly string[]): { zh: string; en: string } {
  const s = suggestClosest(name, candidates);
  return s ? { zh: `，您是否想写 \`${s}\`？`, en: `; did you mean \`${s}\`?` } : { zh: '', en: '' };
}

function checkText(p: Problems, v: unknown, pointer: string, required = true): void {
  if (v === undefined && !required) return;
  if (!isObj(v) || typeof v['zh-CN'] !== 'string' || typeof v['en'] !== 'string' || !v['zh-CN'] || !v['en']) {
    p.add(pointer, 'CF_DEF_TEXT', { 'zh-CN': `${pointer} 必须有中文（zh-CN）和英文（en）两种文字`, en: `${pointer} must have text in zh-CN and en` },
      { 'zh-CN': '写成 { "zh-CN": "…", "en": "…" }', en: 'write it as { "zh-CN": "…", "en": "…" }' });
  }
}

function formProperties(schema: Obj | undefined): string[] | undefined {
  if (!schema || !isObj(schema['properties'])) return undefined;
  const props = Object.keys(schema['properties'] as Obj);
  // Conditional parts of a form add fields too.
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const parts = schema[key];
    if (Array.isArray(parts)) for (const part of parts) if (isObj(part)) for (const sub of ['then', 'else']) if (isObj(part[sub]) && isObj((part[sub] as Obj)['properties'])) props.push(...Object.keys((part[sub] as Obj)['properties'] as Obj));
  }
  for (const sub of ['then', 'else']) if (isObj(schema[sub]) && isObj((schema[sub] as Obj)['properties'])) props.push(...Object.keys((schema[sub] as Obj)['properties'] as Obj));
  return props;
}

/**
 * Checks a definition and returns every problem at once: the document's shape, then the graph
 * (unknown targets with suggestions, unreachable steps, steps that can never end), roles, forms,
 * expressions (syntax, unknown fields and functions), deadlines, and statutory minimums.
 *
 * @example
 * validateDefinition(def).filter((p) => p.severity === 'error')
 * // [{ pointer: '/steps/review/next', code: 'CF_DEF_UNKNOWN_TARGET', message: { en: 'step `review` goes to `decison`, which does not exist; did you mean `decision`?' … } }]
 */
export function validateDefinition(doc: unknown): DefinitionProblem[] {
  try {
    return collectProblems(doc);
  } catch (error) {
    // A document shaped to break the checks themselves (e.g. an object with a non-callable
    // toString where text belongs) is reported, never thrown: callers answer it as bad input.
    const p = new Problems();
    p.add('', 'CF_DEF_MALFORMED', { 'zh-CN': `流程定义结构异常，无法检查（${(error as Error).message}）`, en: `the definition is malformed and could not be checked (${(error as Error).message})` },
      { 'zh-CN': '检查各处的类型：标识和文字应为字符串，步骤应为对象', en: 'check the types: ids and texts are strings, steps are objects' });
    return p.list;
  }
}

/** A value shown in a message: text as it is, anything else as JSON (never through its own toString). */
function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

function collectProblems(doc: unknown): DefinitionProblem[] {
  const p = new Problems();
  if (!isObj(doc)) {
    p.add('', 'CF_DEF_NOT_OBJECT', { 'zh-CN': '流程定义必须是 JSON 对象', en: 'a definition must be a JSON object' }, { 'zh-CN': '从示例流程复制一份开始', en: 'start from a copy of an example process' });
    return p.list;
  }
  if (doc['schemaVersion'] !== CURRENT_SCHEMA_VERSION) {
    p.add('/schemaVersion', 'CF_DEF_SCHEMA_VERSION',
      { 'zh-CN': `schemaVersion 为 ${JSON.stringify(doc['schemaVersion'])}，本引擎支持 ${CURRENT_SCHEMA_VERSION}`, en: `schemaVersion is ${JSON.stringify(doc['schemaVersion'])}; this engine reads ${CURRENT_SCHEMA_VERSION}` },
      { 'zh-CN': '旧版本先用 migrateDefinition() 升级；新版本需要升级引擎', en: 'upgrade older documents with migrateDefinition(); newer ones need a newer engine' });
    return p.list;
  }
  for (const key of ['id', 'version', 'title', 'roles', 'forms', 'start', 'steps']) {
    if (doc[key] === undefined) {
      p.add(`/${key}`, 'CF_DEF_REQUIRED', { 'zh-CN': `缺少 ${key}`, en: `${key} is missing` }, { 'zh-CN': `添加 ${key}`, en: `add ${key}` });
    }
  }
  const known = new Set(['$schema', 'schemaVersion', 'id', 'version', 'title', 'description', 'roles', 'forms', 'data', 'config', 'startForm', 'start', 'steps']);
  for (const key of Object.keys(doc)) {
    if (!known.has(key)) {
      const d = didYouMean(key, [...known]);
      p.add(`/${esc(key)}`, 'CF_DEF_UNKNOWN_MEMBER', { 'zh-CN': `未知属性 ${key}${d.zh}`, en: `unknown member ${key}${d.en}` }, { 'zh-CN': '删除或改正它', en: 'remove or correct it' });
    }
  }
  if (doc['id'] !== undefined && (typeof doc['id'] !== 'string' || !DEF_ID.test(doc['id']))) {
    p.add('/id', 'CF_DEF_ID_FORMAT', { 'zh-CN': `流程标识 ${JSON.stringify(doc['id'])} 格式不正确`, en: `process id ${JSON.stringify(doc['id'])} is malformed` },
      { 'zh-CN': '用小写字母、数字和连字符，如 village-election', en: 'use lower-case letters, digits and dashes, e.g. village-election' });
  }
  if (doc['version'] !== undefined && !(Number.isInteger(doc['version']) && (doc['version'] as number) >= 1)) {
    p.add('/version', 'CF_DEF_VERSION', { 'zh-CN': '版本号必须是不小于 1 的整数', en: 'version must be an integer ≥ 1' }, { 'zh-CN': '如 "version": 1', en: 'e.g. "version": 1' });
  }
  checkText(p, doc['title'], '/title');
  checkText(p, doc['description'], '/description', false);

  const roles = isObj(doc['roles']) ? doc['roles'] : {};
  for (const [r, v] of Object.entries(roles)) checkText(p, isObj(v) ? v['title'] : undefined, `/roles/${esc(r)}/title`);
  const forms = isObj(doc['forms']) ? doc['forms'] : {};
  for (const [f, v] of Object.entries(forms)) {
    const ptr = `/forms/${esc(f)}`;
    if (!isObj(v)) { p.add(ptr, 'CF_DEF_TYPE', { 'zh-CN': '表单必须是对象', en: 'a form must be an object' }, { 'zh-CN': '写成 { title, schema }', en: 'write { title, schema }' }); continue; }
    checkText(p, v['title'], `${ptr}/title`);
    const schema = v['schema'];
    if (!isObj(schema) || schema['type'] !== 'object' || !isObj(schema['properties'])) {
      p.add(`${ptr}/schema`, 'CF_DEF_FORM_SCHEMA', { 'zh-CN': `表单 ${f} 的 schema 必须是 type 为 object 且有 properties 的 JSON Schema`, en: `form ${f}: schema must be a JSON Schema with type "object" and properties` },
        { 'zh-CN': '如 { "type": "object", "properties": { … } }', en: 'e.g. { "type": "object", "properties": { … } }' });
    }
  }
  const startForm = doc['startForm'];
  if (startForm !== undefined && (typeof startForm !== 'string' || !Object.hasOwn(forms, startForm))) {
    const d = didYouMean(shown(startForm), Object.keys(forms));
    p.add('/startForm', 'CF_DEF_UNKNOWN_START_FORM',
      { 'zh-CN': `发起表单 ${shown(startForm)} 未在 forms 中定义${d.zh}`, en: `the start form ${shown(startForm)} is not defined in forms${d.en}` },
      { 'zh-CN': 'startForm 写 forms 中某个表单的标识（其数据即办件的发起数据），或删除 startForm', en: 'set startForm to the id of a form in forms (its data is the case\'s start input), or remove startForm' });
  }
  const config = isObj(doc['config']) ? doc['config'] : {};
  for (const [k, v] of Object.entries(config)) {
    if (!isObj(v) || !('value' in v) || !CONFIG_TAGS.includes(v['tag'] as string)) {
      p.add(`/config/${esc(k)}`, 'CF_DEF_CONFIG_TAG', { 'zh-CN': `参数 ${k} 需要 value 和来源标签 tag（${CONFIG_TAGS.join('/')}）`, en: `parameter ${k} needs a value and a source tag (${CONFIG_TAGS.join('/')})` },
        { 'zh-CN': '法律规定的参数标为 L，不可修改', en: 'tag statutory parameters L: they cannot be overridden' });
    }
  }
  const dataSchema = isObj(doc['data']) && isObj((doc['data'] as Obj)['schema']) ? (doc['data'] as Obj)['schema'] as Obj : undefined;

  // ---- collect regions and steps
  const regions: Region[] = [];
  const stepRegion = new Map<string, Region>();
  const stepPointer = new Map<string, string>();
  const walk = (region: Region): void => {
    regions.push(region);
    if (!isObj(region.steps)) {
      p.add(`${region.pointer}/steps`, 'CF_DEF_TYPE', { 'zh-CN': 'steps 必须是对象', en: 'steps must be an object' }, { 'zh-CN': '写成 { 步骤标识: 步骤 }', en: 'write { stepId: step }' });
      return;
    }
    for (const [id, s] of Object.entries(region.steps)) {
      const ptr = `${region.pointer}/steps/${esc(id)}`;
      if (!STEP_ID.test(id)) {
        p.add(ptr, 'CF_DEF_ID_FORMAT', { 'zh-CN': `步骤标识 ${id} 格式不正确`, en: `step id ${id} is malformed` }, { 'zh-CN': '以字母开头，只用字母、数字和下划线', en: 'start with a letter; use letters, digits and underscores' });
      }
      if (stepRegion.has(id)) {
        p.add(ptr, 'CF_DEF_DUPLICATE_STEP_ID', { 'zh-CN': `步骤标识 ${id} 重复（也在 ${stepPointer.get(id)}）`, en: `step id ${id} is used twice (also at ${stepPointer.get(id)})` }, { 'zh-CN': '步骤标识在整个流程中必须唯一，请改名', en: 'step ids must be unique across the whole process; rename one' });
        continue;
      }
      stepRegion.set(id, region);
      stepPointer.set(id, ptr);
      if (!isObj(s)) continue;
      if (s['kind'] === 'parallel' && Array.isArray(s['branches'])) {
        const branches = s['branches'] as Obj[];
        const anyJoin = s['join'] === 'any';
        branches.forEach((b, i) => walk({ owner: id, kind: 'branch', pointer: `${ptr}/branches/${i}`, start: b?.['start'], steps: b?.['steps'] as Obj, mayRunOn: anyJoin }));
        const endsIn = (b: Obj): boolean => isObj(b?.['steps']) && Object.values(b['steps'] as Obj).some((x) => isObj(x) && x['kind'] === 'end');
        if (anyJoin && branches.length > 0 && !branches.some(endsIn)) {
          p.add(`${ptr}/branches`, 'CF_DEF_REGION_NO_END', { 'zh-CN': '任一分支结束即汇合，但没有任何分支能结束', en: 'join any needs at least one branch that can end; none has an end step' }, { 'zh-CN': '给至少一个分支加结束步骤', en: 'give at least one branch an end step' });
        }
      }
      if (s['kind'] === 'escalation' && Array.isArray(s['rungs'])) {
        (s['rungs'] as Obj[]).forEach((r, i) => walk({ owner: id, kind: 'rung', pointer: `${ptr}/rungs/${i}`, start: r?.['start'], steps: r?.['steps'] as Obj }));
      }
    }
  };
  walk({ owner: null, kind: 'root', pointer: '', start: doc['start'], steps: (doc['steps'] ?? {}) as Obj });

  const roleNames = Object.keys(roles);
  const formNames = Object.keys(forms);
  const configNames = Object.keys(config);
  const dataNames = new Set<string>([...(dataSchema && isObj(dataSchema['properties']) ? Object.keys(dataSchema['properties'] as Obj) : []), ...stepRegion.keys()]);
  for (const region of regions) {
    if (!isObj(region.steps)) continue;
    for (const [id, s] of Object.entries(region.steps)) {
      if (!isObj(s)) continue;
      if (typeof s['saveAs'] === 'string') dataNames.add((s['saveAs'] as string).split('.')[0]!);
      if (s['kind'] === 'notice') dataNames.add(`${(s['saveAs'] as string | undefined) ?? id}_publication`);
      const collectSets = (o: unknown): void => {
        if (Array.isArray(o)) o.forEach(collectSets);
        else if (isObj(o)) for (const [k, v] of Object.entries(o)) { if (k === 'set' && isObj(v)) for (const path of Object.keys(v)) dataNames.add(path.split('.')[0]!); else collectSets(v); }
      };
      collectSets(s);
    }
  }

  const checkExpr = (pointer: string, source: unknown, scope: ExprScope): void => {
    if (typeof source !== 'string') {
      p.add(pointer, 'CF_DEF_TYPE', { 'zh-CN': '表达式必须是字符串', en: 'an expression must be a string' }, { 'zh-CN': '如 "form.voters * 2 > data.registered"', en: 'e.g. "form.voters * 2 > data.registered"' });
      return;
    }
    const parsed = tryParseExpression(source);
    if (!parsed.ok) {
      p.add(pointer, 'CF_DEF_EXPRESSION_SYNTAX', { 'zh-CN': `表达式 \`${source}\`：${parsed.error.message['zh-CN']}`, en: `expression \`${source}\`: ${parsed.error.message.en}` },
        parsed.error.hint ?? { 'zh-CN': '检查括号、引号和运算符', en: 'check brackets, quotes and operators' });
      return;
    }
    const refs = references(parsed.value);
    for (const root of refs.roots) {
      if (!scope.roots.includes(root)) {
        const d = didYouMean(root, scope.roots);
        p.add(pointer, 'CF_DEF_EXPRESSION_UNKNOWN_NAME', { 'zh-CN': `表达式 \`${source}\` 用了未知名称 ${root}${d.zh}`, en: `expression \`${source}\` uses the unknown name ${root}${d.en}` },
          { 'zh-CN': `这里可用：${scope.roots.join('、')}`, en: `available here: ${scope.roots.join(', ')}` });
      }
    }
    const fns = [...BUILTIN_FUNCTION_NAMES, ...ENGINE_FUNCTION_NAMES];
    for (const fn of refs.functions) {
      if (!fns.includes(fn)) {
        const d = didYouMean(fn, fns);
        p.add(pointer, 'CF_DEF_EXPRESSION_UNKNOWN_FUNCTION', { 'zh-CN': `表达式 \`${source}\` 调用了未知函数 ${fn}${d.zh}`, en: `expression \`${source}\` calls the unknown function ${fn}${d.en}` },
          { 'zh-CN': '可用函数见引擎文档', en: 'see the engine README for the functions' });
      }
    }
    for (const path of refs.paths) {
      const [root, field] = path;
      if (field === undefined) continue;
      let candidates: string[] | undefined;
      if (root === 'form') candidates = formProperties(scope.formSchema);
      else if (root === 'data' && dataSchema) candidates = [...dataNames];
      else if (root === 'config') candidates = configNames;
      if (candidates && !candidates.includes(field)) {
        const d = didYouMean(field, candidates);
        p.add(pointer, 'CF_DEF_EXPRESSION_UNKNOWN_FIELD', { 'zh-CN': `表达式 \`${source}\` 引用了 ${root} 中不存在的字段 ${field}${d.zh}`, en: `expression \`${source}\` reads ${root}.${field}, which does not exist${d.en}` },
          { 'zh-CN': `在${root === 'form' ? '表单' : root === 'data' ? '数据模型' : '参数'}中定义 ${field}，或改正字段名`, en: `define ${field} in the ${root === 'form' ? 'form' : root === 'data' ? 'data model' : 'config'}, or correct the name` });
      }
    }
  };

  const checkRole = (pointer: string, role: unknown): void => {
    if (typeof role !== 'string' || !roleNames.includes(role)) {
      const d = didYouMean(shown(role), roleNames);
      p.add(pointer, 'CF_DEF_UNKNOWN_ROLE', { 'zh-CN': `角色 ${shown(role)} 未在 roles 中定义${d.zh}`, en: `role ${shown(role)} is not defined in roles${d.en}` }, { 'zh-CN': '在 roles 中定义它，或改正角色名', en: 'define it in roles, or correct the name' });
    }
  };
  const checkForm = (pointer: string, form: unknown): Obj | undefined => {
    if (typeof form !== 'string' || !formNames.includes(form)) {
      const d = didYouMean(shown(form), formNames);
      p.add(pointer, 'CF_DEF_UNKNOWN_FORM', { 'zh-CN': `表单 ${shown(form)} 未在 forms 中定义${d.zh}`, en: `form ${shown(form)} is not defined in forms${d.en}` }, { 'zh-CN': '在 forms 中定义它，或改正表单名', en: 'define it in forms, or correct the name' });
      return undefined;
    }
    const f = forms[form];
    return isObj(f) && isObj(f['schema']) ? f['schema'] as Obj : undefined;
  };
  const checkAssignee = (pointer: string, a: unknown, roots: string[]): void => {
    if (!isObj(a)) { p.add(pointer, 'CF_DEF_REQUIRED', { 'zh-CN': '缺少办理人设置', en: 'the assignee is missing' }, { 'zh-CN': '写成 { "role": "…", "level": "village" }', en: 'write { "role": "…", "level": "village" }' }); return; }
    checkMembers(p, a, pointer, ASSIGNEE_MEMBERS);
    if (a['match'] !== undefined && a['match'] !== 'exact' && a['match'] !== 'subtree') p.add(`${pointer}/match`, 'CF_DEF_TYPE', { 'zh-CN': 'match 只能是 exact 或 subtree', en: 'match must be exact or subtree' }, { 'zh-CN': 'exact：本单位；subtree：本单位及下级', en: 'exact: that unit; subtree: it and the units below' });
    checkRole(`${pointer}/role`, (a as unknown as AssigneeSpec).role);
    if (a['orgUnit'] !== undefined) checkExpr(`${pointer}/orgUnit`, a['orgUnit'], { roots });
    if (a['person'] !== undefined) checkExpr(`${pointer}/person`, a['person'], { roots });
  };
  const checkNotify = (pointer: string, list: unknown, roots: string[]): void => {
    if (list === undefined) return;
    if (!Array.isArray(list)) { p.add(pointer, 'CF_DEF_TYPE', { 'zh-CN': 'notify 必须是列表', en: 'notify must be a list' }, { 'zh-CN': '写成 [{ role, message }]', en: 'write [{ role, message }]' }); return; }
    (list as NotifySpec[]).forEach((n, i) => {
      checkRole(`${pointer}/${i}/role`, n?.role);
      checkText(p, n?.message, `${pointer}/${i}/message`);
      if (n?.orgUnit !== undefined) checkExpr(`${pointer}/${i}/orgUnit`, n.orgUnit, { roots });
      if (n?.person !== undefined) checkExpr(`${pointer}/${i}/person`, n.person, { roots });
    });
  };
  const checkSet = (pointer: string, set: unknown, scope: ExprScope): void => {
    if (set === undefined) return;
    if (!isObj(set)) { p.add(pointer, 'CF_DEF_TYPE', { 'zh-CN': 'set 必须是对象', en: 'set must be an object' }, { 'zh-CN': '写成 { 数据路径: 表达式 }', en: 'write { dataPath: expression }' }); return; }
    for (const [k, v] of Object.entries(set)) checkExpr(`${pointer}/${esc(k)}`, v, scope);
  };

  // ---- per-region graph
  for (const region of regions) {
    if (!isObj(region.steps)) continue;
    const ids = Object.keys(region.steps);
    const edges = new Map<string, string[]>();
    const ends = new Set<string>();
    const target = (from: string, to: unknown, pointer: string, allowEscalate = false): void => {
      if (allowEscalate && to === '$escalate') return;
      if (typeof to !== 'string') { p.add(pointer, 'CF_DEF_TYPE', { 'zh-CN': '去向必须是步骤标识', en: 'a route target must be a step id' }, { 'zh-CN': '写步骤标识', en: 'write a step id' }); return; }
      if (!stepRegion.has(to)) {
        const d = didYouMean(to, ids);
        p.add(pointer, 'CF_DEF_UNKNOWN_TARGET', { 'zh-CN': `步骤 \`${from}\` 去往 \`${to}\`，但该步骤不存在${d.zh}`, en: `step \`${from}\` goes to \`${to}\`, which does not exist${d.en}` },
          { 'zh-CN': '改正去向，或添加该步骤', en: 'correct the target, or add that step' });
        return;
      }
      if (stepRegion.get(to) !== region) {
        p.add(pointer, 'CF_DEF_TARGET_OUTSIDE_REGION', { 'zh-CN': `步骤 \`${from}\` 去往另一区域中的 \`${to}\``, en: `step \`${from}\` goes to \`${to}\` in another region` },
          { 'zh-CN': '分支或层级内的步骤只能去往同一分支或层级中的步骤；用结束步骤离开', en: 'steps in a branch or rung may only go to steps of the same branch or rung; leave it through an end step' });
        return;
      }
      edges.get(from)!.push(to);
    };
    const checkNext = (from: string, next: unknown, pointer: string, scope: ExprScope): void => {
      if (typeof next === 'string') { target(from, next, pointer); return; }
      if (!Array.isArray(next) || next.length === 0) {
        p.add(pointer, 'CF_DEF_REQUIRED', { 'zh-CN': `步骤 \`${from}\` 缺少去向`, en: `step \`${from}\` has no route` }, { 'zh-CN': '写步骤标识，或 [{ "when": …, "to": … }, { "to": … }]', en: 'write a step id, or [{ "when": …, "to": … }, { "to": … }]' });
        return;
      }
      (next as Transition[]).forEach((t, i) => {
        target(from, t?.to, `${pointer}/${i}/to`);
        if (t?.when !== undefined) checkExpr(`${pointer}/${i}/when`, t.when, scope);
        checkSet(`${pointer}/${i}/set`, t?.set, scope);
        checkNotify(`${pointer}/${i}/notify`, t?.notify, scope.roots);
      });
      const last = (next as Transition[])[next.length - 1];
      if (last?.when !== undefined) {
        p.add(pointer, 'CF_DEF_NO_DEFAULT_ROUTE', { 'zh-CN': `步骤 \`${from}\` 的去向都有条件，条件都不成立时流程会停住`, en: `every route of step \`${from}\` has a condition; the process stops when none holds` },
          { 'zh-CN': '最后加一个不带 when 的默认去向', en: 'add a last route without `when`' }, 'warning');
      }
    };
    const checkDeadline = (from: string, d: unknown, pointer: string, roots: string[], inRung: boolean): void => {
      if (d === undefined) return;
      if (!isObj(d)) { p.add(pointer, 'CF_DEF_DEADLINE', { 'zh-CN': '期限必须是对象', en: 'a deadline must be an object' }, { 'zh-CN': '写成 { duration, basis }', en: 'write { duration, basis }' }); return; }
      const dl = d as unknown as DeadlineSpec;
      checkMembers(p, d, pointer, DEADLINE_MEMBERS);
      checkMembers(p, d['onExpiry'], `${pointer}/onExpiry`, EXPIRY_MEMBERS);
      const kinds = ['duration', 'at', 'before'].filter((k) => d[k] !== undefined);
      if (kinds.length !== 1) {
        p.add(pointer, 'CF_DEF_DEADLINE', { 'zh-CN': `期限必须且只能有 duration、at、before 之一（现有 ${kinds.join('、') || '无'}）`, en: `a deadline needs exactly one of duration, at, before (has ${kinds.join(', ') || 'none'})` },
          { 'zh-CN': '如 { "duration": { "days": 5 }, "basis": … }', en: 'e.g. { "duration": { "days": 5 }, "basis": … }' });
      }
      if (dl.duration !== undefined) for (const msg of validateDurationSpec(dl.duration)) p.add(`${pointer}/duration`, 'CF_DEF_DEADLINE', { 'zh-CN': `期限时长不正确：${msg}`, en: `malformed duration: ${msg}` }, { 'zh-CN': '用 hours、days、workingDays 或 months 之一', en: 'use one of hours, days, workingDays or months' });
      if (dl.at !== undefined) checkExpr(`${pointer}/at`, dl.at, { roots });
      if (dl.before !== undefined) {
        if (!isObj(dl.before) || !Number.isInteger(dl.before.days) || dl.before.days < 0) p.add(`${pointer}/before`, 'CF_DEF_DEADLINE', { 'zh-CN': 'before 需要 date 表达式和非负整数 days', en: 'before needs a date expression and a non-negative integer days' }, { 'zh-CN': '如 { "date": "data.electionDate", "days": 20 }', en: 'e.g. { "date": "data.electionDate", "days": 20 }' });
        else checkExpr(`${pointer}/before/date`, dl.before.date, { roots });
      }
      if (!isObj(dl.basis)) {
        p.add(`${pointer}/basis`, 'CF_DEF_DEADLINE_BASIS', { 'zh-CN': '每个期限都要写明依据（法条或参数）', en: 'every deadline must state its basis (statute article or config key)' }, { 'zh-CN': '如 { "zh-CN": "村民委员会组织法第十四条", "en": "VCOL Art 14" }', en: 'e.g. { "zh-CN": "村民委员会组织法第十四条", "en": "VCOL Art 14" }' });
      } else checkText(p, dl.basis, `${pointer}/basis`);
      const ex = dl.onExpiry;
      if (ex !== undefined) {
        if (ex.goto !== undefined) {
          if (ex.goto === '$escalate' && !inRung) p.add(`${pointer}/onExpiry/goto`, 'CF_DEF_ESCALATE_OUTSIDE_RUNG', { 'zh-CN': '$escalate 只能用于调处层级（rung）的期限', en: '$escalate is only allowed on a ladder rung deadline' }, { 'zh-CN': '改为步骤标识', en: 'use a step id' });
          else target(from, ex.goto, `${pointer}/onExpiry/goto`, inRung);
        }
        checkNotify(`${pointer}/onExpiry/notify`, ex.notify, roots);
        checkSet(`${pointer}/onExpiry/set`, ex.set, { roots });
        if (ex.extendOnce !== undefined) for (const msg of validateDurationSpec(ex.extendOnce)) p.add(`${pointer}/onExpiry/extendOnce`, 'CF_DEF_DEADLINE', { 'zh-CN': `延期时长不正确：${msg}`, en: `malformed extension: ${msg}` }, { 'zh-CN': '如 { "workingDays": 5 }', en: 'e.g. { "workingDays": 5 }' });
      }
    };

    for (const id of ids) edges.set(id, []);
    if (typeof region.start !== 'string' || !ids.includes(region.start)) {
      const d = didYouMean(shown(region.start), ids);
      p.add(`${region.pointer}/start`, 'CF_DEF_UNKNOWN_START', { 'zh-CN': `起始步骤 ${shown(region.start)} 不存在${d.zh}`, en: `the start step ${shown(region.start)} does not exist${d.en}` }, { 'zh-CN': '写本区域中一个步骤的标识', en: 'name a step of this region' });
    }
    for (const [id, raw] of Object.entries(region.steps)) {
      const ptr = `${region.pointer}/steps/${esc(id)}`;
      if (!isObj(raw)) { p.add(ptr, 'CF_DEF_TYPE', { 'zh-CN': '步骤必须是对象', en: 'a step must be an object' }, { 'zh-CN': '写成 { "kind": … }', en: 'write { "kind": … }' }); continue; }
      const s = raw as unknown as StepDefinition;
      if (!STEP_KINDS.includes(s.kind)) {
        const d = didYouMean(shown(raw['kind']), STEP_KINDS);
        p.add(`${ptr}/kind`, 'CF_DEF_UNKNOWN_KIND', { 'zh-CN': `未知步骤类型 ${shown(raw['kind'])}${d.zh}`, en: `unknown step kind ${shown(raw['kind'])}${d.en}` }, { 'zh-CN': `可用类型：${STEP_KINDS.join('、')}`, en: `kinds: ${STEP_KINDS.join(', ')}` });
        continue;
      }
      const inRung = region.kind === 'rung';
      checkMembers(p, raw, ptr, [...COMMON_STEP_MEMBERS, ...(STEP_MEMBERS[s.kind] ?? [])]);
      checkText(p, raw['title'], `${ptr}/title`, s.kind === 'decision' || s.kind === 'wait' || s.kind === 'parallel' || s.kind === 'subprocess' ? false : true);
      if (raw['visibleTo'] !== undefined) {
        const visibleTo = raw['visibleTo'];
        if (!Array.isArray(visibleTo) || visibleTo.length === 0) {
          p.add(`${ptr}/visibleTo`, 'CF_DEF_EMPTY', { 'zh-CN': 'visibleTo 必须是非空的角色列表', en: 'visibleTo must be a non-empty list of roles' },
            { 'zh-CN': '列出可以查看本步骤所提交内容的角色，如 ["COUNTY_ORG"]；不限制时删去 visibleTo', en: 'list the roles that may see what this step records, e.g. ["COUNTY_ORG"]; remove visibleTo for no restriction' });
        } else visibleTo.forEach((role, i) => checkRole(`${ptr}/visibleTo/${i}`, role));
      }
      const base = [...BASE_ROOTS];
      switch (s.kind) {
        case 'task': {
          const fs = checkForm(`${ptr}/form`, s.form);
          const sc: ExprScope = { roots: [...base, 'form'], formSchema: fs };
          checkAssignee(`${ptr}/assignee`, s.assignee, base);
          checkNext(id, s.next, `${ptr}/next`, sc);
          checkSet(`${ptr}/set`, s.set, sc);
          (s.checks ?? []).forEach((c, i) => { checkExpr(`${ptr}/checks/${i}/assert`, c.assert, { roots: [...sc.roots, 'task'], formSchema: fs }); checkText(p, c.message, `${ptr}/checks/${i}/message`); });
          (s.conflicts ?? []).forEach((c, i) => { checkExpr(`${ptr}/conflicts/${i}/persons`, c.persons, { roots: [...sc.roots, 'task'], formSchema: fs }); checkText(p, c.reason, `${ptr}/conflicts/${i}/reason`); });
          checkDeadline(id, s.deadline, `${ptr}/deadline`, base, false);
          break;
        }
        case 'jointReview': {
          const fs = checkForm(`${ptr}/form`, s.form);
          const props = formProperties(fs);
          if (props && !props.includes(s.decisionField)) {
            const d = didYouMean(shown(s.decisionField), props);
            p.add(`${ptr}/decisionField`, 'CF_DEF_DECISION_FIELD', { 'zh-CN': `结论字段 ${shown(s.decisionField)} 不在表单 ${s.form} 中${d.zh}`, en: `decision field ${shown(s.decisionField)} is not in form ${s.form}${d.en}` }, { 'zh-CN': '写表单中保存结论的字段', en: 'name the form field that holds the conclusion' });
          }
          if (!Array.isArray(s.approveValues) || s.approveValues.length === 0 || !Array.isArray(s.rejectValues) || s.rejectValues.length === 0) {
            p.add(ptr, 'CF_DEF_JOIN', { 'zh-CN': 'approveValues 和 rejectValues 都不能为空', en: 'approveValues and rejectValues must not be empty' }, { 'zh-CN': '如 ["PASS"] 和 ["FLAG"]', en: 'e.g. ["PASS"] and ["FLAG"]' });
          }
          const j = s.join as unknown;
          const rule = isObj(j) ? j['rule'] : undefined;
          if (!['all', 'any', 'quorum'].includes(rule as string)) {
            p.add(`${ptr}/join`, 'CF_DEF_JOIN', { 'zh-CN': '会签规则 join.rule 必须是 all、any 或 quorum', en: 'join.rule must be all, any or quorum' }, { 'zh-CN': '如 { "rule": "quorum", "count": 3 }', en: 'e.g. { "rule": "quorum", "count": 3 }' });
          } else if (rule === 'quorum') {
            const count = s.join.count;
            const ratio = s.join.ratio;
            const okCount = Number.isInteger(count) && (count as number) >= 1 && (!Array.isArray(s.reviewers) || (count as number) <= s.reviewers.length);
            const okRatio = typeof ratio === 'string' && /^\d+\/\d+$/.test(ratio) && Number(ratio.split('/')[0]) <= Number(ratio.split('/')[1]) && Number(ratio.split('/')[1]) > 0;
            if ((count === undefined) === (ratio === undefined) || (count !== undefined && !okCount) || (ratio !== undefined && !okRatio)) {
              p.add(`${ptr}/join`, 'CF_DEF_JOIN', { 'zh-CN': 'quorum 需要且只能有 count（不超过审查单位数）或 ratio（如 "2/3"）之一', en: 'quorum needs exactly one of count (at most the number of reviewers) or ratio (e.g. "2/3")' }, { 'zh-CN': '如 { "rule": "quorum", "ratio": "2/3" }', en: 'e.g. { "rule": "quorum", "ratio": "2/3" }' });
            }
          }
          if (typeof s.reviewers === 'string') checkExpr(`${ptr}/reviewers`, s.reviewers, { roots: base });
          else if (!Array.isArray(s.reviewers) || s.reviewers.length === 0) p.add(`${ptr}/reviewers`, 'CF_DEF_EMPTY', { 'zh-CN': '审查单位名单不能为空', en: 'the reviewer list must not be empty' }, { 'zh-CN': '列出审查单位，或写返回名单的表达式', en: 'list the reviewers, or give an expression that returns them' });
          else s.reviewers.forEach((r, i) => checkText(p, r?.title, `${ptr}/reviewers/${i}/title`));
          checkAssignee(`${ptr}/assignee`, s.assignee, [...base, 'reviewer']);
          if (!isObj(s.next)) p.add(`${ptr}/next`, 'CF_DEF_REQUIRED', { 'zh-CN': '联审需要 next.approved 和 next.rejected', en: 'a joint review needs next.approved and next.rejected' }, { 'zh-CN': '写成 { "approved": …, "rejected": … }', en: 'write { "approved": …, "rejected": … }' });
          else {
            checkNext(id, s.next.approved, `${ptr}/next/approved`, { roots: base });
            checkNext(id, s.next.rejected, `${ptr}/next/rejected`, { roots: base });
            if (s.next.overdue !== undefined) checkNext(id, s.next.overdue, `${ptr}/next/overdue`, { roots: base });
          }
          (s.checks ?? []).forEach((c, i) => { checkExpr(`${ptr}/checks/${i}/assert`, c.assert, { roots: [...base, 'form', 'task'], formSchema: fs }); checkText(p, c.message, `${ptr}/checks/${i}/message`); });
          (s.conflicts ?? []).forEach((c, i) => { checkExpr(`${ptr}/conflicts/${i}/persons`, c.persons, { roots: [...base, 'form', 'task'], formSchema: fs }); checkText(p, c.reason, `${ptr}/conflicts/${i}/reason`); });
          checkDeadline(id, s.deadline, `${ptr}/deadline`, [...base, 'reviewer'], false);
          checkDeadline(id, s.pendingDeadline, `${ptr}/pendingDeadline`, [...base, 'reviewer'], false);
          break;
        }
        case 'vote': {
          const fs = checkForm(`${ptr}/form`, s.form);
          if (s.supplementaryForm !== undefined) checkForm(`${ptr}/supplementaryForm`, s.supplementaryForm);
          checkAssignee(`${ptr}/assignee`, s.assignee, base);
          if (s.mode !== 'election' && s.mode !== 'resolution') p.add(`${ptr}/mode`, 'CF_DEF_TYPE', { 'zh-CN': 'mode 必须是 election 或 resolution', en: 'mode must be election or resolution' }, { 'zh-CN': '选举用 election，表决用 resolution', en: 'election for electing people, resolution for motions' });
          if (s.mode === 'election' && s.seats === undefined) p.add(`${ptr}/seats`, 'CF_DEF_REQUIRED', { 'zh-CN': '选举需要各职务的职数 seats', en: 'an election needs seats per post' }, { 'zh-CN': '如 { "主任": 1, "委员": 3 }', en: 'e.g. { "主任": 1, "委员": 3 }' });
          if (typeof s.seats === 'string') checkExpr(`${ptr}/seats`, s.seats, { roots: base });
          if (s.mode === 'resolution' && !isObj(s.resolution)) p.add(`${ptr}/resolution`, 'CF_DEF_REQUIRED', { 'zh-CN': '表决需要 resolution 规则', en: 'a resolution vote needs resolution rules' }, { 'zh-CN': '写明维度、法定人数和通过规则', en: 'state the dimensions, quorum and pass rules' });
          if (s.electorate !== undefined) checkExpr(`${ptr}/electorate`, s.electorate, { roots: base });
          let rulesOk = true;
          if (s.statute !== undefined && !STATUTES.includes(s.statute)) {
            rulesOk = false;
            const d = didYouMean(shown(s.statute), STATUTES);
            p.add(`${ptr}/statute`, 'CF_DEF_TYPE', { 'zh-CN': `未知的法定规则 ${shown(s.statute)}${d.zh}`, en: `unknown statute ${shown(s.statute)}${d.en}` }, { 'zh-CN': `可用：${STATUTES.join('、')}`, en: `known: ${STATUTES.join(', ')}` });
          }
          if (s.rules !== undefined) {
            if (!isObj(s.rules)) { rulesOk = false; p.add(`${ptr}/rules`, 'CF_DEF_TYPE', { 'zh-CN': 'rules 必须是对象', en: 'rules must be an object' }, { 'zh-CN': '如 { "quorum": { "ratio": "2/3", "strict": true } }', en: 'e.g. { "quorum": { "ratio": "2/3", "strict": true } }' }); }
            else for (const key of ['quorum', 'win', 'supplementaryMinShare'] as const) {
              const th = s.rules[key] as unknown;
              if (th === undefined) continue;
              const ratio = isObj(th) ? th['ratio'] : undefined;
              const ok = isObj(th) && typeof th['strict'] === 'boolean' && typeof ratio === 'string' && RATIO.test(ratio)
                && Number(ratio.split('/')[1]) > 0 && Number(ratio.split('/')[0]) <= Number(ratio.split('/')[1]);
              if (!ok) {
                rulesOk = false;
                p.add(`${ptr}/rules/${key}`, 'CF_DEF_TYPE', { 'zh-CN': `${key} 须写成 { ratio: "分子/分母"（不大于 1）, strict: 是否“超过” }`, en: `${key} must be { ratio: "num/den" (at most 1), strict: boolean (true = more than) }` }, { 'zh-CN': '如 { "ratio": "1/2", "strict": true }（过半数）', en: 'e.g. { "ratio": "1/2", "strict": true } (more than half)' });
              }
            }
          }
          for (const w of rulesOk ? weakenedRules(s) : []) {
            p.add(`${ptr}/rules/${w.key}`, 'CF_DEF_LAW_WEAKENED', { 'zh-CN': `${w.key} 为 ${JSON.stringify(w.given)}，低于 ${s.statute} 的法定标准 ${JSON.stringify(w.minimum)}`, en: `${w.key} is ${JSON.stringify(w.given)}, weaker than the statutory ${JSON.stringify(w.minimum)} of ${s.statute}` },
              { 'zh-CN': '法定规则不能放宽；删除此设置或改得更严', en: 'statutory rules cannot be weakened; remove the setting or make it stricter' });
          }
          if (s.composition?.sexOf) checkExpr(`${ptr}/composition/sexOf`, s.composition.sexOf, { roots: [...base, 'candidate'] });
          if (s.composition?.ethnicityOf) checkExpr(`${ptr}/composition/ethnicityOf`, s.composition.ethnicityOf, { roots: [...base, 'candidate'] });
          if (!isObj(s.next)) p.add(`${ptr}/next`, 'CF_DEF_REQUIRED', { 'zh-CN': '投票需要 next.result 和 next.invalid', en: 'a vote needs next.result and next.invalid' }, { 'zh-CN': '无效选举必须去重新选举，而不是产生结果', en: 'an invalid ballot must lead to a re-run, not to a result' });
          else { checkNext(id, s.next.result, `${ptr}/next/result`, { roots: base }); checkNext(id, s.next.invalid, `${ptr}/next/invalid`, { roots: base }); }
          (s.checks ?? []).forEach((c, i) => { checkExpr(`${ptr}/checks/${i}/assert`, c.assert, { roots: [...base, 'form', 'task'], formSchema: fs }); checkText(p, c.message, `${ptr}/checks/${i}/message`); });
          (s.conflicts ?? []).forEach((c, i) => { checkExpr(`${ptr}/conflicts/${i}/persons`, c.persons, { roots: [...base, 'form', 'task'], formSchema: fs }); checkText(p, c.reason, `${ptr}/conflicts/${i}/reason`); });
          checkDeadline(id, s.deadline, `${ptr}/deadline`, base, false);
          break;
        }
        case 'notice': {
          if (s.publish) {
            const fs = checkForm(`${ptr}/publish/form`, s.publish.form);
            checkAssignee(`${ptr}/publish/assignee`, s.publish.assignee, base);
            if (s.publish.publishedOn !== undefined) checkExpr(`${ptr}/publish/publishedOn`, s.publish.publishedOn, { roots: [...base, 'form'], formSchema: fs });
            (s.publish.checks ?? []).forEach((c, i) => { checkExpr(`${ptr}/publish/checks/${i}/assert`, c.assert, { roots: [...base, 'form', 'task'], formSchema: fs }); checkText(p, c.message, `${ptr}/publish/checks/${i}/message`); });
          }
          for (const msg of validateDurationSpec(s.period)) p.add(`${ptr}/period`, 'CF_DEF_DEADLINE', { 'zh-CN': `公示期不正确：${msg}`, en: `malformed notice period: ${msg}` }, { 'zh-CN': '如 { "days": 5 }', en: 'e.g. { "days": 5 }' });
          if (!isObj(s.basis)) p.add(`${ptr}/basis`, 'CF_DEF_DEADLINE_BASIS', { 'zh-CN': '公示期要写明依据', en: 'a notice period must state its basis' }, { 'zh-CN': '写明法条或参数', en: 'state the article or config key' });
          else checkText(p, s.basis, `${ptr}/basis`);
          if (s.objections) {
            checkForm(`${ptr}/objections/form`, s.objections.form);
            const hs = checkForm(`${ptr}/objections/handleForm`, s.objections.handleForm);
            checkAssignee(`${ptr}/objections/filedBy`, s.objections.filedBy, base);
            checkAssignee(`${ptr}/objections/handler`, s.objections.handler, base);
            checkExpr(`${ptr}/objections/upheldWhen`, s.objections.upheldWhen, { roots: [...base, 'form'], formSchema: hs });
            checkDeadline(id, s.objections.decideWithin, `${ptr}/objections/decideWithin`, base, false);
          }
          checkNext(id, s.next, `${ptr}/next`, { roots: base });
          break;
        }
        case 'escalation': {
          if (!Array.isArray(s.rungs) || s.rungs.length === 0) p.add(`${ptr}/rungs`, 'CF_DEF_EMPTY', { 'zh-CN': '调处层级不能为空', en: 'a ladder needs at least one rung' }, { 'zh-CN': '如 村 → 镇 → 县', en: 'e.g. village → town → county' });
          else checkRegionIds(p, s.rungs, `${ptr}/rungs`, '层级');
          if (Array.isArray(s.rungs)) s.rungs.forEach((r, i) => { checkMembers(p, r, `${ptr}/rungs/${i}`, RUNG_MEMBERS); checkText(p, r?.title, `${ptr}/rungs/${i}/title`); if (r?.escalateWhen !== undefined) checkExpr(`${ptr}/rungs/${i}/escalateWhen`, r.escalateWhen, { roots: base }); if (typeof r?.level !== 'string') p.add(`${ptr}/rungs/${i}/level`, 'CF_DEF_REQUIRED', { 'zh-CN': '层级需要 level', en: 'a rung needs a level' }, { 'zh-CN': '如 "village"', en: 'e.g. "village"' }); });
          if (s.startAt !== undefined) checkExpr(`${ptr}/startAt`, s.startAt, { roots: base });
          checkNext(id, s.next, `${ptr}/next`, { roots: base });
          checkNext(id, s.exhausted, `${ptr}/exhausted`, { roots: base });
          break;
        }
        case 'decision':
          checkNext(id, s.next, `${ptr}/next`, { roots: base });
          break;
        case 'wait':
          if ((s.duration === undefined) === (s.until === undefined)) p.add(ptr, 'CF_DEF_DEADLINE', { 'zh-CN': '等待需要且只能有 duration 或 until 之一', en: 'a wait needs exactly one of duration or until' }, { 'zh-CN': '如 { "until": "data.electionDate" }', en: 'e.g. { "until": "data.electionDate" }' });
          if (s.duration) for (const msg of validateDurationSpec(s.duration)) p.add(`${ptr}/duration`, 'CF_DEF_DEADLINE', { 'zh-CN': `时长不正确：${msg}`, en: `malformed duration: ${msg}` }, { 'zh-CN': '如 { "days": 3 }', en: 'e.g. { "days": 3 }' });
          if (s.until !== undefined) checkExpr(`${ptr}/until`, s.until, { roots: base });
          if (!isObj(s.basis)) p.add(`${ptr}/basis`, 'CF_DEF_DEADLINE_BASIS', { 'zh-CN': '等待要写明依据', en: 'a wait must state its basis' }, { 'zh-CN': '写明法条或参数', en: 'state the article or config key' });
          else checkText(p, s.basis, `${ptr}/basis`);
          checkNext(id, s.next, `${ptr}/next`, { roots: base });
          break;
        case 'parallel':
          if (!Array.isArray(s.branches) || s.branches.length === 0) p.add(`${ptr}/branches`, 'CF_DEF_EMPTY', { 'zh-CN': '并行步骤至少需要一个分支', en: 'a parallel step needs branches' }, { 'zh-CN': '添加分支', en: 'add branches' });
          else {
            checkRegionIds(p, s.branches, `${ptr}/branches`, '分支');
            s.branches.forEach((b, i) => { checkMembers(p, b, `${ptr}/branches/${i}`, BRANCH_MEMBERS); checkText(p, b?.title, `${ptr}/branches/${i}/title`, false); });
          }
          if (s.join !== undefined && s.join !== 'all' && s.join !== 'any') p.add(`${ptr}/join`, 'CF_DEF_JOIN', { 'zh-CN': '并行汇合只能是 all 或 any', en: 'a parallel join is all or any' }, { 'zh-CN': 'all：全部分支结束；any：任一分支结束', en: 'all: every branch ends; any: the first branch to end' });
          checkNext(id, s.next, `${ptr}/next`, { roots: base });
          break;
        case 'subprocess':
          if (!isObj(s.definition) || typeof s.definition.id !== 'string') p.add(`${ptr}/definition`, 'CF_DEF_REQUIRED', { 'zh-CN': '子流程需要 definition.id', en: 'a subprocess needs definition.id' }, { 'zh-CN': '如 { "id": "candidate-vetting" }', en: 'e.g. { "id": "candidate-vetting" }' });
          // The child is found by its process id when the case reaches this step: an id no process can have would only fail then.
          else if (!DEF_ID.test(s.definition.id)) p.add(`${ptr}/definition/id`, 'CF_DEF_ID_FORMAT', { 'zh-CN': `子流程标识 ${JSON.stringify(s.definition.id)} 格式不正确`, en: `subprocess id ${JSON.stringify(s.definition.id)} is malformed` }, { 'zh-CN': '写子流程的流程标识：小写字母、数字和连字符，如 candidate-vetting', en: "write the child process's id: lower-case letters, digits and dashes, e.g. candidate-vetting" });
          if (s.forEach !== undefined) checkExpr(`${ptr}/forEach`, s.forEach, { roots: base });
          for (const [k, v] of Object.entries(s.input ?? {})) checkExpr(`${ptr}/input/${esc(k)}`, v, { roots: s.forEach ? [...base, 'item'] : base });
          if (s.orgUnit !== undefined) checkExpr(`${ptr}/orgUnit`, s.orgUnit, { roots: s.forEach ? [...base, 'item'] : base });
          checkNext(id, s.next, `${ptr}/next`, { roots: base });
          break;
        case 'end':
          ends.add(id);
          if (typeof s.outcome !== 'string' || !s.outcome) p.add(`${ptr}/outcome`, 'CF_DEF_REQUIRED', { 'zh-CN': '结束步骤需要 outcome', en: 'an end step needs an outcome' }, { 'zh-CN': '如 "RESOLVED"', en: 'e.g. "RESOLVED"' });
          else if (s.outcome === 'escalate' && !inRung) p.add(`${ptr}/outcome`, 'CF_DEF_ESCALATE_OUTSIDE_RUNG', { 'zh-CN': '结果 escalate 只能用于调处层级（rung）中', en: 'outcome escalate is only meaningful inside a ladder rung' }, { 'zh-CN': '换一个结果名', en: 'use another outcome name' }, 'warning');
          break;
      }
      if (region.kind === 'rung') {
        // rung deadlines are checked with the rung, below
      }
    }
    if (region.kind === 'rung' && region.owner) {
      const owner = (region.pointer.match(/\/rungs\/(\d+)$/));
      const ladder = stepRegion.has(region.owner) ? findStep(doc as unknown as ProcessDefinition, region.owner) : undefined;
      const rung = ladder && ladder.kind === 'escalation' && owner ? ladder.rungs[Number(owner[1])] : undefined;
      if (rung?.deadline !== undefined) {
        const from = typeof region.start === 'string' ? region.start : '';
        if (!edges.has(from)) edges.set(from, []);
        checkDeadline(from, rung.deadline, `${region.pointer}/deadline`, [...BASE_ROOTS], true);
      }
    }
    if (region.kind !== 'root' && ends.size === 0 && !region.mayRunOn) {
      p.add(region.pointer, 'CF_DEF_REGION_NO_END', { 'zh-CN': '此分支或层级没有结束步骤，无法完成', en: 'this branch or rung has no end step, so it can never finish' }, { 'zh-CN': '添加 kind 为 end 的步骤', en: 'add a step of kind end' });
    }
    // reachability from start
    if (typeof region.start === 'string' && edges.has(region.start)) {
      const seen = new Set<string>([region.start]);
      const queue = [region.start];
      while (queue.length) for (const t of edges.get(queue.shift()!) ?? []) if (!seen.has(t)) { seen.add(t); queue.push(t); }
      for (const id of ids) {
        if (!seen.has(id)) p.add(`${region.pointer}/steps/${esc(id)}`, 'CF_DEF_UNREACHABLE_STEP', { 'zh-CN': `步骤 \`${id}\` 从起始步骤无法到达`, en: `step \`${id}\` cannot be reached from the start` }, { 'zh-CN': '让某个步骤去往它，或删除它', en: 'route some step to it, or remove it' });
      }
      // steps from which no end is reachable
      const canEnd = new Set<string>(ends);
      let changed = true;
      while (changed) {
        changed = false;
        for (const [from, tos] of edges) if (!canEnd.has(from) && tos.some((t) => canEnd.has(t))) { canEnd.add(from); changed = true; }
      }
      if (ends.size > 0) {
        for (const id of ids) {
          if (seen.has(id) && !canEnd.has(id)) p.add(`${region.pointer}/steps/${esc(id)}`, 'CF_DEF_NO_PATH_TO_END', { 'zh-CN': `步骤 \`${id}\` 之后无论怎样都到不了结束步骤`, en: `from step \`${id}\` no route ever reaches an end step` }, { 'zh-CN': '检查循环，给它一条通往结束的去向', en: 'check for a loop without exit; give it a route towards an end' });
        }
      }
    }
  }
  return p.list;
}

function findStep(def: ProcessDefinition, id: string): StepDefinition | undefined {
  const walk = (steps: Record<string, StepDefinition> | undefined): StepDefinition | undefined => {
    if (!steps) return undefined;
    for (const [k, s] of Object.entries(steps)) {
      if (k === id) return s;
      if (s?.kind === 'parallel') for (const b of s.branches ?? []) { const f = walk(b.steps); if (f) return f; }
      if (s?.kind === 'escalation') for (const r of s.rungs ?? []) { const f = walk(r.steps); if (f) return f; }
    }
    return undefined;
  };
  return walk(def.steps);
}

/** True when the problems contain no errors (warnings allowed). */
export function isValidDefinition(problems: readonly DefinitionProblem[]): boolean {
  return problems.every((p) => p.severity !== 'error');
}

export type { Next };
