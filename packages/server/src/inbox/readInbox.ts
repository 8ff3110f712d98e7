import { taskPart } from '@civicflow/engine';
import type { Actor, ProcessDefinition, TaskRecord } from '@civicflow/engine';
import type { EntityManager } from '@mikro-orm/core';
import type { LocalizedText } from '@civicflow/engine';
import { DefinitionEntity } from '../entities/index.js';
import { ServerError } from '../plugins/serverError.js';

/** The most tasks one inbox page holds. */
export const MAX_INBOX_LIMIT = 100;
/** An inbox page's size when the request names none. */
export const DEFAULT_INBOX_LIMIT = 20;

/** One entry of an inbox page. */
export interface InboxItem {
  instanceId: string;
  taskId: string;
  stepId: string;
  title: LocalizedText;
  formId: string;
  dueAt: string | null;
  overdue: boolean;
  repeatable: boolean;
  createdAt: string;
  case: { definitionId: string; definitionVersion: number; orgUnit: string };
}

export interface InboxPage {
  items: InboxItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}


/** Where the previous page ended: its last task's due time (epoch ms, null when undated), case id and task id. */
interface InboxCursor { d: number | null; i: string; t: string }

/** A row of the inbox statement, as the drivers return it (SQLite: 0/1 and JSON text; PostgreSQL: boolean and parsed jsonb). */
interface InboxRow {
  instance_id: string; task_id: string; step_id: string; overdue: boolean | number; due_at: number | string | Date | null; record: string | TaskRecord;
  definition_id: string; definition_version: number | string; case_unit: string;
}

/**
 * The actor's open tasks (GET /api/tasks): their roles, assignee unit matching (exact: the actor's
 * unit; subtree: a unit containing the actor's), the person if the task names one, nobody else
 * holding it; due first (soonest first), tasks without a due date last, then by case id and task
 * id. Keyset pagination (`cursor` is the `nextCursor` of the previous page).
 *
 * One statement, answered from the index `open_task (role, org_unit, due_at, instance_id, task_id)`:
 * one index range per role and unit the actor may see tasks of (their own unit, exact or subtree;
 * each unit above it, subtree only), dated and undated apart; each read in index order (the inbox
 * order, so no sort) and cut at `limit + 1`; then the union of those short lists sorted and cut,
 * and joined to the case for its definition and unit; each task's title and form are its step's in
 * that definition (read once per version). A single range condition over all units at
 * once would read and sort every matching task (a county department holds hundreds of thousands),
 * and one ORM query per range cost more than the statements themselves.
 */
export async function readInbox(em: EntityManager, actor: Actor, page: { limit?: number | undefined; cursor?: string | undefined } = {}): Promise<InboxPage> {
  const limit = Math.min(Math.max(page.limit ?? DEFAULT_INBOX_LIMIT, 1), MAX_INBOX_LIMIT);
  const after = page.cursor !== undefined ? decodeCursor(page.cursor) : undefined;
  const platform = em.getPlatform();
  const q = (id: string): string => platform.quoteIdentifier(id);
  const segments = actor.orgUnit.split('/');
  const enclosing = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  const persons = [actor.id, ...(actor.personId ? [actor.personId] : [])];
  const ranges: { role: string; unit: string; matches: string[] }[] = [];
  for (const role of new Set(actor.roles)) {
    ranges.push({ role, unit: actor.orgUnit, matches: ['exact', 'subtree'] });
    for (const unit of enclosing) if (unit !== actor.orgUnit) ranges.push({ role, unit, matches: ['subtree'] });
  }
  if (ranges.length === 0) return { items: [], nextCursor: null };

  const columns = ['instance_id', 'task_id', 'step_id', 'overdue', 'due_at', 'record'].map((c) => `t.${q(c)}`).join(', ');
  const params: unknown[] = [];
  const parts: string[] = [];
  const marks = (values: readonly unknown[]): string => {
    params.push(...values);
    return values.map(() => '?').join(', ');
  };
  // Due tasks (unless the cursor is past them), then undated ones: each range in index order.
  const dated = after === undefined || after.d !== null;
  for (const part of dated ? ['dated', 'undated'] as const : ['undated'] as const) {
    for (const range of ranges) {
      const where = [
        `t.${q('role')} = ${marks([range.role])}`,
        `t.${q('org_unit')} = ${marks([range.unit])}`,
        `t.${q('match')} in (${marks(range.matches)})`,
        `(t.${q('person')} is null or t.${q('person')} in (${marks(persons)}))`,
      ];
      if (part === 'dated') {
        where.push(`t.${q('due_at')} is not null`);
        if (after?.d != null) where.push(`(t.${q('due_at')}, t.${q('instance_id')}, t.${q('task_id')}) > (${marks([platform.processDateProperty(new Date(after.d)), after.i, after.t])})`);
      } else {
        where.push(`t.${q('due_at')} is null`);
        if (after?.d === null) where.push(`(t.${q('instance_id')}, t.${q('task_id')}) > (${marks([after.i, after.t])})`);
      }
      // Only tasks of running cases (a subquery, so that each range is still read in index order).
      where.push(`exists (select 1 from ${q('process_instance')} c where c.${q('instance_id')} = t.${q('instance_id')} and c.${q('status')} = 'active')`);
      const order = part === 'dated' ? ['due_at', 'instance_id', 'task_id'] : ['instance_id', 'task_id'];
      parts.push(`select * from (select ${columns} from ${q('open_task')} t where ${where.join(' and ')}`
        + ` order by ${order.map((c) => `t.${q(c)}`).join(', ')} limit ${marks([limit + 1])}) r${parts.length}`);
    }
  }
  const sql = `select u.${q('instance_id')}, u.${q('task_id')}, u.${q('step_id')}, u.${q('overdue')}, u.${q('due_at')}, u.${q('record')},`
    + ` c.${q('definition_id')}, c.${q('definition_version')}, c.${q('org_unit')} as ${q('case_unit')}`
    + ` from (${parts.join(' union all ')}) u join ${q('process_instance')} c on c.${q('instance_id')} = u.${q('instance_id')}`
    // Undated last on both dialects (SQLite sorts nulls first, PostgreSQL last).
    + ` order by u.${q('due_at')} is null, u.${q('due_at')}, u.${q('instance_id')}, u.${q('task_id')} limit ${marks([limit + 1])}`;
  const rows: InboxRow[] = await em.getConnection().execute(sql, params, 'all', em.getTransactionContext());

  const pageRows = rows.slice(0, limit);
  const definitions = await definitionsOf(em, pageRows);
  const items = pageRows.map((r): InboxItem => {
    const record = (typeof r.record === 'string' ? JSON.parse(r.record) : r.record) as TaskRecord;
    // The title and form are the definition's (snapshot format 3 does not store them with the task).
    const { title, form } = taskPart(definitions.get(versionKey(r.definition_id, r.definition_version))!, r.task_id, record);
    return {
      instanceId: r.instance_id, taskId: r.task_id, stepId: r.step_id, title, formId: form,
      dueAt: record.dueAt ?? null, overdue: r.overdue === true || r.overdue === 1, repeatable: record.repeatable ?? false, createdAt: record.createdAt,
      case: { definitionId: r.definition_id, definitionVersion: Number(r.definition_version), orgUnit: r.case_unit },
    };
  });
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  // The cursor holds the column the statement orders by (not the record's copy of it).
  const nextCursor = last ? encodeCursor({ d: last.due_at === null ? null : epochMs(last.due_at), i: last.instance_id, t: last.task_id }) : null;
  return { items, nextCursor };
}

/** Published definitions are never changed: each version's document is read once per process. */
const publishedDocuments = new Map<string, ProcessDefinition>();
const versionKey = (id: string, version: number | string): string => `${id}@${Number(version)}`;

/** The documents of the definition versions the rows' cases run on. */
async function definitionsOf(em: EntityManager, rows: readonly InboxRow[]): Promise<Map<string, ProcessDefinition>> {
  const missing = new Map<string, { id: string; version: number }>();
  for (const r of rows) {
    const key = versionKey(r.definition_id, r.definition_version);
    if (!publishedDocuments.has(key)) missing.set(key, { id: r.definition_id, version: Number(r.definition_version) });
  }
  if (missing.size > 0) {
    const found = await em.find(DefinitionEntity, { $or: [...missing.values()] }, { fields: ['id', 'version', 'document'], disableIdentityMap: true });
    for (const d of found) publishedDocuments.set(versionKey(d.id, d.version), d.document);
  }
  return publishedDocuments;
}

/** A timestamp column as the drivers return it: SQLite epoch ms, PostgreSQL text (MikroORM keeps timestamptz as the server's text). */
function epochMs(v: number | string | Date): number {
  return v instanceof Date ? v.getTime() : typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : Date.parse(v);
}

function encodeCursor(c: InboxCursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

function decodeCursor(s: string): InboxCursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Partial<InboxCursor>;
    if ((c.d === null || (typeof c.d === 'number' && Number.isFinite(c.d))) && typeof c.i === 'string' && typeof c.t === 'string') return { d: c.d, i: c.i, t: c.t };
  } catch {
    // answered below
  }
  throw new ServerError('CF_SERVER_BAD_REQUEST', 400, { 'zh-CN': '分页游标无效', en: 'the page cursor is invalid' }, {
    hint: { 'zh-CN': '使用上一页返回的 nextCursor，或不带 cursor 从第一页开始', en: 'pass the nextCursor of the previous page, or omit cursor to start over' },
  });
}
