import { hash } from 'node:crypto';
import type { HistoryEvent } from '@civicflow/engine';
import { canonicalJson } from './canonicalJson.js';

/** The `prevHash` of an instance's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Lower-case hex SHA-256 of a UTF-8 string (one-shot `crypto.hash`: no Hash object per event). */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/**
 * The hash of one history entry: sha256(prevHash + canonical JSON of {instanceId, seq, event}).
 * The instance id and seq are inside the hash so a row moved to another position or instance
 * does not verify.
 */
export function hashEvent(prevHash: string, instanceId: string, seq: number, event: HistoryEvent): string {
  return sha256Hex(prevHash + canonicalJson({ instanceId, seq, event }));
}
