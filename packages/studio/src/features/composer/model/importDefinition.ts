import { CURRENT_SCHEMA_VERSION, STEP_KINDS, isCivicflowError, migrateDefinition } from '@civicflow/engine';
import type { LocalizedText, ProcessDefinition } from '@civicflow/engine';
import { locateJsonError } from './locateJsonError.js';
import { toPointer } from './draftStructure.js';
import type { Path } from './patches.js';

/** Why a text could not be opened in the composer: where (JSON pointer, or line and column), what, and how to fix it. */
export interface ImportProblem {
  /** JSON pointer into the document (shape problems). */
  pointer?: string | undefined;
  /** 1-based line and column in the text (syntax errors). */
  line?: number | undefined;
  column?: number | undefined;
  message: LocalizedText;
  hint: LocalizedText;
}

/** What {@link importDefinition} made of a text. */
export type ImportResult =
  | { ok: true; definition: ProcessDefinition; /** The format version the text had, when it was upgraded. */ upgradedFrom?: number | undefined }
  | { ok: false; problems: ImportProblem[] };

const text = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the composer needs to draw and edit a draft; everything else is validateDefinition's to report on the steps. */
function shapeProblems(doc: Record<string, unknown>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const add = (path: Path, message: LocalizedText, hint: LocalizedText): void => {
    problems.push({ pointer: toPointer(path) || '/', message, hint });
  };
  for (const key of ['roles', 'forms'] as const) {
    if (doc[key] !== undefined && !isObject(doc[key])) {
      add([key], text(`${key} 必须是对象`, `${key} must be an object`), text(`写成 { "标识": { "title": … } }`, `write { "id": { "title": … } }`));
    }
  }
  const region = (holder: Record<string, unknown>, path: Path): void => {
    const steps = holder['steps'];
    if (!isObject(steps)) {
      add([...path, 'steps'], steps === undefined ? text('缺少 steps（步骤）', 'steps is missing') : text('steps 必须是对象', 'steps must be an object'),
        text('写成 { "步骤标识": { "kind": "task", … } }', 'write { "stepId": { "kind": "task", … } }'));
      return;
    }
    for (const [id, step] of Object.entries(steps)) {
      const at = [...path, 'steps', id];
      if (!isObject(step)) { add(at, text(`步骤 ${id} 必须是对象`, `step ${id} must be an object`), text('写成 { "kind": …, "title": … }', 'write { "kind": …, "title": … }')); continue; }
      if (!(STEP_KINDS as readonly unknown[]).includes(step['kind'])) {
        add([...at, 'kind'], text(`步骤 ${id} 的类型 ${JSON.stringify(step['kind'])} 未知`, `step ${id} has the unknown kind ${JSON.stringify(step['kind'])}`),
          text(`可用类型：${STEP_KINDS.join('、')}`, `kinds: ${STEP_KINDS.join(', ')}`));
        continue;
      }
      if ((step['kind'] === 'jointReview' || step['kind'] === 'vote') && !isObject(step['next'])) {
        const outcomes = step['kind'] === 'vote' ? '{ "result": …, "invalid": … }' : '{ "approved": …, "rejected": … }';
        add([...at, 'next'], text(`步骤 ${id} 的 next 必须是对象`, `the next of step ${id} must be an object`), text(`写成 ${outcomes}`, `write ${outcomes}`));
      }
      const member = step['kind'] === 'parallel' ? 'branches' : step['kind'] === 'escalation' ? 'rungs' : undefined;
      if (!member) continue;
      const list = step[member];
      const words = member === 'branches' ? text('分支', 'branch') : text('层级', 'rung');
      if (!Array.isArray(list)) {
        add([...at, member], text(`步骤 ${id} 的 ${member} 必须是列表`, `the ${member} of step ${id} must be a list`), text(`写成 [{ "id": …, "start": …, "steps": { … } }]`, `write [{ "id": …, "start": …, "steps": { … } }]`));
        continue;
      }
      list.forEach((child: unknown, i) => {
        if (!isObject(child) || typeof child['id'] !== 'string') {
          add([...at, member, i], text(`步骤 ${id} 的第 ${i + 1} 个${words['zh-CN']}必须是带 id 的对象`, `${words.en} ${i + 1} of step ${id} must be an object with an id`),
            text('写成 { "id": …, "start": …, "steps": { … } }', 'write { "id": …, "start": …, "steps": { … } }'));
        } else region(child, [...at, member, i]);
      });
    }
  };
  region(doc, []);
  return problems;
}

/**
 * Opens a definition from JSON text for editing: a syntax error is reported with its line and
 * column; an older format is upgraded with `migrateDefinition`; a document the composer cannot
 * draw (no steps, a step of an unknown kind, branches that are not a list …) is refused with a
 * JSON pointer and the fix. Problems a draft may have while it is edited (unknown targets, missing
 * texts …) are not import errors: validateDefinition reports them on the steps.
 *
 * @example importDefinition(await file.text())
 */
export function importDefinition(source: string): ImportResult {
  if (source.trim() === '') {
    return { ok: false, problems: [{ message: text('没有内容', 'the text is empty'), hint: text('选择一个流程定义 JSON 文件，或粘贴它的内容', 'choose a process definition JSON file, or paste its content') }] };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch {
    const at = locateJsonError(source);
    const where = at ? { line: at.line, column: at.column } : {};
    const expected = at?.expected ?? text('合法的 JSON', 'valid JSON');
    return {
      ok: false,
      problems: [{
        ...where,
        message: at
          ? text(`第 ${at.line} 行第 ${at.column} 列不是合法的 JSON：这里应为${expected['zh-CN']}`, `line ${at.line}, column ${at.column} is not valid JSON: expected ${expected.en}`)
          : text('不是合法的 JSON', 'the text is not valid JSON'),
        hint: text('检查这里及前一行的逗号、引号和括号；JSON 不允许注释和末尾多余的逗号', 'check the commas, quotes and brackets here and on the line before; JSON allows no comments and no trailing commas'),
      }],
    };
  }
  if (!isObject(doc)) {
    return { ok: false, problems: [{ pointer: '/', message: text('流程定义必须是 JSON 对象', 'a process definition must be a JSON object'), hint: text('内容应以 { 开头，包含 schemaVersion、id、steps 等', 'the text should start with { and hold schemaVersion, id, steps …') }] };
  }
  const version = doc['schemaVersion'];
  if (version === undefined) {
    return { ok: false, problems: [{ pointer: '/schemaVersion', message: text('缺少格式版本 schemaVersion', 'schemaVersion (the format version) is missing'), hint: text(`在开头加上 "schemaVersion": ${CURRENT_SCHEMA_VERSION}`, `add "schemaVersion": ${CURRENT_SCHEMA_VERSION} at the top`) }] };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, problems: [{ pointer: '/schemaVersion', message: text(`格式版本 schemaVersion 为 ${JSON.stringify(version)}，不是整数`, `schemaVersion is ${JSON.stringify(version)}, not an integer`), hint: text(`写成 "schemaVersion": ${CURRENT_SCHEMA_VERSION}`, `write "schemaVersion": ${CURRENT_SCHEMA_VERSION}`) }] };
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return { ok: false, problems: [{ pointer: '/schemaVersion', message: text(`格式版本 ${version} 比本工作台支持的 ${CURRENT_SCHEMA_VERSION} 新`, `format version ${version} is newer than ${CURRENT_SCHEMA_VERSION}, which this studio reads`), hint: text('请管理员升级 civicflow 后再导入', 'ask an administrator to upgrade civicflow, then import again') }] };
  }
  let definition: ProcessDefinition;
  try {
    definition = migrateDefinition(doc);
  } catch (error) {
    if (!isCivicflowError(error)) throw error;
    return { ok: false, problems: [{ pointer: '/schemaVersion', message: error.localized, hint: error.hint }] };
  }
  const problems = shapeProblems(definition as unknown as Record<string, unknown>);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, definition, ...(version < CURRENT_SCHEMA_VERSION ? { upgradedFrom: version } : {}) };
}

/** The draft as JSON text: two-space indented, members in the draft's order, a final newline. */
export function exportDefinition(draft: ProcessDefinition): string {
  return `${JSON.stringify(draft, null, 2)}\n`;
}
