import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../src/auth/passwords.js';

const fast = { N: 1024, r: 8, p: 1, keyLength: 32 };

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('村委换届2027!', fast);
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('村委换届2027!', h)).toBe(true);
    expect(await verifyPassword('村委换届2027', h)).toBe(false);
  });
  it('salts every hash', async () => {
    expect(await hashPassword('same', fast)).not.toBe(await hashPassword('same', fast));
  });
  it('treats the same characters in different Unicode forms as the same password', async () => {
    const h = await hashPassword('Ａｄｍｉｎ１', fast); // full-width, as typed with a Chinese IME
    expect(await verifyPassword('Admin1', h)).toBe(true);
  });
  it('refuses malformed or hostile stored hashes instead of throwing', async () => {
    for (const bad of ['', 'plain', 'scrypt$0$8$1$a$b', 'bcrypt$10$x$y$z$w', 'scrypt$99999999$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });
  it('says when a hash should be upgraded to stronger parameters', async () => {
    const h = await hashPassword('x', fast);
    expect(needsRehash(h)).toBe(true);
    expect(needsRehash(h, fast)).toBe(false);
  });
});
