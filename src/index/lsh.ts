/**
 * Candidate pairs from LSH buckets, built by sorting typed arrays (no object per entry).
 *
 * For each band, every document's band hash (MurmurHash3 of its r signature values, seeded
 * by the band number) is packed with its index into one 64-bit word and the words sorted
 * natively; runs of equal hashes are the buckets. A bucket of up to `ALL_PAIRS_MAX` documents
 * yields all its pairs; a larger bucket (a popular article copied many times) yields only
 * pairs with its first member (its representative) plus each member with the next, so the
 * cost stays linear in the bucket size instead of quadratic.
 */
import type { BandParams } from '../types.js';
import { murmurWords } from '../text/hash.js';
import { EMPTY } from '../sketch/minhash.js';

/** Buckets up to this size produce all their pairs; larger ones a star plus a chain. */
export const ALL_PAIRS_MAX = 24;

/** Signatures of n documents, K values each, stored row-major in one array. */
export interface SignatureMatrix {
  readonly count: number;
  readonly numPerm: number;
  /** `values[d * numPerm + i]` is position i of document d's signature. */
  readonly values: Uint32Array;
}

/**
 * Candidate pairs of documents that share at least one band.
 * @param sigs the signature matrix; documents whose signature starts with EMPTY are skipped
 * @param params bands × rows (bands · rows <= numPerm)
 * @returns pairs packed as `a * count + b` with a < b, ascending, without repeats
 */
export function candidatePairs(sigs: SignatureMatrix, params: BandParams): Float64Array {
  const { count, numPerm, values } = sigs;
  const { bands, rows } = params;
  const live: number[] = [];
  for (let d = 0; d < count; d++) if (values[d * numPerm] !== EMPTY) live.push(d);
  const m = live.length;
  const packed = new BigUint64Array(m);
  const words = new Uint32Array(packed.buffer); // little-endian: [2i] low = doc, [2i+1] high = hash
  let pairs = new Float64Array(1024);
  let np = 0;
  const push = (x: number, y: number): void => {
    if (np === pairs.length) {
      const next = new Float64Array(pairs.length * 2);
      next.set(pairs);
      pairs = next;
    }
    pairs[np++] = x < y ? x * count + y : y * count + x;
  };
  for (let band = 0; band < bands; band++) {
    for (let i = 0; i < m; i++) {
      const d = live[i]!;
      words[2 * i] = d;
      words[2 * i + 1] = murmurWords(values, d * numPerm + band * rows, rows, band);
    }
    packed.sort();
    let runStart = 0;
    for (let i = 1; i <= m; i++) {
      if (i < m && words[2 * i + 1] === words[2 * runStart + 1]) continue;
      const size = i - runStart;
      if (size > 1) {
        if (size <= ALL_PAIRS_MAX) {
          for (let x = runStart; x < i; x++) for (let y = x + 1; y < i; y++) push(words[2 * x]!, words[2 * y]!);
        } else {
          const rep = words[2 * runStart]!;
          for (let x = runStart + 1; x < i; x++) {
            push(rep, words[2 * x]!);
            if (x + 1 < i) push(words[2 * x]!, words[2 * (x + 1)]!);
          }
        }
      }
      runStart = i;
    }
  }
  const out = pairs.subarray(0, np).sort();
  let w = 0;
  for (let r = 0; r < out.length; r++) if (r === 0 || out[r] !== out[w - 1]) out[w++] = out[r]!;
  return out.slice(0, w);
}

/** Unpacks a pair packed by `candidatePairs`. */
export function unpackPair(packedPair: number, count: number): [number, number] {
  const a = Math.floor(packedPair / count);
  return [a, packedPair - a * count];
}
