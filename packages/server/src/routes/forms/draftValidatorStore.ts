/** Bounds of a {@link DraftValidatorStore}. */
export interface DraftValidatorStoreOptions {
  /** Most modules kept. Default 200. */
  maxEntries?: number | undefined;
  /** Most bytes of module source kept, all modules together (UTF-8). Default 32 MiB. */
  maxBytes?: number | undefined;
}

/** A stored module: its source and its size in bytes. */
export interface StoredDraftValidator {
  readonly source: string;
  readonly bytes: number;
}

/** The compiled validator modules of draft forms, by key, least recently used first out. */
export interface DraftValidatorStore {
  /** The module stored under `key`, now the most recently used; undefined when never stored or evicted. */
  get(key: string): StoredDraftValidator | undefined;
  /** Stores `source` under `key` and evicts the least recently used until both bounds hold again. */
  put(key: string, source: string): StoredDraftValidator;
  /** How many modules and bytes are kept now. */
  readonly size: { readonly entries: number; readonly bytes: number };
}

export const DEFAULT_DRAFT_VALIDATOR_ENTRIES = 200;
export const DEFAULT_DRAFT_VALIDATOR_BYTES = 32 * 1024 * 1024;

/**
 * An in-memory LRU of compiled draft-form validator modules, bounded by count and by total bytes:
 * a module is 20 kB for a one-field form and about 150 kB for the largest example form, so the
 * defaults keep at most 200 of them in at most 32 MiB. Nothing here outlives the process — a
 * module that was evicted (or lost in a restart) is compiled again when the page asks again.
 * A module larger than `maxBytes` on its own is still handed back by `put`, but not kept.
 */
export function createDraftValidatorStore(options: DraftValidatorStoreOptions = {}): DraftValidatorStore {
  const maxEntries = options.maxEntries ?? DEFAULT_DRAFT_VALIDATOR_ENTRIES;
  const maxBytes = options.maxBytes ?? DEFAULT_DRAFT_VALIDATOR_BYTES;
  for (const [name, value] of [['maxEntries', maxEntries], ['maxBytes', maxBytes]] as const) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`createDraftValidatorStore: ${name} must be a positive integer, got ${String(value)}`);
  }
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, StoredDraftValidator>();
  let bytes = 0;

  const remove = (key: string): void => {
    const found = entries.get(key);
    if (!found) return;
    entries.delete(key);
    bytes -= found.bytes;
  };

  return {
    get(key) {
      const found = entries.get(key);
      if (!found) return undefined;
      entries.delete(key);
      entries.set(key, found);
      return found;
    },
    put(key, source) {
      remove(key);
      const stored: StoredDraftValidator = { source, bytes: Buffer.byteLength(source, 'utf8') };
      entries.set(key, stored);
      bytes += stored.bytes;
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        remove(oldest);
      }
      return stored;
    },
    get size() {
      return { entries: entries.size, bytes };
    },
  };
}
