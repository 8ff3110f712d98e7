import type { LocalizedText } from '@civicflow/engine';
import { browserStorage } from '../../preferences/preferences.js';
import type { PreferenceStorage } from '../../preferences/preferences.js';

/** A case the person opened on this device (the server has no "my cases" list yet). */
export interface RecentCase {
  instanceId: string;
  title: LocalizedText;
  orgUnit: string;
  /** When it was last opened here (ISO). */
  viewedAt: string;
}

/** How many recent cases are kept per person. */
export const MAX_RECENT_CASES = 20;

const keyFor = (userId: string) => `civicflow.recentCases.${userId}`;

/** The person's recently opened cases, newest first (empty when storage is unavailable or unreadable). */
export function readRecentCases(userId: string, storage: PreferenceStorage | undefined = browserStorage()): RecentCase[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(keyFor(userId)) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((c): c is RecentCase => typeof c === 'object' && c !== null && typeof (c as RecentCase).instanceId === 'string'
      && typeof (c as RecentCase).title?.['zh-CN'] === 'string' && typeof (c as RecentCase).viewedAt === 'string');
  } catch {
    return [];
  }
}

/** Puts `entry` first in the person's recent cases (once), keeping at most {@link MAX_RECENT_CASES}. */
export function rememberCase(userId: string, entry: RecentCase, storage: PreferenceStorage | undefined = browserStorage()): void {
  const next = [entry, ...readRecentCases(userId, storage).filter((c) => c.instanceId !== entry.instanceId)].slice(0, MAX_RECENT_CASES);
  try {
    storage?.setItem(keyFor(userId), JSON.stringify(next));
  } catch {
    /* storage refused: the list is a convenience */
  }
}
