/** The in-memory store of automatic persisted queries is bounded by bytes: the least recently used go first. */
import { describe, expect, it } from 'vitest';
import { createApqStore } from '../../../gateway/graphql/persisted/apq-store.js';

describe('in-memory persisted query store', () => {
  it('forgets the least recently used documents past its byte budget, and keeps no oversized one', async () => {
    const store = createApqStore(undefined, { maxBytes: 1000, maxDocumentBytes: 200 });
    const hash = (n: number): string => String(n).padStart(64, '0');
    for (let n = 0; n < 10; n += 1) await store.set(hash(n), 'x'.repeat(100));
    expect(await store.get(hash(0))).toBeUndefined();
    expect(await store.get(hash(9))).toBe('x'.repeat(100));
    await store.set(hash(10), 'y'.repeat(300));
    expect(await store.get(hash(10))).toBeUndefined();
  });
});
