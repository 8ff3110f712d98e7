import type { FilterQuery } from '@mikro-orm/core';
import { isWithin } from '@civicflow/engine';
import type { LocalizedText } from '@civicflow/engine';
import { InstanceEntity } from '../entities/index.js';
import type { InstanceRow } from '../entities/index.js';
import type { Orm } from '../orm/createOrm.js';
import { ServerError } from '../plugins/serverError.js';
import { verifyChain } from '../store/verifyChain.js';
import type { ChainBreak } from '../store/verifyChain.js';
import { subtreeCondition } from './adminScope.js';

/** One case whose history does not verify: the first broken seq and why. */
export interface ChainProblem {
  instanceId: string;
  seq: number;
  reason: ChainBreak;
  message: LocalizedText;
}

export interface AuditReport {
  ok: boolean;
  instancesChecked: number;
  eventsChecked: number;
  problems: ChainProblem[];
  /** True when more problems were found than `maxProblems`; the count goes on, the list stops. */
  truncated: boolean;
}

export interface AuditOptions {
  /** Check only this case (it must lie within the scope; 404 otherwise). */
  instanceId?: string | undefined;
  /** Cases read per query. Default 500. */
  batchSize?: number | undefined;
  /** Chains verified at the same time (each is its own queries). Default 4. */
  concurrency?: number | undefined;
  /** Problems listed at most. Default 1000. */
  maxProblems?: number | undefined;
}

const REASONS: Record<ChainBreak, LocalizedText> = {
  missing: { 'zh-CN': '缺少这一条记录（被删除）', en: 'this entry is missing (deleted)' },
  link: { 'zh-CN': '记录不指向前一条记录的哈希（被删除、插入或调换顺序）', en: 'the entry does not point at the hash of the one before (deleted, inserted or reordered)' },
  hash: { 'zh-CN': '记录内容与其哈希不符（内容被修改）', en: 'the entry\'s content does not give its hash (edited)' },
  columns: { 'zh-CN': '记录的类型或时间列与内容不符（被修改）', en: 'the entry\'s type or time columns disagree with its content (edited)' },
  head: { 'zh-CN': '记录在办件所记的末尾之前结束（末尾被删除）', en: 'the history ends before where the case says it does (entries cut off the end)' },
};

/**
 * Verifies the hash-chained history of every case within `scope` (an org unit and below), or of
 * one case. Cases are read in batches by id (keyset), and each case's history is verified on its
 * own (verifyChain), so memory holds one batch of ids and a few histories, whatever the number
 * of cases.
 */
export async function verifyAuditChains(orm: Orm, scope: string, options: AuditOptions = {}): Promise<AuditReport> {
  const batchSize = options.batchSize ?? 500;
  const concurrency = options.concurrency ?? 4;
  const maxProblems = options.maxProblems ?? 1000;
  const report: AuditReport = { ok: true, instancesChecked: 0, eventsChecked: 0, problems: [], truncated: false };

  async function check(instanceId: string): Promise<void> {
    const result = await verifyChain(orm.em, instanceId);
    report.instancesChecked += 1;
    report.eventsChecked += result.events;
    if (result.ok) return;
    report.ok = false;
    if (report.problems.length < maxProblems) report.problems.push({ instanceId, seq: result.seq, reason: result.reason, message: REASONS[result.reason] });
    else report.truncated = true;
  }

  const em = orm.em.fork();
  if (options.instanceId !== undefined) {
    const row = await em.findOne(InstanceEntity, { instanceId: options.instanceId }, { fields: ['instanceId', 'orgUnit'], disableIdentityMap: true });
    if (!row || !isWithin(row.orgUnit, scope)) throw caseNotFound(options.instanceId);
    await check(row.instanceId);
    return report;
  }

  let after: string | undefined;
  for (;;) {
    const where = { $and: [subtreeCondition('orgUnit', scope), ...(after !== undefined ? [{ instanceId: { $gt: after } }] : [])] } as FilterQuery<InstanceRow>;
    const batch = await em.find(InstanceEntity, where, { fields: ['instanceId', 'orgUnit'], orderBy: { instanceId: 'asc' }, limit: batchSize, disableIdentityMap: true });
    const ids = batch.filter((r) => isWithin(r.orgUnit, scope)).map((r) => r.instanceId);
    for (let i = 0; i < ids.length; i += concurrency) await Promise.all(ids.slice(i, i + concurrency).map(check));
    if (batch.length < batchSize) break;
    after = batch[batch.length - 1]!.instanceId;
  }
  report.problems.sort((a, b) => (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0));
  return report;
}

function caseNotFound(instanceId: string): ServerError {
  return new ServerError('CF_SERVER_NOT_FOUND', 404, { 'zh-CN': `您的单位范围内没有办件 ${instanceId}`, en: `there is no case ${instanceId} within your unit` }, {
    hint: { 'zh-CN': '省略 instanceId 可核验本单位全部办件', en: 'omit instanceId to verify every case of your unit' },
    details: { instanceId },
  });
}
