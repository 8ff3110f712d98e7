import { MIN_ADMIN_PASSWORD_LENGTH } from '../demo/demoOrg.js';

/** The shortest password an administrator may set: the same as the production admin password (12). */
export const MIN_PASSWORD_LENGTH = MIN_ADMIN_PASSWORD_LENGTH;
/** The longest password the login route accepts. */
export const MAX_PASSWORD_LENGTH = 256;

/** Why a password is refused, or undefined when it is acceptable. Length counts characters (汉字 count one each). */
export function passwordProblem(password: string, username: string): 'short' | 'long' | 'username' | undefined {
  const length = [...password.normalize('NFKC')].length;
  if (length < MIN_PASSWORD_LENGTH) return 'short';
  if (length > MAX_PASSWORD_LENGTH) return 'long';
  // A password built on the username is the first thing an attacker tries.
  const lowered = password.normalize('NFKC').toLowerCase();
  if (lowered === username || (username.length >= 4 && lowered.includes(username))) return 'username';
  return undefined;
}
