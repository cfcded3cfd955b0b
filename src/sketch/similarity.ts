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
  while (i < na && j < nb) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
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
  const inter = intersectionSize(a, b);
  const union = a.length + b.length - inter;
  return {
    jaccard: union === 0 ? 0 : inter / union,
    aInB: a.length === 0 ? 0 : inter / a.length,
    bInA: b.length === 0 ? 0 : inter / b.length,
    intersection: inter,
  };
}
