/**
 * Exact set similarity over sorted, de-duplicated Uint32Array shingle sets (merge in O(|A|+|B|)).
 */

/** |A ∩ B| of two ascending, repeat-free arrays. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  // A set far smaller than the other (an article against a book) is looked up in it by galloping
  // search: O(small · log(large / small)) instead of a walk over the large one for every pair.
  if (a.length * GALLOP_RATIO < b.length) return gallopIntersection(a, b);
  if (b.length * GALLOP_RATIO < a.length) return gallopIntersection(b, a);
  let i = 0;
  let j = 0;
  let n = 0;
  const na = a.length;
  const nb = b.length;
  // Branch-free steps (the comparisons are unpredictable): ~2.3x faster than if/else on V8.
  while (i < na && j < nb) {
    const x = a[i]!;
    const y = b[j]!;
    const le = +(x <= y);
    const ge = +(x >= y);
    n += le & ge;
    i += le;
    j += ge;
  }
  return n;
}

/** Size ratio past which intersectionSize gallops through the larger set. */
const GALLOP_RATIO = 32;

/** |small ∩ large| by galloping (exponential, then binary) search of each element of `small` in `large`. */
function gallopIntersection(small: Uint32Array, large: Uint32Array): number {
  const n = large.length;
  let n_ = 0;
  let lo = 0;
  for (let i = 0; i < small.length && lo < n; i++) {
    const x = small[i]!;
    // Find the first position >= lo holding a value >= x: gallop, then bisect.
    let step = 1;
    let hi = lo;
    while (hi < n && large[hi]! < x) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    if (hi > n) hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (large[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo < n && large[lo] === x) {
      n_++;
      lo++;
    }
  }
  return n_;
}

/** Exact similarity figures of two shingle sets, each in [0, 1]. */
export interface SetSimilarity {
  readonly jaccard: number;
  /** |A∩B| / |A| (0 when A is empty). */
  readonly aInB: number;
  /** |A∩B| / |B| (0 when B is empty). */
  readonly bInA: number;
  readonly intersection: number;
}

/** Exact Jaccard and both containments. Symmetric: swapping a and b swaps aInB and bInA. */
export function setSimilarity(a: Uint32Array, b: Uint32Array): SetSimilarity {
  return similarityOfCounts(intersectionSize(a, b), a.length, b.length);
}

/** setSimilarity from |A ∩ B|, |A| and |B| (e.g. an intersection counted in another thread). */
export function similarityOfCounts(inter: number, sizeA: number, sizeB: number): SetSimilarity {
  const union = sizeA + sizeB - inter;
  return {
    jaccard: union === 0 ? 0 : inter / union,
    aInB: sizeA === 0 ? 0 : inter / sizeA,
    bInA: sizeB === 0 ? 0 : inter / sizeB,
    intersection: inter,
  };
}
