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

export { DefinitionEntity, EventEntity, IdempotencyKeyEntity, InstanceEntity, TaskEntity, TimerEntity };
export { OrgUnitEntity, RoleAssignmentEntity, SessionEntity, UserEntity };
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

/** Every entity of the server's schema. */
export const ENTITIES = [
  DefinitionEntity, InstanceEntity, EventEntity, TaskEntity, TimerEntity, IdempotencyKeyEntity,
  // auth (issue 4 §3)
  OrgUnitEntity, UserEntity, RoleAssignmentEntity, SessionEntity,
];
