/**
 * Shingles: every run of k consecutive tokens (w-shingling, Broder 1997), hashed to
 * 32 bits with seeded MurmurHash3 over the k token hashes.
 *
 * A document with fewer than k tokens (but at least one) has a single shingle made of all
 * its tokens, so short documents are still fingerprinted; a document with no tokens has none.
 */
import type { Tokens } from '../types.js';
import { hashToken, murmurWords } from './hash.js';
import { normalizeToken } from './normalize.js';
import { sortedHashes } from '../util/sort-hashes.js';

/** Seed of the shingle hash (fixed: shingle hashes are part of the document fingerprint). */
export const SHINGLE_SEED = 0x5eed5eed;

/**
 * Per-position shingle hashes of a token sequence.
 * @param hashes token hashes; only `[0, count)` is read
 * @param count number of tokens
 * @param k shingle size in tokens (>= 1)
 * @returns `max(count - k + 1, count > 0 ? 1 : 0)` hashes; entry i covers tokens [i, i + k)
 */
export function shingleSequence(hashes: Uint32Array, count: number, k: number): Uint32Array {
  if (count === 0) return new Uint32Array(0);
  if (count < k) {
    const one = new Uint32Array(1);
    one[0] = murmurWords(hashes, 0, count, SHINGLE_SEED);
    return one;
  }
  const n = count - k + 1;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = murmurWords(hashes, i, k, SHINGLE_SEED);
  return out;
}

/**
 * The set of shingle hashes: sorted ascending, without repeats.
 * @param sequence shingle hashes in any order (not modified)
 */
export function toShingleSet(sequence: Uint32Array): Uint32Array {
  if (sequence.length === 0) return sequence;
  const sorted = sortedHashes(sequence);
  let w = 1;
  for (let r = 1; r < sorted.length; r++) {
    if (sorted[r] !== sorted[w - 1]) sorted[w++] = sorted[r]!;
  }
  return w === sorted.length ? sorted : sorted.slice(0, w);
}

/**
 * Character k-gram shingles (`--unit char`) over the normalized text: tokens normalized and
 * joined by single spaces. Each k-gram of UTF-16 code units is hashed.
 * @returns per-position hashes (one hash when the normalized text is shorter than k)
 */
export function charShingleSequence(text: string, tokens: Tokens, k: number): Uint32Array {
  const parts: string[] = [];
  for (let i = 0; i < tokens.count; i++) parts.push(normalizeToken(text.slice(tokens.starts[i], tokens.ends[i])));
  const norm = parts.join(' ');
  if (norm.length === 0) return new Uint32Array(0);
  if (norm.length <= k) return Uint32Array.of(hashToken(norm));
  const n = norm.length - k + 1;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = hashToken(norm.slice(i, i + k));
  return out;
}
