/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), so that
 * `lenght` is one edit from `length`. Returns early with `limit + 1` once every cell of a row
 * exceeds `limit`, which keeps long inputs cheap.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (prevPrev[j - 2] ?? 0) + 1);
      }
      row.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? limit + 1;
}

/**
 * The candidate most likely meant by a misspelt `name`, for "did you mean …?" hints, or
 * `undefined` when nothing is close enough.
 *
 * A case-insensitive exact match wins; otherwise the candidate with the smallest edit distance,
 * accepted when that distance is at most half the length of `name` (so `lenght` → `len` and
 * `dta` → `data`, but `foo` suggests nothing). Ties go to the earlier candidate, which makes the result
 * deterministic for a given candidate order.
 */
export function suggestClosest(name: string, candidates: readonly string[]): string | undefined {
  if (name.length === 0) return undefined;
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    if (candidate !== name && candidate.toLowerCase() === lower) return candidate;
  }
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === name || candidate.length === 0) continue;
    const limit = Math.floor(name.length / 2);
    if (limit < 1) continue;
    const distance = editDistance(lower, candidate.toLowerCase(), Math.min(limit, bestDistance - 1));
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
