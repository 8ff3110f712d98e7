import { randomFillSync } from 'node:crypto';

/**
 * A UUID of version 7 (RFC 9562 §5.7): 48 bits of Unix time in milliseconds, then 74 random bits.
 * Instance ids are the key of every table a command writes (the case row, its events, open
 * tasks, assignees): with random (version 4) ids each case's entries sit on a page of their own
 * in every index, so each command dirties a page per index and a group commit writes them all to
 * the WAL (and again at the checkpoint). Cases started close in time — the ones in progress — get
 * neighbouring ids, so their entries share pages and a group commit writes each page once.
 * Still 74 random bits: ids stay unguessable. Node 20 has no version 7 generator; this is the
 * RFC's layout in a few lines.
 */
export function timeOrderedUuid(nowMs: number = Date.now()): string {
  const bytes = randomFillSync(Buffer.alloc(16));
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
