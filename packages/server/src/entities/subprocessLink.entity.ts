import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';

/**
 * A case started by another case's `subprocess` step: which parent and under which key, so that
 * when the child ends the parent receives `completeSubprocess` for that key.
 */
export const SubprocessLinkEntity = defineEntity({
  name: 'SubprocessLink',
  tableName: 'subprocess_link',
  properties: {
    childInstanceId: p.string().primary(),
    parentInstanceId: p.string().index(),
    key: p.string(),
  },
});

/** A row of `subprocess_link`. */
export type SubprocessLinkRow = InferEntity<typeof SubprocessLinkEntity>;
