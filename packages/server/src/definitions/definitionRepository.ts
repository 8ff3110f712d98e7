import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/core';
import type { DefinitionProblem, LocalizedText, ProcessDefinition } from '@civicflow/engine';
import { DefinitionEntity } from '../entities/index.js';
import type { DefinitionRow } from '../entities/index.js';
import { canonicalJson } from '../store/canonicalJson.js';
import { sha256Hex } from '../store/eventHash.js';
import type { DefinitionSource } from '../timers/createTimerScheduler.js';
import { definitionProblems } from './definitionProblems.js';
import { ServerError } from '../plugins/serverError.js';

/** One published version, without its document. */
export interface DefinitionSummary {
  id: string;
  version: number;
  title: LocalizedText;
  /** SHA-256 of the canonical JSON of the document. */
  sha256: string;
  /** ISO 8601 instant of publication. */
  publishedAt: string;
}

/** One published version with its document. */
export interface PublishedDefinition extends DefinitionSummary {
  document: ProcessDefinition;
}

/** What `publish` did: stored a new version (`created`), or found the identical one already there. */
export interface PublishResult {
  created: boolean;
  definition: PublishedDefinition;
  /** Problems of severity `warning`: the definition is published anyway. */
  warnings: DefinitionProblem[];
}

/** One process of the catalogue: its latest version (and that version's title), and every version. */
export interface DefinitionListEntry {
  id: string;
  title: LocalizedText;
  latestVersion: number;
  versions: DefinitionSummary[];
}

export interface DefinitionRepository {
  /**
   * Validates and stores a definition as (id, version). Published versions never change:
   * re-publishing identical content returns the stored version (`created: false`); different
   * content under a published version, or a version older than the latest, is refused (409).
   */
  publish(def: unknown): Promise<PublishResult>;
  /** Every process, latest version first-class, every version listed (ascending). */
  list(): Promise<DefinitionListEntry[]>;
  get(id: string, version: number): Promise<PublishedDefinition | undefined>;
  latest(id: string): Promise<PublishedDefinition | undefined>;
  /** The view the timer scheduler (and the engine hosts) need: the pinned version's document. */
  asDefinitionSource(): DefinitionSource;
}

/**
 * Process definitions in `process_definition`, over MikroORM (every call on its own fork).
 *
 * Versions of one process form a line: a version can only be published above the latest one
 * (gaps allowed, e.g. to keep the numbers of a definition brought from another deployment).
 * A version below the latest is refused even when that number is free, because instances and
 * migrations read "newer version" as "higher number": slipping v2 in after v3 would make the
 * latest version not the newest text, and a migration v2→v3 would be mapped after the fact.
 * Re-publishing an identical stored version is always fine (idempotent seeding, retries).
 *
 * Every read checks the stored SHA-256 against the document (and the document's own id and
 * version against the row's): a row edited outside civicflow is refused with
 * CF_SERVER_DEFINITION_TAMPERED instead of running processes on text nobody published.
 */
export function createDefinitionRepository(source: MikroORM | EntityManager): DefinitionRepository {
  const root = source instanceof MikroORM ? source.em : source;

  async function findRow(id: string, version: number): Promise<DefinitionRow | null> {
    return root.fork().findOne(DefinitionEntity, { id, version }, { disableIdentityMap: true });
  }

  async function get(id: string, version: number): Promise<PublishedDefinition | undefined> {
    const row = await findRow(id, version);
    return row ? toPublished(row) : undefined;
  }

  async function latest(id: string): Promise<PublishedDefinition | undefined> {
    const row = await root.fork().findOne(DefinitionEntity, { id }, { orderBy: { version: 'desc' }, disableIdentityMap: true });
    return row ? toPublished(row) : undefined;
  }

  return {
    async publish(def) {
      const problems = definitionProblems(def);
      const errors = problems.filter((p) => p.severity === 'error');
      if (errors.length > 0) throw invalid(def, problems, errors);
      const warnings = problems.filter((p) => p.severity === 'warning');
      const canonical = canonicalJson(def);
      const document = JSON.parse(canonical) as ProcessDefinition;
      const { id, version } = document;
      const sha256 = sha256Hex(canonical);
      // Served and run as authored: a form's fields keep the order its author gave them.
      const authoredJson = JSON.stringify(def);
      const row = { id, version, document, authoredJson, published: true, sha256, createdAt: new Date() };
      try {
        // Insert first, then look for a newer version: the write lock is taken at once (SQLite
        // waits out another writer instead of failing when a read transaction tries to write),
        // and a concurrent publish of the same version meets the primary key.
        await root.fork().transactional(async (em) => {
          await em.insert(DefinitionEntity, row);
          const newer = await em.findOne(DefinitionEntity, { id, version: { $gt: version } }, { orderBy: { version: 'desc' }, fields: ['id', 'version'], disableIdentityMap: true });
          if (newer) throw notNewer(id, version, newer.version);
        });
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
        const existing = await findRow(id, version);
        if (!existing) throw error;
        const stored = toPublished(existing);
        if (stored.sha256 !== sha256) throw versionExists(id, version);
        return { created: false, definition: stored, warnings };
      }
      return { created: true, definition: toPublished(row), warnings };
    },

    async list() {
      const rows = await root.fork().find(DefinitionEntity, {}, { orderBy: { id: 'asc', version: 'asc' }, disableIdentityMap: true });
      const byId = new Map<string, DefinitionSummary[]>();
      for (const row of rows) {
        const { document: _document, ...summary } = toPublished(row);
        const versions = byId.get(row.id) ?? [];
        versions.push(summary);
        byId.set(row.id, versions);
      }
      return [...byId.entries()].map(([id, versions]) => {
        const newest = versions[versions.length - 1]!;
        return { id, title: newest.title, latestVersion: newest.version, versions };
      });
    },

    get,
    latest,

    asDefinitionSource() {
      return { get: async (id, version) => (await get(id, version))?.document };
    },
  };
}

/** The row as published (its authored text where stored), after checking it is what was published. */
function toPublished(row: DefinitionRow): PublishedDefinition {
  const document = (typeof row.authoredJson === 'string' ? JSON.parse(row.authoredJson) : row.document) as unknown;
  const actual = sha256Hex(canonicalJson(document));
  // Both texts must be what was published: an edit of either column is refused.
  if (typeof row.authoredJson === 'string') {
    const stored = sha256Hex(canonicalJson(row.document));
    if (stored !== row.sha256) throw tampered(row.id, row.version, row.sha256, stored);
  }
  const doc = (document && typeof document === 'object' ? document : {}) as Partial<ProcessDefinition>;
  if (actual !== row.sha256 || doc.id !== row.id || doc.version !== row.version) throw tampered(row.id, row.version, row.sha256, actual);
  const createdAt = row.createdAt instanceof Date ? row.createdAt : new Date(row.createdAt as unknown as string | number);
  return { id: row.id, version: row.version, title: doc.title as LocalizedText, sha256: row.sha256, publishedAt: createdAt.toISOString(), document: document as ProcessDefinition };
}

function describeDef(def: unknown): { id: string; version: string } {
  const d = (def && typeof def === 'object' ? def : {}) as Record<string, unknown>;
  return { id: typeof d['id'] === 'string' ? d['id'] : '?', version: typeof d['version'] === 'number' ? String(d['version']) : '?' };
}

function invalid(def: unknown, problems: DefinitionProblem[], errors: DefinitionProblem[]): ServerError {
  const { id, version } = describeDef(def);
  const first = errors[0]!;
  return new ServerError('CF_SERVER_DEFINITION_INVALID', 422, {
    'zh-CN': `流程定义 ${id} 第 ${version} 版有 ${errors.length} 处错误，未发布；首个（${first.pointer || '/'}）：${first.message['zh-CN']}`,
    en: `process definition ${id} version ${version} has ${errors.length} error(s) and was not published; the first (${first.pointer || '/'}): ${first.message.en}`,
  }, {
    hint: { 'zh-CN': 'details 中列出全部问题，每项含 JSON 指针和修改建议；可先用 POST /api/definitions/validate 检查', en: 'details lists every problem with its JSON pointer and fix; POST /api/definitions/validate checks without publishing' },
    details: problems,
  });
}

function versionExists(id: string, version: number): ServerError {
  return new ServerError('CF_SERVER_VERSION_EXISTS', 409, {
    'zh-CN': `流程 ${id} 第 ${version} 版已发布，内容不能再修改；请发布第 ${version + 1} 版`,
    en: `process ${id} version ${version} is published and cannot change; publish version ${version + 1}`,
  }, {
    hint: { 'zh-CN': '已发布的版本不可变更（办件固定在其启动时的版本上）；提高 version 后重新发布', en: 'published versions are immutable (cases stay on the version they started on); raise `version` and publish again' },
    details: { id, version },
  });
}

function notNewer(id: string, version: number, latestVersion: number): ServerError {
  return new ServerError('CF_SERVER_VERSION_NOT_NEWER', 409, {
    'zh-CN': `流程 ${id} 已发布到第 ${latestVersion} 版，不能再发布更早的第 ${version} 版；请发布第 ${latestVersion + 1} 版`,
    en: `process ${id} is published up to version ${latestVersion}; version ${version} is older and cannot be published; publish version ${latestVersion + 1}`,
  }, {
    hint: { 'zh-CN': '版本号只能递增：新的修改发布为比最新版更高的版本', en: 'versions only go up: publish changes as a version above the latest' },
    details: { id, version, latestVersion },
  });
}

function tampered(id: string, version: number, storedSha256: string, actualSha256: string): ServerError {
  return new ServerError('CF_SERVER_DEFINITION_TAMPERED', 500, {
    'zh-CN': `流程 ${id} 第 ${version} 版的存储内容与发布时不一致，已拒绝使用`,
    en: `the stored text of process ${id} version ${version} differs from what was published; it is not used`,
  }, {
    hint: { 'zh-CN': '该记录在 civicflow 之外被修改过：请管理员从备份恢复该版本并检查数据库访问记录', en: 'the row was changed outside civicflow: an administrator should restore that version from a backup and review database access' },
    details: { id, version },
    logDetails: { id, version, storedSha256, actualSha256 },
  });
}
