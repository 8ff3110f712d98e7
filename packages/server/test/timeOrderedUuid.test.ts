import { describe, expect, it } from 'vitest';
import { timeOrderedUuid } from '../src/instances/timeOrderedUuid.js';

describe('timeOrderedUuid (instance ids)', () => {
  it('is a UUID of version 7 and variant 10 whose first 48 bits are the time in milliseconds', () => {
    const at = Date.UTC(2027, 2, 14, 1, 2, 3, 456);
    const id = timeOrderedUuid(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts as text in the order of the times it was made at, and differs at the same millisecond', () => {
    const times = [Date.UTC(2026, 11, 7), Date.UTC(2026, 11, 7) + 1, Date.UTC(2026, 11, 8), Date.UTC(2030, 0, 1)];
    const ids = times.map((t) => timeOrderedUuid(t));
    expect([...ids].sort()).toEqual(ids);
    const same = new Set(Array.from({ length: 1000 }, () => timeOrderedUuid(times[0])));
    expect(same.size).toBe(1000);
  });
});
