import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { balancedCut } from '../../src/parallel/df.js';

describe('balancedCut', () => {
  test('a rank in [0, n], not decreasing with the share, 0 at share 0 and n past share 1', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (list, x, y) => {
        const keys = Uint32Array.from(list).sort();
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const a = balancedCut(keys, lo);
        const b = balancedCut(keys, hi);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThanOrEqual(keys.length);
        expect(a).toBeLessThanOrEqual(b);
        expect(balancedCut(keys, 0)).toBe(0);
        expect(balancedCut(keys, 1.01)).toBe(keys.length);
      }),
      { numRuns: 300 },
    );
  });

  test('keys spread evenly are cut in half at the middle; keys crowded in low hashes are cut later (their shingles lie above them)', () => {
    const even = Uint32Array.from({ length: 1000 }, (_, i) => Math.floor((i + 0.5) * (2 ** 32 / 1000)));
    expect(Math.abs(balancedCut(even, 0.5) - 500)).toBeLessThanOrEqual(1);
    // Window minima: 90% of the keys in the lowest eighth of the hash values.
    const crowded = Uint32Array.from({ length: 1000 }, (_, i) => (i < 900 ? Math.floor((i / 900) * 2 ** 29) : 2 ** 29 + Math.floor(((i - 900) / 100) * (2 ** 32 - 2 ** 29))));
    expect(balancedCut(crowded, 0.5)).toBeGreaterThan(500);
    expect(balancedCut(crowded, 0.5)).toBeLessThan(1000);
  });
});
