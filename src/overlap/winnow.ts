/**
 * Winnowing: a sparse set of fingerprints per document that still catches every shared
 * passage of a guaranteed length (Schleimer, Wilkerson, Aiken, "Winnowing: local algorithms
 * for document fingerprinting", SIGMOD 2003).
 *
 * Over the sequence of k-token shingle hashes, every window of `w` consecutive hashes selects
 * its minimum, and each selected (hash, position) is recorded once. This is the paper's
 * *robust* winnowing: when the position selected for the previous window is still inside the
 * window and still a minimum, it stays selected; otherwise the rightmost minimum is taken.
 * (Plain rightmost-minimum winnowing re-selects on every step of a run of equal hashes, e.g.
 * "the the the …"; the robust rule records such a run only about once per w positions.)
 *
 * Guarantees, with k-token shingles and T = w + k - 1:
 * - Density: every window of w consecutive shingle positions contains a selected position,
 *   so consecutive selected positions are at most w apart.
 * - Detection: two documents that share a run of at least T tokens share w consecutive
 *   shingles, i.e. a whole window with identical content; both select its minimum, so they
 *   have at least one common fingerprint hash. (A run shorter than the noise threshold k is
 *   never detected; runs between k and T tokens may or may not be.)
 * - Expected density for random hashes is 2 / (w + 1) fingerprints per shingle.
 */

/** Fingerprints selected by `winnow`: parallel arrays, positions strictly ascending. */
export interface Winnowed {
  /** Selected shingle hashes (repeats allowed: the same hash selected at two positions). */
  readonly hashes: Uint32Array;
  /** Position (shingle index) of each selected hash, strictly ascending. */
  readonly positions: Uint32Array;
}

/**
 * Minimum of a sliding window, O(1) amortized per position: a monotonic deque of positions with
 * strictly increasing values in a ring of `capacity` (>= the window), so the front is the
 * rightmost minimum. Used by winnowing and by the aligner's boilerplate cutting.
 */
export class SlidingMin {
  private readonly dq: Uint32Array;
  private head = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.dq = new Uint32Array(Math.max(1, capacity));
  }

  /** Empties the window. */
  reset(): void {
    this.head = 0;
    this.size = 0;
  }

  /**
   * Slides the window to [start, i] (positions ascending, one call per i).
   * @returns the position of the rightmost minimum of values[start..i]
   */
  push(values: Uint32Array, i: number, start: number): number {
    const { dq } = this;
    const cap = dq.length;
    // Only the front can fall out (positions in the deque are increasing).
    if (this.size > 0 && dq[this.head]! < start) {
      this.head = this.head + 1 === cap ? 0 : this.head + 1;
      this.size--;
    }
    // Drop from the back every position whose value is >= values[i]: it can no longer be the rightmost minimum.
    const h = values[i]!;
    while (this.size > 0) {
      let back = this.head + this.size - 1;
      if (back >= cap) back -= cap;
      if (values[dq[back]!]! < h) break;
      this.size--;
    }
    let slot = this.head + this.size;
    if (slot >= cap) slot -= cap;
    dq[slot] = i;
    this.size++;
    return dq[this.head]!;
  }
}

/** Windows up to this size find their minimum by rescanning (see winnow). */
const RESCAN_WINDOW = 24;

/**
 * Robust winnowing of a shingle-hash sequence, O(n) with a monotonic deque kept in a typed array.
 * @param seq shingle hashes in document order (entry i covers tokens [i, i + k)); not modified
 * @param w window size in shingles (integer >= 1); w = 1 selects every position
 * @returns each selected (hash, position) once, positions strictly ascending. A sequence
 *   shorter than w (and not empty) is one window: its rightmost minimum is selected.
 *   An empty sequence selects nothing.
 */
export function winnow(seq: Uint32Array, w: number): Winnowed {
  const n = seq.length;
  if (!Number.isInteger(w) || w < 1) throw new RangeError(`winnow: window must be an integer >= 1, got ${w}`);
  if (n === 0) return { hashes: new Uint32Array(0), positions: new Uint32Array(0) };
  if (w === 1) return { hashes: Uint32Array.from(seq), positions: iota(n) };
  if (n <= w) {
    let best = 0;
    for (let i = 1; i < n; i++) if (seq[i]! <= seq[best]!) best = i;
    return { hashes: Uint32Array.of(seq[best]!), positions: Uint32Array.of(best) };
  }
  // At most one selection per window: n - w + 1 windows.
  const cap = n - w + 1;
  const outH = new Uint32Array(cap);
  const outP = new Uint32Array(cap);
  let m = 0;
  let selected = -1;
  // The rightmost minimum of the window [start, i]: a new value at or under it takes its place;
  // when it falls out of the window, the window is scanned again (w values, about once per w/2
  // steps on random hashes). Cheaper than a monotonic deque for the small windows used here.
  // Wide windows (a long --min-passage) keep the deque: its cost does not grow with w.
  const deque = w > RESCAN_WINDOW ? new SlidingMin(w) : undefined;
  let front = 0;
  for (let i = 0; i < n; i++) {
    const start = i - w + 1; // the window is [start, i]
    if (deque !== undefined) front = deque.push(seq, i, start);
    else if (seq[i]! <= seq[front]!) front = i;
    else if (front < start) {
      front = start;
      for (let j = start + 1; j <= i; j++) if (seq[j]! <= seq[front]!) front = j;
    }
    if (start < 0) continue;
    // Robust rule: keep the previous selection while it is inside the window and still minimal.
    if (selected >= start && seq[selected] === seq[front]) continue;
    if (front !== selected) {
      selected = front;
      outH[m] = seq[front]!;
      outP[m] = front;
      m++;
    }
  }
  return { hashes: outH.slice(0, m), positions: outP.slice(0, m) };
}

/**
 * Window size for a wanted detection threshold: w = T - k + 1, at least 1.
 * @param minPassageWords T, the shortest shared run (in tokens) that must always be detected
 * @param k shingle size in tokens
 * @returns w >= 1 such that every shared run of max(T, k) tokens yields a common fingerprint
 */
export function windowFor(minPassageWords: number, k: number): number {
  return Math.max(1, Math.floor(minPassageWords) - k + 1);
}

function iota(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
