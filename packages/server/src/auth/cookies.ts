/**
 * The session cookie, without a cookie library: one name to read from the Cookie header and
 * one Set-Cookie line to write. The token is base64url, so it needs no encoding.
 */
export const SESSION_COOKIE = 'cf_session';

/** The value of cookie `name` in a Cookie request header, or undefined (first occurrence wins). */
export function readCookie(header: string | string[] | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join('; ') : header;
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    return value;
  }
  return undefined;
}

export interface SessionCookieOptions {
  /** Add `Secure` (HTTPS only). On in production behind TLS; off for http://localhost. */
  secure: boolean;
}

/** Set-Cookie for a new session: httpOnly (no script reads it), SameSite=Strict (no cross-site sends), Path=/. */
export function sessionCookie(token: string, maxAgeSeconds: number, options: SessionCookieOptions): string {
  return [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, ...(options.secure ? ['Secure'] : [])].join('; ');
}

/** Set-Cookie that deletes the session cookie. */
export function clearedSessionCookie(options: SessionCookieOptions): string {
  return [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT', ...(options.secure ? ['Secure'] : [])].join('; ');
}
