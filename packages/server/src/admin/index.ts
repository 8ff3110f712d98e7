/** Administration: the org tree, users and roles within an administrator's subtree, and the audit check. */
export { createOrgUnitAdmin } from './orgUnitAdmin.js';
export type { NewOrgUnit, OrgUnitAdmin, OrgUnitNode } from './orgUnitAdmin.js';
export { createUserAdmin, DEFAULT_USER_PAGE, MAX_USER_PAGE } from './userAdmin.js';
export type { AdminUserView, NewUser, UserAdmin, UserPage, UserQuery } from './userAdmin.js';
export { verifyAuditChains } from './auditChains.js';
export type { AuditOptions, AuditReport, ChainProblem } from './auditChains.js';
export { CHILD_LEVELS, childLevelsOf, LEVEL_NAMES } from './orgLevels.js';
export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from './passwordPolicy.js';
export { assertInScope, logAdminChange } from './adminScope.js';
