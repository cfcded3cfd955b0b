/**
 * Sorting a document's hash values (its shingles, its winnowed fingerprints): arrays of a few
 * hundred to a few thousand 32-bit values spread evenly over their range. One counting pass on
 * the top bits puts them in about one bucket per value, in bucket order; the array is then nearly
 * sorted and an insertion sort finishes it in expected O(n) (Knuth, TAOCP vol. 3, 5.2.5, "sorting
 * by distribution"). Measured on the shingle sequences of 20,000 bench documents (~570 each):
 * 0.23 s against 0.42 s for `TypedArray.prototype.sort`. Values that crowd a few buckets (not
 * hash-like: crafted input) cannot make it quadratic: once the insertion sort has moved more than
 * `MOVES_PER_VALUE` values per value it stops and the native sort finishes the work.
 */

/** Largest array sorted by distribution; longer ones (a book) go to the native sort. */
const MAX_DISTRIBUTED = 1 << 16;

/** Arrays up to this length are insertion-sorted directly. */
const SMALL = 16;

/** Insertion-sort moves per value past which the values are not hash-like (see the file comment). */
const MOVES_PER_VALUE = 8;

/** Bucket counts, shared by every call (single-threaded per isolate); MAX_DISTRIBUTED + 1 entries. */
const counts = new Uint32Array(MAX_DISTRIBUTED + 1);

/**
 * Counts `keys` (2 <= length <= MAX_DISTRIBUTED) by bucket, about one bucket per key: on return
 * `counts[b]` is where bucket b starts in sorted order.
 * @returns the shift that gives a key's bucket (key >>> shift)
 */
function bucketStarts(keys: Uint32Array): number {
  const n = keys.length;
  const bits = 32 - Math.clz32(n - 1);
  const shift = 32 - bits;
  const buckets = 1 << bits;
  counts.fill(0, 0, buckets + 1);
  for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) + 1]!++;
  for (let b = 1; b <= buckets; b++) counts[b]! += counts[b - 1]!;
  return shift;
}

/**
 * The values of `values`, ascending (repeats kept), as a new array.
 * @param values any Uint32Array (not modified)
 */
export function sortedHashes(values: Uint32Array): Uint32Array<ArrayBuffer> {
  const n = values.length;
  if (n > MAX_DISTRIBUTED) return values.slice().sort();
  const out = new Uint32Array(n);
  if (n <= SMALL) {
    out.set(values);
    insertionSort(out, Infinity);
    return out;
  }
  const shift = bucketStarts(values);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    out[counts[v >>> shift]!++] = v;
  }
  if (!insertionSort(out, MOVES_PER_VALUE * n)) out.sort();
  return out;
}

/**
 * Insertion sort of `a` in place, giving up after `budget` moves.
 * @returns true when `a` is sorted, false when the budget ran out (`a` is then a permutation of its values)
 */
function insertionSort(a: Uint32Array, budget: number): boolean {
  let moves = 0;
  for (let i = 1; i < a.length; i++) {
    const v = a[i]!;
    let j = i - 1;
    if (a[j]! <= v) continue;
    while (j >= 0 && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
    moves += i - 1 - j;
    if (moves > budget) return false;
  }
  return true;
}

/**
 * Sorts (hash, payload) pairs by hash, keeping the order of equal hashes (stable), as new arrays:
 * with payloads ascending (positions in a document) the result is sorted by (hash, payload).
 * @param hashes the keys (not modified)
 * @param payloads one value per key, moved with it (not modified)
 */
export function sortedByHash(hashes: Uint32Array, payloads: Uint32Array): { hashes: Uint32Array<ArrayBuffer>; payloads: Uint32Array<ArrayBuffer> } {
  const n = hashes.length;
  const outH = new Uint32Array(n);
  const outP = new Uint32Array(n);
  if (n > MAX_DISTRIBUTED || n <= SMALL) {
    outH.set(hashes);
    outP.set(payloads);
    if (n <= SMALL) insertionSortPairs(outH, outP, Infinity);
    else stableSortPairs(outH, outP);
    return { hashes: outH, payloads: outP };
  }
  const shift = bucketStarts(hashes);
  for (let i = 0; i < n; i++) {
    const h = hashes[i]!;
    const at = counts[h >>> shift]!++;
    outH[at] = h;
    outP[at] = payloads[i]!;
  }
  // The distribution is stable and the insertion sort moves a value only past larger hashes.
  if (!insertionSortPairs(outH, outP, MOVES_PER_VALUE * n)) stableSortPairs(outH, outP);
  return { hashes: outH, payloads: outP };
}

/** insertionSort on keys, moving each payload with its key (stable). */
function insertionSortPairs(h: Uint32Array, p: Uint32Array, budget: number): boolean {
  let moves = 0;
  for (let i = 1; i < h.length; i++) {
    const v = h[i]!;
    let j = i - 1;
    if (h[j]! <= v) continue;
    const pv = p[i]!;
    while (j >= 0 && h[j]! > v) {
      h[j + 1] = h[j]!;
      p[j + 1] = p[j]!;
      j--;
    }
    h[j + 1] = v;
    p[j + 1] = pv;
    moves += i - 1 - j;
    if (moves > budget) return false;
  }
  return true;
}

/**
 * Stable sort of (hash, payload) pairs by hash, in place, whatever their order: the pairs are
 * packed as 64-bit (hash, original index) values and sorted natively.
 */
function stableSortPairs(h: Uint32Array, p: Uint32Array): void {
  const n = h.length;
  const w = new Uint32Array(sortedPacked(h, (i) => i).buffer);
  const payloads = p.slice();
  for (let i = 0; i < n; i++) {
    h[i] = w[2 * i + 1]!;
    p[i] = payloads[w[2 * i]!]!;
  }
}

/**
 * The 64-bit values (hashes[i] << 32 | low(i)), ascending: sorted by hash, then by `low`.
 * @param hashes the high words
 * @param low the low word of entry i (e.g. its index, or a position)
 */
export function sortedPacked(hashes: Uint32Array, low: (i: number) => number): BigUint64Array<ArrayBuffer> {
  const n = hashes.length;
  const packed = new BigUint64Array(n);
  const w = new Uint32Array(packed.buffer); // little-endian: [2i] low word, [2i + 1] high word
  for (let i = 0; i < n; i++) {
    w[2 * i] = low(i);
    w[2 * i + 1] = hashes[i]!;
  }
  return packed.sort();
}
