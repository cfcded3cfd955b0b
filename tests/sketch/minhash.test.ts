import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { classicCoefficients, estimateJaccard, signatureClassic, signatureOph } from '../../src/sketch/minhash.js';
import { setSimilarity } from '../../src/sketch/similarity.js';
import { fmix32, mulberry32 } from '../../src/text/hash.js';
import { toShingleSet } from '../../src/text/shingle.js';

/** Two random sets with a chosen overlap: |A∩B| = shared, |A \ B| = |B \ A| = only. */
function pairOfSets(rand: () => number, shared: number, only: number): [Uint32Array, Uint32Array] {
  const pool = new Set<number>();
  while (pool.size < shared + 2 * only) pool.add(rand());
  const all = [...pool];
  const common = all.slice(0, shared);
  const a = toShingleSet(Uint32Array.from([...common, ...all.slice(shared, shared + only)]));
  const b = toShingleSet(Uint32Array.from([...common, ...all.slice(shared + only)]));
  return [a, b];
}

const K = 128;
const coeffs = classicCoefficients(K, 1);
const kernels = {
  oph: (s: Uint32Array) => signatureOph(s, K, 1),
  classic: (s: Uint32Array) => signatureClassic(s, coeffs),
};

describe.each(Object.entries(kernels))('%s MinHash estimator', (_name, sign) => {
  it('is unbiased with the theoretical error at 128 permutations', () => {
    const rand = mulberry32(42);
    const errors: number[] = [];
    for (let trial = 0; trial < 400; trial++) {
      const size = 20 + (rand() % 2000);
      const shared = rand() % (size + 1);
      const [a, b] = pairOfSets(rand, shared, size - shared);
      const exact = setSimilarity(a, b).jaccard;
      errors.push(estimateJaccard(sign(a), sign(b)) - exact);
    }
    const mae = errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length;
    const bias = errors.reduce((s, e) => s + e, 0) / errors.length;
    // sqrt(J(1-J)/K) averages to ~0.03 over J uniform in [0, 1]; its mean absolute value a bit less.
    expect(mae).toBeLessThan(0.04);
    expect(mae).toBeGreaterThan(0.01); // a real estimate, not an exact computation
    expect(Math.abs(bias)).toBeLessThan(0.01);
  });

  it('gives identical signatures for identical sets, whatever their order', () => {
    const rand = mulberry32(7);
    const xs = Uint32Array.from({ length: 500 }, () => rand());
    const shuffled = Uint32Array.from(xs).reverse();
    expect(sign(toShingleSet(xs))).toEqual(sign(toShingleSet(shuffled)));
    expect(estimateJaccard(sign(xs), sign(shuffled))).toBe(1);
  });

  it('estimates small sets (fewer shingles than permutations) without bias', () => {
    const rand = mulberry32(9);
    let sum = 0;
    const trials = 300;
    for (let i = 0; i < trials; i++) {
      const [a, b] = pairOfSets(rand, 10, 10); // J = 1/3
      sum += estimateJaccard(sign(a), sign(b));
    }
    expect(Math.abs(sum / trials - 1 / 3)).toBeLessThan(0.03);
  });
});

describe('signatures', () => {
  it('are fixed for a fixed seed (same values on every machine and run)', () => {
    const set = toShingleSet(Uint32Array.from([1, 2, 3, 0xffffffff, 123456789]));
    expect(Array.from(signatureOph(set, 8, 1))).toEqual(Array.from(signatureOph(set, 8, 1)));
    expect(signatureOph(set, 8, 1)).not.toEqual(signatureOph(set, 8, 2));
    // Golden values: a change here changes every user's signatures; bump the JSON version if intended.
    expect(Array.from(signatureOph(set, 4, 1))).toMatchInlineSnapshot(`
      [
        2755360876,
        1641337452,
        2755360876,
        1641337452,
      ]
    `);
  });

  it('agree with the minhash npm package on what they estimate', () => {
    const require = createRequire(import.meta.url);
    const { Minhash } = require('minhash') as { Minhash: new (o?: { numPerm?: number }) => { update(s: string): void; jaccard(o: unknown): number } };
    const rand = mulberry32(3);
    const diffs: number[] = [];
    for (let t = 0; t < 40; t++) {
      const [a, b] = pairOfSets(rand, 100 + (rand() % 200), 50 + (rand() % 200));
      const ma = new Minhash({ numPerm: K });
      const mb = new Minhash({ numPerm: K });
      a.forEach((x) => ma.update(String(x)));
      b.forEach((x) => mb.update(String(x)));
      diffs.push(Math.abs(ma.jaccard(mb) - estimateJaccard(kernels.oph(a), kernels.oph(b))));
    }
    // Two independent estimators of the same J: their difference is within a few standard errors.
    expect(diffs.reduce((s, d) => s + d, 0) / diffs.length).toBeLessThan(0.08);
  });
});

describe('optimal densification', () => {
  /** The definition: empty bin i takes the first filled bin of its seeded probe sequence. */
  function reference(set: Uint32Array, k: number, seed: number): Uint32Array {
    const sig = new Uint32Array(k).fill(0xffffffff);
    const salt = fmix32(seed ^ 0x6f6e6570);
    for (const x of set) {
      const h = fmix32((x ^ salt) >>> 0);
      const bin = ((h >>> 16) * k) >>> 16;
      if (h < sig[bin]!) sig[bin] = h;
    }
    const filled = sig.map((v) => (v === 0xffffffff ? 0 : 1));
    const out = Uint32Array.from(sig);
    for (let i = 0; i < k; i++) {
      if (filled[i]) continue;
      for (let a = 1; ; a++) {
        const r = fmix32((Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(a, 0x85ebca6b) ^ salt) >>> 0);
        const j = ((r >>> 16) * k) >>> 16;
        if (filled[j]) {
          out[i] = sig[j]!;
          break;
        }
      }
    }
    return out;
  }

  it('gives the same signatures on its fast paths (few or many filled bins) as the definition', () => {
    const rand = mulberry32(77);
    for (const size of [1, 2, 3, 5, 11, 40, 300]) {
      for (let t = 0; t < 5; t++) {
        const set = toShingleSet(Uint32Array.from({ length: size }, () => rand()));
        expect(Array.from(signatureOph(set, 128, 3))).toEqual(Array.from(reference(set, 128, 3)));
      }
    }
  });
});
