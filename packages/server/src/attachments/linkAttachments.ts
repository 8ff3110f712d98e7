import type { EntityManager } from '@mikro-orm/core';
import { ATTACHMENT_ID } from '@civicflow/forms';
import { AttachmentEntity } from '../entities/index.js';

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
 * refused submission links nothing.
 */
export async function linkAttachments(em: EntityManager, instanceId: string, actorId: string, data: unknown): Promise<LinkReport> {
  const ids = attachmentIdsIn(data);
  if (ids.length === 0) return { linked: [], notLinked: [] };
  await em.nativeUpdate(AttachmentEntity, { id: { $in: ids }, uploadedBy: actorId, instance: null }, { instance: instanceId });
  const rows = await em.find(AttachmentEntity, { id: { $in: ids }, instance: instanceId }, { fields: ['id'], disableIdentityMap: true });
  const linked = new Set(rows.map((r) => r.id));
  return { linked: ids.filter((id) => linked.has(id)), notLinked: ids.filter((id) => !linked.has(id)) };
}
