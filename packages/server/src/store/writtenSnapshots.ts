/** A snapshot as a store wrote it: its JSON text, the version it was written as, and its definition. */
export interface Written { version: number; text: string; definitionId: string; definitionVersion: number }

/**
 * How many written snapshots a store remembers, and how much text: the oldest written is forgotten
 * first once either is reached (≤ 64 MB of strings; the bench's joint-review cases are ≈ 2.7 K
 * characters each, so ≈ 12,000 of them). A snapshot longer than the last bound is not kept.
 */
export const WRITTEN_SNAPSHOT_LIMITS = { snapshots: 20_000, chars: 32 * 1024 * 1024, charsEach: 32_768 } as const;
const { snapshots: MAX_SNAPSHOTS, chars: MAX_CHARS, charsEach: MAX_SNAPSHOT_CHARS } = WRITTEN_SNAPSHOT_LIMITS;

/**
 * The snapshots a store wrote last, newest last (see SqlInstanceStore.remembered): a bounded map
 * whose bound counts their text too, so a server's memory does not follow the size of its cases.
 */
export class WrittenSnapshots {
  readonly #byInstance = new Map<string, Written>();
  #chars = 0;

  get(instanceId: string): Written | undefined {
    return this.#byInstance.get(instanceId);
  }

  /** Remembers `entry` as the newest, forgetting the oldest while over a bound. */
  set(instanceId: string, entry: Written): void {
    this.delete(instanceId);
    if (entry.text.length > MAX_SNAPSHOT_CHARS) return;
    this.#byInstance.set(instanceId, entry);
    this.#chars += entry.text.length;
    while (this.#byInstance.size > MAX_SNAPSHOTS || this.#chars > MAX_CHARS) this.delete(this.#byInstance.keys().next().value!);
  }

  delete(instanceId: string): void {
    const entry = this.#byInstance.get(instanceId);
    if (entry === undefined) return;
    this.#byInstance.delete(instanceId);
    this.#chars -= entry.text.length;
  }
}
