import type { EntityManager } from '@mikro-orm/core';
import { ATTACHMENT_ID } from '@civicflow/forms';
import { asPlainSql } from '../store/plainSql.js';
import type { PlainSql } from '../store/plainSql.js';

/** The attachment ids (`att_…`, format `cf-attachment`) anywhere in form data, each once. */
export function attachmentIdsIn(data: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (typeof value === 'string') {
      if (ATTACHMENT_ID.test(value)) found.add(value);
    } else if (depth < 32 && value !== null && typeof value === 'object') {
      for (const v of Array.isArray(value) ? value : Object.values(value)) visit(v, depth + 1);
    }
  };
  visit(data, 0);
  return [...found];
}

/** What linkAttachments did with the ids in the form data. */
export interface LinkReport {
  /** Ids that now belong to the case (linked now, or earlier by another form of the same case). */
  linked: string[];
  /** Ids that are unknown, someone else's, or already belong to another case: left as they are. */
  notLinked: string[];
}

/**
 * Links the attachments a submitted form references to its case, so that whoever may see the
 * case may download them. Only the submitter's own attachments that belong to no case yet are
 * linked: referencing someone else's id in a form does not make their file readable. Run it in
 * the transaction that records the submission (pass that transaction's EntityManager), so a
 * refused submission links nothing. Plain SQL (it runs in every command's transaction; see
 * PlainSql), or an EntityManager in its transaction.
 */
export async function linkAttachments(tx: EntityManager | PlainSql, instanceId: string, actorId: string, data: unknown): Promise<LinkReport> {
  const ids = attachmentIdsIn(data);
  if (ids.length === 0) return { linked: [], notLinked: [] };
  const sql = asPlainSql(tx);
  const q = sql.quote;
  const marks = ids.map(() => '?').join(', ');
  await sql.run(`update ${q('attachment')} set ${q('instance_id')} = ? where ${q('id')} in (${marks}) and ${q('uploaded_by')} = ? and ${q('instance_id')} is null`,
    [instanceId, ...ids, actorId]);
  const rows = await sql.all<{ id: string }>(`select ${q('id')} from ${q('attachment')} where ${q('id')} in (${marks}) and ${q('instance_id')} = ?`, [...ids, instanceId]);
  const linked = new Set(rows.map((r) => r.id));
  return { linked: ids.filter((id) => linked.has(id)), notLinked: ids.filter((id) => !linked.has(id)) };
}
