import { describe, expect, it } from 'vitest';
import { WRITTEN_SNAPSHOT_LIMITS, WrittenSnapshots } from '../src/store/writtenSnapshots.js';

const entry = (chars: number, version = 1) => ({ version, text: 'x'.repeat(chars), definitionId: 'd', definitionVersion: 1 });

describe('the snapshots a store remembers writing', () => {
  it('forgets the oldest written once the count is reached; writing one again makes it the newest', () => {
    const written = new WrittenSnapshots();
    for (let i = 0; i < WRITTEN_SNAPSHOT_LIMITS.snapshots; i += 1) written.set(`case-${i}`, entry(10));
    written.set('case-0', entry(10, 2));
    written.set('one more', entry(10));
    expect(written.get('case-0')?.version).toBe(2);
    expect(written.get('case-1')).toBeUndefined();
    expect(written.get('case-2')).toBeDefined();
    expect(written.get('one more')).toBeDefined();
  });

  it('forgets the oldest written once their text reaches the bound, and keeps no snapshot longer than the longest allowed', () => {
    const written = new WrittenSnapshots();
    const each = WRITTEN_SNAPSHOT_LIMITS.charsEach;
    const fit = Math.floor(WRITTEN_SNAPSHOT_LIMITS.chars / each);
    for (let i = 0; i <= fit; i += 1) written.set(`case-${i}`, entry(each));
    expect(written.get('case-0')).toBeUndefined();
    expect(written.get('case-1')).toBeDefined();
    expect(written.get(`case-${fit}`)).toBeDefined();
    written.set('case-1', entry(each + 1));
    expect(written.get('case-1')).toBeUndefined();
    // Forgetting gave its characters back: as many fit as before.
    written.set('small', entry(1));
    expect(written.get('case-2')).toBeDefined();
  });
});
