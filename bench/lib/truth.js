/**
 * Ground truth for the bench: exact Jaccard similarity of word 5-shingle sets, computed
 * independently of dedupe. Words are maximal runs of letters and digits (\p{L}\p{N}),
 * lower-cased. This only approximates dedupe's own normalization (Unicode normalization,
 * apostrophes, hashing collisions), so values can differ from dedupe's by a little.
 */

/** Shingle size in words, as dedupe's default `--shingle-size 5`. */
export const SHINGLE_SIZE = 5;

/**
 * @param {string} text
 * @returns {string[]} lower-cased words
 */
export function words(text) {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The set of word k-shingles of a text; a text with fewer than k words (but at least one)
 * has one shingle, all its words.
 * @param {string} text
 * @param {number} [k]
 * @returns {Set<string>}
 */
export function shingleSet(text, k = SHINGLE_SIZE) {
  const w = words(text);
  const set = new Set();
  if (w.length === 0) return set;
  if (w.length < k) {
    set.add(w.join(' '));
    return set;
  }
  for (let i = 0; i + k <= w.length; i++) set.add(w.slice(i, i + k).join(' '));
  return set;
}

/**
 * Exact Jaccard |A∩B| / |A∪B| ∈ [0, 1]; two empty sets have Jaccard 1.
 * @param {Set<string>} a
 * @param {Set<string>} b
 * @returns {number}
 */
export function jaccard(a, b) {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const s of small) if (large.has(s)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * @param {string} x
 * @param {string} y
 * @returns {number} exact word 5-shingle Jaccard of two texts
 */
export function textJaccard(x, y) {
  return jaccard(shingleSet(x), shingleSet(y));
}
