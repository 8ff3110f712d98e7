/** The server's own role: administrators publish definitions, cancel cases and see every case in their unit. */
export const ADMIN_ROLE = 'ADMIN';
