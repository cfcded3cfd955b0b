import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersectionSize, setSimilarity } from '../../src/sketch/similarity.js';

/** A sorted set of distinct 32-bit values. */
const sortedSet = (maxLength: number, max: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max }), { maxLength }).map((xs) => Uint32Array.from(xs.sort((a, b) => a - b)));

const reference = (a: Uint32Array, b: Uint32Array): number => {
  const inB = new Set(b);
  return a.reduce((n, x) => n + (inB.has(x) ? 1 : 0), 0);
};

describe('intersectionSize', () => {
  it('counts the common elements of sets of similar sizes (the merge)', () => {
    fc.assert(
      fc.property(sortedSet(300, 1000), sortedSet(300, 1000), (a, b) => {
        expect(intersectionSize(a, b)).toBe(reference(a, b));
        expect(intersectionSize(b, a)).toBe(reference(a, b));
      }),
    );
  });

  it('counts them when one set is far larger than the other (the galloping search), both ways', () => {
    fc.assert(
      fc.property(sortedSet(20, 50_000), sortedSet(5000, 50_000), fc.integer({ min: 0, max: 4999 }), (small, large, k) => {
        // Make some elements common, the first and last of the large set among them.
        const picked = large.length === 0 ? small : Uint32Array.from(new Set([...small, large[0]!, large[large.length - 1]!, large[k % large.length]!]));
        picked.sort();
        expect(intersectionSize(picked, large)).toBe(reference(picked, large));
        expect(intersectionSize(large, picked)).toBe(reference(picked, large));
      }),
      { numRuns: 300 },
    );
    // Every gap pattern: the small set takes every g-th element of the large one (g past the
    // galloping ratio), from every start, with non-members between them.
    const large = Uint32Array.from({ length: 3000 }, (_, i) => 2 * i);
    for (let g = 33; g <= 90; g++) {
      for (let start = 0; start < g; start++) {
        const small: number[] = [];
        for (let i = start; i < large.length; i += g) small.push(large[i]! - 1, large[i]!);
        const a = Uint32Array.from(small.filter((x) => x >= 0));
        const want = Math.ceil((large.length - start) / g);
        if (intersectionSize(a, large) !== want) expect([g, start, intersectionSize(a, large)]).toEqual([g, start, want]);
      }
    }
    // Values past 2^31 compare as unsigned.
    const big = Uint32Array.from({ length: 4000 }, (_, i) => 0x80000000 + 2 * i);
    expect(intersectionSize(Uint32Array.of(5, 0x80000000, 0x80000002 + 2 * 3999 - 2, 0xffffffff), big)).toBe(2);
  });

  it('gives Jaccard and both containments', () => {
    const s = setSimilarity(Uint32Array.of(1, 2, 3, 4), Uint32Array.of(3, 4, 5));
    expect(s).toEqual({ jaccard: 2 / 5, aInB: 2 / 4, bInA: 2 / 3, intersection: 2 });
  });
});
