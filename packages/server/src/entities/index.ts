/** The server's tables, one entity per file; `ENTITIES` is what the ORM is configured with. */
import { DefinitionEntity } from './definition.entity.js';
import { EventEntity } from './event.entity.js';
import { IdempotencyKeyEntity } from './idempotencyKey.entity.js';
import { InstanceEntity } from './instance.entity.js';
import { TaskEntity } from './task.entity.js';
import { TimerEntity } from './timer.entity.js';
import { OrgUnitEntity } from './orgUnit.entity.js';
import { RoleAssignmentEntity } from './roleAssignment.entity.js';
import { SessionEntity } from './session.entity.js';
import { UserEntity } from './user.entity.js';
import { AttachmentEntity } from './attachment.entity.js';
import { PiiAccessEntity } from './piiAccess.entity.js';
import { TaskAssigneeEntity } from './taskAssignee.entity.js';
import { NotificationEntity } from './notification.entity.js';
import { EffectOutboxEntity } from './effectOutbox.entity.js';
import { SubprocessLinkEntity } from './subprocessLink.entity.js';

export { DefinitionEntity, EventEntity, IdempotencyKeyEntity, InstanceEntity, TaskEntity, TimerEntity };
export { OrgUnitEntity, RoleAssignmentEntity, SessionEntity, UserEntity };
export { AttachmentEntity };
export { PiiAccessEntity };
export { TaskAssigneeEntity };
export { EffectOutboxEntity, NotificationEntity, SubprocessLinkEntity };
export type { DefinitionRow } from './definition.entity.js';
export type { EventRow } from './event.entity.js';
export type { IdempotencyKeyRow } from './idempotencyKey.entity.js';
export type { InstanceRow } from './instance.entity.js';
export type { TaskRow } from './task.entity.js';
export type { TimerRow } from './timer.entity.js';
export type { OrgUnitRow } from './orgUnit.entity.js';
export type { RoleAssignmentRow } from './roleAssignment.entity.js';
export type { SessionRow } from './session.entity.js';
export type { UserRow } from './user.entity.js';
export type { AttachmentRow } from './attachment.entity.js';
export type { PiiAccessRow } from './piiAccess.entity.js';
export type { TaskAssigneeRow } from './taskAssignee.entity.js';
export type { NotificationRow } from './notification.entity.js';
export type { EffectOutboxRow } from './effectOutbox.entity.js';
export type { SubprocessLinkRow } from './subprocessLink.entity.js';

/** Every entity of the server's schema. */
export const ENTITIES = [
  DefinitionEntity, InstanceEntity, EventEntity, TaskEntity, TimerEntity, IdempotencyKeyEntity,
  // auth (issue 4 §3)
  OrgUnitEntity, UserEntity, RoleAssignmentEntity, SessionEntity,
  // attachments (issue 4)
  AttachmentEntity,
  // the audit of unmasked personal numbers in responses (issue 4 §5)
  PiiAccessEntity,
  // every task's assignee, for the case list's need-to-know rule (issue 4)
  TaskAssigneeEntity,
  // effects a command leaves for the server: notifications, subprocess work (issue 4 §4)
  NotificationEntity, EffectOutboxEntity, SubprocessLinkEntity,
];
