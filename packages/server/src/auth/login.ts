import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { UserEntity } from '../entities/index.js';
import type { UserRow } from '../entities/index.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';

let dummy: Promise<string> | undefined;
/** A hash of a random password, checked when the user does not exist, so that failures take the same time. */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummy;
}

/** Usernames are ASCII and compared lower-case. */
export function normalizeUsername(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

/**
 * The user whose username and password match, or null. Unknown users, disabled users and wrong
 * passwords are indistinguishable: each runs one scrypt verification (against a dummy hash when
 * there is no user). A hash with weaker parameters than today's is upgraded on success.
 */
export async function authenticate(em: EntityManager, username: string, password: string): Promise<UserRow | null> {
  const user = await em.findOne(UserEntity, { username: normalizeUsername(username) });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!ok || !user || user.disabled) return null;
  if (needsRehash(user.passwordHash)) {
    await em.nativeUpdate(UserEntity, { id: user.id }, { passwordHash: await hashPassword(password) });
  }
  return user;
}
