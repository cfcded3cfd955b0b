/**
 * 32-bit hashing used by every stage. All arithmetic is exact 32-bit integer arithmetic
 * (`Math.imul`, `>>> 0`), so results are identical on every machine and run.
 *
 * - Tokens: FNV-1a over UTF-16 code units, finished with MurmurHash3's fmix32 avalanche.
 * - Shingles: MurmurHash3_x86_32 (Appleby 2011) over the k token hashes, seeded.
 */

/** FNV-1a 32-bit offset basis. */
export const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a 32-bit prime. */
export const FNV_PRIME = 0x01000193;

/** MurmurHash3 finalizer: a bijection on 32-bit integers with full avalanche. Result in [0, 2^32). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of a (normalized) token string; equal to the scanner's incremental hash of the same code units. */
export function hashToken(token: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), FNV_PRIME);
  return fmix32(h);
}

/** One MurmurHash3 body step: mixes the 32-bit word `k` into state `h`. */
export function murmurStep(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3_x86_32 of the words `values[from .. from+len)`, seeded. Result in [0, 2^32). */
export function murmurWords(values: Uint32Array, from: number, len: number, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < len; i++) h = murmurStep(h, values[from + i]!);
  return fmix32(h ^ (len * 4));
}

/** A small, fast, seeded PRNG (mulberry32) for deriving parameters; deterministic. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}
