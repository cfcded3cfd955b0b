import { describe, expect, it } from 'vitest';
import { candidatePairs, unpackPair, ALL_PAIRS_MAX } from '../../src/index/lsh.js';
import { candidateProbability, chooseBands, RECALL_AT_THRESHOLD } from '../../src/index/bands.js';
import { signatureOph, EMPTY } from '../../src/sketch/minhash.js';
import { mulberry32 } from '../../src/text/hash.js';
import { toShingleSet } from '../../src/text/shingle.js';

describe('chooseBands', () => {
  it('tunes for recall: a pair at the threshold is a candidate with probability >= 0.95', () => {
    for (const t of [0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1]) {
      for (const k of [64, 128, 256]) {
        const { bands, rows } = chooseBands(t, k);
        expect(bands * rows).toBeLessThanOrEqual(k);
        expect(candidateProbability(t, bands, rows)).toBeGreaterThanOrEqual(RECALL_AT_THRESHOLD);
        // and it is the tightest such choice: one more row would miss the target
        const tighter = Math.floor(k / (rows + 1));
        if (tighter >= 1) expect(candidateProbability(t, tighter, rows + 1)).toBeLessThan(RECALL_AT_THRESHOLD);
      }
    }
  });

  it('beats the balanced choice on recall at 0.8 (16 x 8 class, not 9 x 13)', () => {
    const { bands, rows } = chooseBands(0.8, 128);
    expect(candidateProbability(0.8, bands, rows)).toBeGreaterThan(candidateProbability(0.8, 9, 13) + 0.2);
  });
});

/** n documents, each a random set; pairs (2i, 2i+1) planted at Jaccard ≈ j. */
function plantedSignatures(n: number, j: number, seed: number) {
  const rand = mulberry32(seed);
  const k = 128;
  const values = new Uint32Array(n * k);
  const size = 300;
  for (let d = 0; d < n; d += 2) {
    const shared = Math.round((2 * size * j) / (1 + j));
    const common = Array.from({ length: shared }, () => rand());
    const a = toShingleSet(Uint32Array.from([...common, ...Array.from({ length: size - shared }, () => rand())]));
    const b = toShingleSet(Uint32Array.from([...common, ...Array.from({ length: size - shared }, () => rand())]));
    values.set(signatureOph(a, k, 1), d * k);
    values.set(signatureOph(b, k, 1), (d + 1) * k);
  }
  return { count: n, numPerm: k, values };
}

describe('candidatePairs', () => {
  it('follows the S-curve: planted pairs at the threshold become candidates at the stated rate', () => {
    const t = 0.6;
    const params = chooseBands(t, 128);
    const sigs = plantedSignatures(1200, t, 5);
    const cands = candidatePairs(sigs, params);
    let found = 0;
    for (const p of cands) {
      const [a, b] = unpackPair(p, sigs.count);
      if (a % 2 === 0 && b === a + 1) found++;
    }
    const rate = found / 600;
    expect(rate).toBeGreaterThan(candidateProbability(t, params.bands, params.rows) - 0.05);
    // unrelated documents almost never collide
    expect(cands.length - found).toBeLessThan(20);
  });

  it('returns ascending, unique pairs with a < b and skips empty signatures', () => {
    const k = 16;
    const same = signatureOph(Uint32Array.of(1, 2, 3), k, 1);
    const values = new Uint32Array(4 * k);
    values.set(same, 0);
    values.set(same, k);
    values.fill(EMPTY, 2 * k, 4 * k); // two empty documents: never paired
    const cands = candidatePairs({ count: 4, numPerm: k, values }, { bands: 4, rows: 4 });
    expect(Array.from(cands).map((p) => unpackPair(p, 4))).toEqual([[0, 1]]);
  });

  it('keeps a huge bucket linear: star + chain instead of all pairs', () => {
    const k = 16;
    const n = 500;
    const sig = signatureOph(Uint32Array.of(9, 8, 7), k, 1);
    const values = new Uint32Array(n * k);
    for (let d = 0; d < n; d++) values.set(sig, d * k);
    const cands = candidatePairs({ count: n, numPerm: k, values }, { bands: 4, rows: 4 });
    expect(n).toBeGreaterThan(ALL_PAIRS_MAX);
    expect(cands.length).toBeLessThanOrEqual(2 * n);
    // every document is still connected to the first
    const linked = new Set<number>();
    for (const p of cands) linked.add(unpackPair(p, n)[1]);
    expect(linked.size).toBe(n - 1);
  });
});
