import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sortedByHash, sortedHashes } from '../../src/util/sort-hashes.js';
import { sortSeeds } from '../../src/overlap/align.js';

/** Values as the sorts meet them: hash-like, crowded into a few buckets (small values), or many repeats. */
const values = fc.oneof(
  fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 3000 }),
  fc.array(fc.nat({ max: 5000 }), { maxLength: 3000 }),
  fc.array(fc.constantFrom(0, 1, 0x80000000, 0xffffffff, 12345), { maxLength: 500 }),
);

/** A Uint32Array of n values spread like hashes, from a fixed seed. */
function hashLike(n: number, seed: number): Uint32Array {
  const out = new Uint32Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x >>> 0;
  }
  return out;
}

describe('sortedHashes', () => {
  it('is the native sort of any values, and leaves its input alone', () => {
    fc.assert(
      fc.property(values, (xs) => {
        const input = Uint32Array.from(xs);
        const before = input.slice();
        expect([...sortedHashes(input)]).toEqual([...input.slice().sort()]);
        expect(input).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('sorts at every size path: tiny, distributed, crowded into one bucket (the fallback), past the distribution limit', () => {
    for (const n of [0, 1, 2, 16, 17, 600, 65_536, 65_537, 200_000]) {
      const h = hashLike(n, n + 7);
      expect(sortedHashes(h)).toEqual(h.slice().sort());
    }
    // 20,000 distinct values under 2^16: the top 15 bits are all 0, one bucket holds everything
    // in random order, and the insertion sort's budget runs out.
    const crowded = hashLike(20_000, 3).map((v) => v & 0xffff);
    expect(sortedHashes(crowded)).toEqual(crowded.slice().sort());
    // Descending hash-like values: the worst case of an insertion sort within buckets.
    const desc = hashLike(5000, 9).sort().reverse();
    expect(sortedHashes(desc)).toEqual(desc.slice().sort());
  });
});

describe('sortedByHash', () => {
  /** The reference: a stable sort of indexes by hash. */
  function reference(h: Uint32Array, p: Uint32Array): { hashes: number[]; payloads: number[] } {
    const order = [...h.keys()].sort((x, y) => h[x]! - h[y]! || x - y);
    return { hashes: order.map((i) => h[i]!), payloads: order.map((i) => p[i]!) };
  }

  it('sorts by hash, stably, moving each payload with its hash', () => {
    fc.assert(
      fc.property(values, (xs) => {
        const h = Uint32Array.from(xs);
        const p = Uint32Array.from(xs, (_, i) => (i * 2654435761) >>> 0); // payloads not in hash order
        const got = sortedByHash(h, p);
        const want = reference(h, p);
        expect([...got.hashes]).toEqual(want.hashes);
        expect([...got.payloads]).toEqual(want.payloads);
      }),
      { numRuns: 300 },
    );
    for (const [n, mask] of [[17, 0xff00000f], [65_537, 0xff00000f], [20_000, 0xff]] as const) {
      // Many equal hashes; with 0xff, all in one bucket in random order (the insertion sort gives up).
      const h = hashLike(n, 11).map((v) => v & mask);
      const p = Uint32Array.from({ length: n }, (_, i) => i);
      const got = sortedByHash(h, p);
      const want = reference(h, p);
      expect([...got.hashes]).toEqual(want.hashes);
      expect([...got.payloads]).toEqual(want.payloads);
    }
  });
});

describe('sortSeeds', () => {
  /** The (hash, position) order of a 64-bit sort, as the seeded aligner wants it. */
  function bySeed(h: Uint32Array, p: Uint32Array): [number, number][] {
    return [...h.keys()].map((i): [number, number] => [h[i]!, p[i]!]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  }

  it('orders by (hash, position) whether the positions ascend (winnowing) or not', () => {
    fc.assert(
      fc.property(values, fc.boolean(), (xs, ascending) => {
        const h = Uint32Array.from(xs);
        const p = Uint32Array.from(xs, (_, i) => (ascending ? 3 * i + 1 : (i * 40503) % 65521));
        const { seedHashes, seedPositions } = sortSeeds(h, p);
        expect([...seedHashes].map((x, i) => [x, seedPositions[i]!])).toEqual(bySeed(h, p));
      }),
      { numRuns: 300 },
    );
  });
});
