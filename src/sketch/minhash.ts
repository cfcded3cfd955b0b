/**
 * MinHash signatures (Broder 1997, "On the resemblance and containment of documents").
 *
 * Two kernels over a sorted shingle set, both seeded and exact in 32-bit integer arithmetic:
 *
 * - `signatureOph` (default): one-permutation hashing (Li, Owen, Zhang 2012) with optimal
 *   densification (Shrivastava 2017). Each shingle is hashed once; its hash picks one of K
 *   bins by its high bits and competes for that bin's minimum. Empty bins borrow the value of
 *   a non-empty bin chosen by a seeded hash of (bin, attempt), the same for every document,
 *   which keeps P[sig_A[i] = sig_B[i]] = J(A, B). Cost: O(|S| + K) per document.
 * - `signatureClassic`: K independent hash functions h_i(x) = fmix32(a_i·x + b_i mod 2^32),
 *   a_i odd; cost O(|S|·K). Kept as the reference and for `--sketch classic`.
 *
 * For both, the fraction of equal positions estimates the Jaccard similarity; its standard
 * error is sqrt(J(1-J)/K) (≈0.044 at J=0.5, K=128).
 */
import { fmix32, mulberry32 } from '../text/hash.js';

/** Signature entries are 32-bit; this marks "no value" (only a document with no shingles has it). */
export const EMPTY = 0xffffffff;

/** Which signature kernel to use. */
export type SketchKind = 'oph' | 'classic';

/**
 * One-permutation MinHash signature with optimal densification.
 * @param set shingle hashes (any order; repeats are harmless)
 * @param k number of bins (signature length), 1..65536
 * @param seed 32-bit seed
 * @param out optional output array of length k (filled)
 * @returns the signature; all EMPTY when `set` is empty
 */
export function signatureOph(set: Uint32Array, k: number, seed: number, out = new Uint32Array(k)): Uint32Array {
  out.fill(EMPTY);
  const salt = fmix32(seed ^ 0x6f6e6570);
  const n = set.length;
  for (let i = 0; i < n; i++) {
    const h = fmix32((set[i]! ^ salt) >>> 0);
    const bin = ((h >>> 16) * k) >>> 16;
    if (h < out[bin]!) out[bin] = h;
  }
  if (n === 0) return out;
  densify(out, k, salt);
  return out;
}

/** Donor bin of empty bin i at attempt (1-based): the same for every document of a run. */
function probe(i: number, attempt: number, k: number, salt: number): number {
  const r = fmix32((Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b) ^ salt) >>> 0);
  return ((r >>> 16) * k) >>> 16;
}

/** Attempts beyond this are never tabled (a donor first seen later is found by probing). */
const MAX_TABLED = 0xffff;
let firstKey = '';
let firstTable = new Uint16Array(0);

/**
 * first[i * k + t]: the first attempt at which bin i's probe sequence reaches bin t (MAX_TABLED if
 * not within MAX_TABLED attempts). Computed once per (k, salt): ~k² ln k hash rounds.
 */
function firstAttempts(k: number, salt: number): Uint16Array {
  const key = `${k}:${salt}`;
  if (key !== firstKey) {
    firstTable = new Uint16Array(k * k).fill(MAX_TABLED);
    for (let i = 0; i < k; i++) {
      let seen = 0;
      for (let a = 1; a < MAX_TABLED && seen < k; a++) {
        const t = probe(i, a, k, salt);
        if (firstTable[i * k + t] === MAX_TABLED) {
          firstTable[i * k + t] = a;
          seen++;
        }
      }
    }
    firstKey = key;
  }
  return firstTable;
}

/**
 * Fills empty bins from non-empty ones (Shrivastava 2017, optimal densification): empty bin i
 * takes the value of the first non-empty bin in its seeded probe sequence. With many filled bins
 * the sequence is walked (~k/filled probes per empty bin); with few, the earliest filled donor is
 * read from the first-attempt table (`filled` reads per empty bin). Both give the same donor.
 */
function densify(sig: Uint32Array, k: number, salt: number): void {
  const filledBins: number[] = [];
  for (let i = 0; i < k; i++) if (sig[i] !== EMPTY) filledBins.push(i);
  const nf = filledBins.length;
  if (nf === 0 || nf === k) return;
  const isFilled = new Uint8Array(k);
  for (const f of filledBins) isFilled[f] = 1;
  const useTable = nf * nf < k;
  const first = useTable ? firstAttempts(k, salt) : undefined;
  for (let i = 0; i < k; i++) {
    if (isFilled[i]) continue;
    let j = -1;
    if (first) {
      let best = MAX_TABLED;
      for (const f of filledBins) {
        const a = first[i * k + f]!;
        if (a < best) {
          best = a;
          j = f;
        }
      }
    }
    for (let attempt = 1; j < 0; attempt++) {
      const t = probe(i, attempt, k, salt);
      if (isFilled[t]) j = t;
    }
    sig[i] = sig[j]!;
  }
}

/** Seeded coefficients of the classic kernel's K hash functions. */
export function classicCoefficients(k: number, seed: number): { a: Uint32Array; b: Uint32Array } {
  const rand = mulberry32(seed);
  const a = new Uint32Array(k);
  const b = new Uint32Array(k);
  for (let i = 0; i < k; i++) {
    a[i] = (rand() | 1) >>> 0;
    b[i] = rand();
  }
  return { a, b };
}

/**
 * Classic K-permutation MinHash signature.
 * @param set shingle hashes
 * @param coeffs from `classicCoefficients(k, seed)`
 * @returns the signature; all EMPTY when `set` is empty
 */
export function signatureClassic(
  set: Uint32Array,
  coeffs: { a: Uint32Array; b: Uint32Array },
  out = new Uint32Array(coeffs.a.length),
): Uint32Array {
  const { a, b } = coeffs;
  const k = a.length;
  out.fill(EMPTY);
  for (let s = 0; s < set.length; s++) {
    const x = set[s]!;
    for (let i = 0; i < k; i++) {
      const v = fmix32((Math.imul(a[i]!, x) + b[i]!) >>> 0);
      if (v < out[i]!) out[i] = v;
    }
  }
  return out;
}

/**
 * Estimated Jaccard similarity: the fraction of equal signature positions.
 * @returns a value in [0, 1]; 0 when either signature is empty
 */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const k = Math.min(a.length, b.length);
  if (k === 0) return 0;
  let eq = 0;
  for (let i = 0; i < k; i++) if (a[i] === b[i] && a[i] !== EMPTY) eq++;
  return eq / k;
}
