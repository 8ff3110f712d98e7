/** How much a run measures: `--quick` finishes in under two minutes on 2 cores; the full run takes longer and measures more. */
export interface BenchMode {
  quick: boolean;
  /** Measured rounds per engine (after one warm-up round); figures are their medians. */
  engineRounds: number;
  /** Length of one engine round per engine, in milliseconds (bpmn-engine: at least 3 instances). */
  engineRoundMs: number;
  /** Live snapshots held at once for the heap figure (reported per 100,000). */
  heapSnapshots: number;
  /** Concurrent HTTP clients of the server bench. */
  clients: readonly number[];
  /** Length of one server measurement per client count, in milliseconds. */
  serverRunMs: number;
  /** Open tasks generated for the inbox figures. */
  inboxSizes: readonly number[];
  /** Inbox requests timed per size (at least 30, at most this many)… */
  inboxRequests: number;
  /** …within about this many milliseconds of requests. */
  inboxBudgetMs: number;
}

export const QUICK: BenchMode = {
  quick: true, engineRounds: 3, engineRoundMs: 500, heapSnapshots: 10_000,
  clients: [1, 16, 64], serverRunMs: 2_500, inboxSizes: [100_000], inboxRequests: 300, inboxBudgetMs: 8_000,
};

export const FULL: BenchMode = {
  quick: false, engineRounds: 7, engineRoundMs: 2_000, heapSnapshots: 100_000,
  clients: [1, 16, 64], serverRunMs: 10_000, inboxSizes: [100_000, 1_000_000], inboxRequests: 600, inboxBudgetMs: 90_000,
};
