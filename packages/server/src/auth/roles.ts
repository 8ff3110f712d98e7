/** The server's own role: administrators publish definitions, cancel cases and see every case in their unit. */
export const ADMIN_ROLE = 'ADMIN';

/**
 * The permission to see personal numbers (resident ID numbers, phone numbers) unmasked in API
 * responses. Assigned like ADMIN, as a role assignment in the user's unit, to the staff whose
 * work is identifying people (mediators who register parties, election committees that register
 * voters, vetting departments). Everyone else sees them masked, and every response that shows
 * them unmasked is audited in `pii_access` (src/privacy). ADMIN does not imply it.
 */
export const PII_ROLE = 'PII';

/** Roles that grant a permission on the server rather than a part in a process. */
export const PERMISSION_ROLES: readonly string[] = [ADMIN_ROLE, PII_ROLE];
