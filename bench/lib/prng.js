/**
 * A small seeded PRNG for the bench corpus: deterministic across runs and Node versions.
 * mulberry32 (Tommy Ettinger, public domain): 32-bit state, period 2^32, good enough for
 * sampling and planting edits. Never Math.random: the corpus must be reproducible.
 */

/**
 * @param {number} seed 32-bit unsigned seed
 * @returns {{ next: () => number, int: (n: number) => number, pick: <T>(xs: readonly T[]) => T,
 *   shuffle: <T>(xs: T[]) => T[], chance: (p: number) => boolean }}
 *   next() ∈ [0, 1); int(n) ∈ [0, n); shuffle is in place (Fisher–Yates) and returns xs
 */
export function createPrng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: (xs) => xs[int(xs.length)],
    shuffle: (xs) => {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const t = xs[i];
        xs[i] = xs[j];
        xs[j] = t;
      }
      return xs;
    },
    chance: (p) => next() < p,
  };
}

/**
 * Derives an independent seed from a base seed and a label (FNV-1a over the label), so that
 * adding a source or a step does not shift every other random stream.
 * @param {number} seed 32-bit unsigned
 * @param {string} label
 * @returns {number} 32-bit unsigned
 */
export function deriveSeed(seed, label) {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
