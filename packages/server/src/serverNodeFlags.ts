/**
 * The Node.js flags the server runs with (`npm start`; the bench starts its server the same way).
 * They are process flags, so an app that embeds the server sets them on its own `node` command.
 *
 * `--max-semi-space-size=64` (MB; Node 20's default is 16): a request's objects live as long as
 * the request, tens of milliseconds on a busy server; with the default young generation a
 * scavenge comes every few dozen requests, finds the ones in flight alive and copies them (twice,
 * then into the old generation). Measured with the bench's workload at 64 clients: scavenge time
 * per completion 70 → 30 µs on the main thread, and less work on V8's helper threads; each pause
 * stays a few milliseconds. Costs up to 3 × 64 MB of address space, resident only as used.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
