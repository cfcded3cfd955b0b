/**
 * Inverted index from winnowed fingerprint to documents, built by sorting typed arrays (no
 * object per entry, as in src/index/lsh.ts): every (document, hash) entry is two 32-bit words,
 * and the entries are sorted by hash with a stable radix sort (documents go in ascending, so
 * they stay so). Runs of equal hashes are the posting lists, already sorted by document.
 *
 * A fingerprint's document frequency (df) is the number of distinct documents holding it: holding
 * it as a shingle when the documents' shingles are given (then the df of a hash does not depend on
 * where winnowing happened to select it), otherwise holding it as a selected fingerprint.
 * Fingerprints held by more than `maxDf` documents are boilerplate (footers, licences,
 * navigation): they produce no pairs and are returned so alignment can ignore them. Every other
 * fingerprint held by at least two documents produces all pairs of its documents, so the work
 * per fingerprint is bounded by maxDf·(maxDf − 1)/2 pairs. Pairs are made document by document
 * (each document's posting lists, the documents after it in each), counted per pair in arrays
 * stamped with the document: they come out sorted and counted without a global list to sort.
 *
 * Winnowing (Schleimer, Wilkerson, Aiken, SIGMOD 2003) guarantees that two documents sharing a
 * run of T = w + k − 1 tokens share a fingerprint, so the pairs are a superset of the pairs with
 * a shared non-boilerplate passage of T tokens.
 */
import { DedupeError } from '../errors.js';
import { IntList } from '../util/int-list.js';
import { toShingleSet } from '../text/shingle.js';

/** The documents to index, by index 0 … count − 1. */
export interface OverlapIndexInput {
  readonly count: number;
  /** Winnowed fingerprint hashes of document `doc`, any order, repeats allowed (not modified). */
  readonly fingerprints: (doc: number) => Uint32Array;
  /**
   * All shingle hashes of document `doc` (e.g. Fingerprint.shingles), any order, repeats allowed;
   * used only to count document frequency. Recommended: without it, df counts only the documents
   * in which winnowing *selected* the hash, and a shingle at the edge of a footer is selected in a
   * random subset of the documents that contain it (its windows reach into each document's own
   * text), so its df can fall under maxDf and pair documents through their footer.
   */
  readonly shingles?: (doc: number) => Uint32Array;
}

/** Candidate pairs for alignment, and the fingerprints judged boilerplate. */
export interface OverlapCandidates {
  /** The document frequency above which fingerprints were boilerplate (maxDf, or less to keep within the budget). */
  readonly maxDf: number;
  /** Pairs packed as `a * count + b` with a < b, ascending, without repeats: documents sharing >= 1 non-boilerplate fingerprint. */
  readonly pairs: Float64Array;
  /** Number of distinct shared non-boilerplate fingerprints of each pair (same order as `pairs`), >= 1. */
  readonly shared: Uint32Array;
  /**
   * The shared non-boilerplate fingerprint hashes of every pair, ascending, pair after pair (pair
   * i's are the `shared[i]` hashes after those of pairs 0 … i − 1): alignment looks up its seeds
   * by these instead of joining the two documents' fingerprint lists.
   */
  readonly hashes: Uint32Array;
  /** Fingerprint hashes whose df > maxDf, ascending, without repeats. */
  readonly boilerplate: Uint32Array;
  /** The df of each boilerplate hash (same order). */
  readonly boilerplateDf: Uint32Array;
}

/** The default `maxDf` never goes below this many documents. */
export const MIN_DEFAULT_MAX_DF = 20;

/**
 * With the default `maxDf`, the fingerprint index makes at most pairBudget(n) pair increments
 * (a fingerprint selected in d documents makes d(d − 1)/2), lowering the cut-off (not below
 * MIN_DEFAULT_MAX_DF) when the fingerprints under it would make more. Per document: aligning ~50
 * candidates costs about as much as fingerprinting the document, so on large corpora overlap
 * detection stays linear in the corpus. The floor: 5M increments (~2.5M candidates, a few seconds
 * on two cores) are always allowed, so that small and medium corpora, where a quoted letter or a
 * wire story may well be shared by dozens of articles, are never cut short.
 */
export const PAIR_BUDGET_PER_DOCUMENT = 50;
export const MIN_PAIR_BUDGET = 5_000_000;

/** The default pair budget for a corpus of n documents. */
export function pairBudget(n: number): number {
  return Math.max(MIN_PAIR_BUDGET, PAIR_BUDGET_PER_DOCUMENT * n);
}

/**
 * Resolves the user's `--max-df` into a document count.
 *
 * Default (option undefined): max(20, ceil(sqrt(docCount))). Reasoning:
 * - Small corpora: with 20 documents or fewer nothing is boilerplate by frequency alone (a
 *   quoted letter shared by 3 of 5 articles is content; a source text pasted into 12 of 100
 *   student answers is content too: measured on a labelled corpus of short answers, a floor
 *   of 10 cut such passages out and lost 3 derived answers, 15–25 lost none); a footer
 *   repeated on 30 articles (df 30 > 20) is boilerplate.
 * - Cost: a fingerprint of df d costs d(d − 1)/2 pair increments. With maxDf = sqrt(n) the
 *   worst fingerprint costs < n/2, i.e. linear in the corpus, however skewed the corpus is.
 *   A fixed fraction does not have this property: 1 % of 1M documents allows 10 000 documents
 *   per fingerprint, 50M pairs from one footer hash.
 * - Large corpora: 1M documents → maxDf 1000, so a syndicated story copied 500 times is still
 *   content, while a site footer on 1 500+ pages is boilerplate. 100 000 documents → 317.
 * Stories copied more than maxDf times are usually exact or near duplicates, which the MinHash
 * stage reports anyway; only their overlap passages with third documents are lost.
 *
 * @param option a count (integer >= 2), or a fraction in (0, 1) of the corpus: boilerplate
 *   when df > fraction · docCount; undefined for the default
 * @param docCount number of documents in the corpus (>= 0)
 * @returns maxDf, an integer >= 2: fingerprints with df > maxDf are boilerplate
 * @throws DedupeError E_USAGE when option is neither a count >= 2 nor a fraction in (0, 1)
 */
export function resolveMaxDf(option: number | undefined, docCount: number): number {
  if (option === undefined) return Math.max(MIN_DEFAULT_MAX_DF, Math.ceil(Math.sqrt(Math.max(0, docCount))));
  if (Number.isFinite(option) && option > 0 && option < 1) return Math.max(2, Math.floor(option * docCount));
  if (Number.isInteger(option) && option >= 2) return option;
  throw new DedupeError(
    'E_USAGE',
    `--max-df must be a document count (an integer >= 2) or a fraction of the corpus in (0, 1), got ${option}`,
  );
}

/**
 * Finds candidate pairs for overlap alignment.
 * @param input the documents' winnowed fingerprints
 * @param maxDf fingerprints held by more than maxDf documents are boilerplate (see resolveMaxDf)
 * @param budget most pair increments to make: when the fingerprints of df <= maxDf would make
 *   more, the cut-off is lowered (see withinBudget); the one used is returned as `maxDf`
 * @returns pairs with their shared-fingerprint counts, and the boilerplate fingerprints with their df
 */
export function overlapCandidates(input: OverlapIndexInput, maxDf: number, budget = Infinity): OverlapCandidates {
  const index = prepareOverlapIndex(input);
  const df = input.shingles === undefined ? undefined : documentFrequencies(index.keys, input.shingles, 0, input.count);
  return finishOverlapIndex(index, df, maxDf, budget);
}

/** The fingerprint index before document frequencies are known (prepareOverlapIndex). */
export interface PreparedOverlapIndex {
  readonly count: number;
  /** Sorted packed (hash, document) entries: [2i] document, [2i + 1] hash. */
  readonly words: Uint32Array;
  readonly total: number;
  /** The distinct fingerprint hashes, ascending: the keys whose document frequency is wanted. */
  readonly keys: Uint32Array;
}

/**
 * overlapCandidates in steps, so that document frequencies can be counted elsewhere (in worker
 * threads, over parts of the corpus, then summed): prepare, documentFrequencies, finish.
 */
export function prepareOverlapIndex(input: OverlapIndexInput, shared = false): PreparedOverlapIndex {
  const { count } = input;
  const lists: Uint32Array[] = new Array<Uint32Array>(count);
  let total = 0;
  for (let d = 0; d < count; d++) {
    const fp = input.fingerprints(d);
    lists[d] = fp;
    total += fp.length;
  }
  // In shared memory when worker threads will read it (the largest array of the index: no copy then).
  const words = new Uint32Array(shared ? new SharedArrayBuffer(total * 8) : new ArrayBuffer(total * 8)); // [2i] doc, [2i+1] hash
  let p = 0;
  for (let d = 0; d < count; d++) {
    const fp = lists[d]!;
    for (let i = 0; i < fp.length; i++) {
      words[p++] = d;
      words[p++] = fp[i]!;
    }
  }
  lists.length = 0;
  sortEntriesByHash(words, total);
  let u = 0;
  for (let i = 0; i < total; i++) if (i === 0 || words[2 * i + 1] !== words[2 * i - 1]) u++;
  const keys = new Uint32Array(u);
  u = 0;
  for (let i = 0; i < total; i++) if (i === 0 || words[2 * i + 1] !== words[2 * i - 1]) keys[u++] = words[2 * i + 1]!;
  return { count, words, total, keys };
}

/**
 * Sorts packed (document, hash) entries by hash, keeping the order of equal hashes (stable): the
 * entries come in ascending documents, so they end sorted by (hash, document), as a sort of the
 * 64-bit values would leave them. A least-significant-digit radix sort, four passes of 8 bits
 * through a scratch copy, back in `words` after the fourth: 0.32 s instead of 0.58 s for
 * BigUint64Array.prototype.sort on 9M entries (as many as the benchmark corpus makes).
 * @param words [2i] document, [2i + 1] hash, for i in [0, total)
 */
export function sortEntriesByHash(words: Uint32Array, total: number): void {
  if (total < 2) return;
  let src: Uint32Array = words;
  let dst: Uint32Array = new Uint32Array(2 * total);
  const counts = new Uint32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    counts.fill(0);
    for (let i = 0; i < total; i++) counts[(src[2 * i + 1]! >>> shift) & 255]!++;
    // Every entry in one bucket: this digit orders nothing (common for the top digit of few keys).
    if (counts[(src[1]! >>> shift) & 255] === total) continue;
    let at = 0;
    for (let b = 0; b < 256; b++) {
      const c = counts[b]!;
      counts[b] = at;
      at += c;
    }
    for (let i = 0; i < total; i++) {
      const h = src[2 * i + 1]!;
      const o = 2 * counts[(h >>> shift) & 255]!++;
      dst[o] = src[2 * i]!;
      dst[o + 1] = h;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== words) words.set(src.subarray(0, 2 * total));
}

/**
 * The last step of overlapCandidates: candidateIndex, then the candidates of every document.
 * @param trueDf each key's document frequency over all shingles (documentFrequencies, summed over
 *   the parts of the corpus), or undefined to count only the documents that selected it
 */
export function finishOverlapIndex(index: PreparedOverlapIndex, trueDf: Uint32Array | undefined, maxDf: number, budget = Infinity): OverlapCandidates {
  const ci = candidateIndex(index, trueDf, maxDf, budget);
  const made = new CandidateMaker(ci).make(0, ci.count);
  return { maxDf: ci.maxDf, ...made, boilerplate: ci.boilerplate, boilerplateDf: ci.boilerplateDf };
}

/**
 * The posting lists that make pairs, by document: what CandidateMaker needs to make the
 * candidates of any range of documents (in any thread: every field is a typed array).
 */
export interface CandidateIndex {
  readonly count: number;
  /** The cut-off used (see OverlapCandidates.maxDf). */
  readonly maxDf: number;
  /** The sorted packed (hash, document) entries: [2i] document, [2i + 1] hash. */
  readonly words: Uint32Array;
  /** Pairing posting list r is entries [runFrom[r], runTo[r]) of `words`, in ascending hash order. */
  readonly runFrom: Uint32Array;
  readonly runTo: Uint32Array;
  /** Document d's pairing lists are runsOf[perDoc[d] … perDoc[d + 1]), ascending (length count + 1). */
  readonly perDoc: Uint32Array;
  readonly runsOf: Uint32Array;
  readonly boilerplate: Uint32Array;
  readonly boilerplateDf: Uint32Array;
  /**
   * Each document's group (e.g. its duplicate cluster), when documents of one group are indexed
   * together: they are never paired, and a posting list counts a group once; 0xffffffff for a
   * document alone in its group. Undefined: every document is a group of its own.
   */
  readonly group: Uint32Array | undefined;
}

/**
 * The index step of finishOverlapIndex: boilerplate, and each document's pairing lists.
 * @param shared make the arrays in shared memory (for worker threads; `index.words` is used as it is)
 * @param group each document's group (see CandidateIndex.group), or undefined
 */
export function candidateIndex(
  index: PreparedOverlapIndex,
  trueDf: Uint32Array | undefined,
  maxDf: number,
  budget = Infinity,
  shared = false,
  group?: Uint32Array,
): CandidateIndex {
  const { count, words, total } = index;
  // One pass over the entries: where each posting list (one per distinct hash, ascending) starts,
  // and how many distinct documents (groups) it lists; everything after works on these.
  const u = index.keys.length;
  const starts = new Uint32Array(u + 1);
  const listed = new Uint32Array(u);
  // With groups: the last list each group was counted in (documents of a group are not adjacent),
  // and its documents in that list, for the pairs the list makes (fewer than its documents'
  // pairs: none within a group).
  const counted = group === undefined ? undefined : new Int32Array(count).fill(-1);
  const members = group === undefined ? undefined : new Uint32Array(count);
  // With a budget: the pairs made by the lists of each document frequency up to maxDf.
  const cap = Math.floor(maxDf);
  const cost = budget < Infinity ? new Float64Array(cap + 1) : undefined;
  // Most documents are alone in their group: a bit each (a table that stays in cache) says which
  // are not, and only those look their group up (a cache miss per entry, at millions of documents).
  const grouped = group === undefined ? undefined : groupedBits(group, count);
  let run = -1;
  let docs = 0;
  let squares = 0; // Σ over the list's groups of (documents in it)²
  const closeRun = (): void => {
    if (cost === undefined || run < 0) return;
    const l = listed[run]!;
    const df = trueDf === undefined ? l : Math.max(l, trueDf[run]!);
    if (df <= cap) cost[df] = cost[df]! + (group === undefined ? (l * (l - 1)) / 2 : (docs * docs - squares) / 2);
  };
  for (let i = 0, prevHash = 0, prevDoc = 0; i < total; i++) {
    const h = words[2 * i + 1]!;
    const d = words[2 * i]!;
    const first = run < 0 || h !== prevHash;
    if (first) {
      closeRun();
      starts[++run] = i;
      listed[run] = 0;
      docs = 0;
      squares = 0;
      prevHash = h;
    }
    if (first || d !== prevDoc) {
      if (counted === undefined) listed[run]!++;
      else if (((grouped![d >>> 3]! >>> (d & 7)) & 1) === 0) {
        listed[run]!++;
        squares++;
        docs++;
      } else {
        const g = group![d]!;
        if (counted[g] !== run) {
          counted[g] = run;
          members![g] = 0;
          listed[run]!++;
        }
        squares += 2 * members![g]! + 1;
        members![g]!++;
        docs++;
      }
    }
    prevDoc = d;
  }
  closeRun();
  starts[u] = total;
  const dfOf = (r: number): number => (trueDf === undefined ? listed[r]! : Math.max(listed[r]!, trueDf[r]!));
  if (cost !== undefined) maxDf = withinBudget(cost, maxDf, budget);

  let bpHash = new Uint32Array(64);
  let bpDf = new Uint32Array(64);
  let nb = 0;
  // Posting lists that make pairs: [start, end) in `words`, in ascending hash order.
  const runFrom = new IntList(1024);
  const runTo = new IntList(1024);
  const u32 = (n: number): Uint32Array => (shared ? new Uint32Array(new SharedArrayBuffer(Math.max(4, 4 * n)), 0, n) : new Uint32Array(n));
  // How many pairing lists each document is in (then the offsets of its part of `runsOf`).
  const perDoc = u32(count + 1);
  for (let r = 0; r < u; r++) {
    const df = dfOf(r);
    if (df > maxDf) {
      if (nb === bpHash.length) {
        bpHash = grow32(bpHash);
        bpDf = grow32(bpDf);
      }
      bpHash[nb] = words[2 * starts[r]! + 1]!;
      bpDf[nb] = df;
      nb++;
    } else if (listed[r]! >= 2) {
      const end = starts[r + 1]!;
      runFrom.push(starts[r]!);
      runTo.push(end);
      // Each distinct document once (repeats are adjacent).
      for (let x = starts[r]!, prev = -1; x < end; x++) {
        const d = words[2 * x]!;
        if (d !== prev) perDoc[d + 1]!++;
        prev = d;
      }
    }
  }
  // Each document's pairing lists, ascending (compressed sparse rows).
  for (let d = 0; d < count; d++) perDoc[d + 1]! += perDoc[d]!;
  const runsOf = u32(perDoc[count]!);
  const fill = perDoc.slice(0, count);
  for (let l = 0; l < runFrom.length; l++) {
    for (let x = runFrom.data[l]!, prev = -1; x < runTo.data[l]!; x++) {
      const d = words[2 * x]!;
      if (d !== prev) runsOf[fill[d]!++] = l;
      prev = d;
    }
  }
  const list = (l: IntList): Uint32Array => {
    const out = u32(l.length);
    out.set(new Uint32Array(l.data.buffer, 0, l.length));
    return out;
  };
  // Documents alone in their group are NO_GROUP there: CandidateMaker then skips the test.
  let groups: Uint32Array | undefined;
  if (group !== undefined) {
    groups = u32(count);
    for (let d = 0; d < count; d++) groups[d] = ((grouped![d >>> 3]! >>> (d & 7)) & 1) === 0 ? NO_GROUP : group[d]!;
  }
  return {
    count,
    maxDf,
    words: words.subarray(0, 2 * total),
    runFrom: list(runFrom),
    runTo: list(runTo),
    perDoc,
    runsOf,
    boilerplate: bpHash.slice(0, nb),
    boilerplateDf: bpDf.slice(0, nb),
    group: groups,
  };
}

/** CandidateIndex.group of a document alone in its group. */
const NO_GROUP = 0xffffffff;

/** One bit per document: set when another document shares its group. */
function groupedBits(group: Uint32Array, count: number): Uint8Array {
  const size = new Uint32Array(count);
  for (let d = 0; d < count; d++) size[group[d]!]!++;
  const bits = new Uint8Array((count + 7) >>> 3);
  for (let d = 0; d < count; d++) if (size[group[d]!]! > 1) bits[d >>> 3]! |= 1 << (d & 7);
  return bits;
}

/** The candidates of a range of documents (see CandidateMaker.make). */
export interface MadeCandidates {
  /** As OverlapCandidates.pairs, .shared and .hashes, for the pairs whose first document is in the range. */
  readonly pairs: Float64Array<ArrayBuffer>;
  readonly shared: Uint32Array<ArrayBuffer>;
  readonly hashes: Uint32Array<ArrayBuffer>;
}

/**
 * Makes candidate pairs from a CandidateIndex, document by document, with its working memory
 * kept from call to call. The candidates of [0, count) are OverlapCandidates' pairs, shared and
 * hashes; those of consecutive ranges, concatenated, are the same.
 */
export class CandidateMaker {
  private readonly stamp: Int32Array;
  private readonly hits: Uint32Array;
  /** Where each partner's hashes go in `hashes` (while its document a is processed). */
  private readonly slot: Uint32Array;
  private readonly partners = new IntList(64);
  // (partner, hash) of document a's shared fingerprints, in ascending hash order.
  private readonly seenB = new IntList(256);
  private readonly seenHash = new IntList(256);
  /** Stamp of the document being processed (a new one for each, so ranges may be made in any order, again). */
  private generation = 0;

  constructor(private readonly ci: CandidateIndex) {
    this.stamp = new Int32Array(ci.count);
    this.hits = new Uint32Array(ci.count);
    this.slot = new Uint32Array(ci.count);
  }

  /**
   * Pairs (a, b > a) for a in [from, to), with their shared hashes: for each list of a, the
   * documents after a in it (but those of a's group). Each pair is counted once per shared
   * fingerprint, and comes out in ascending order, so no list of pair increments is made or sorted.
   */
  make(from: number, to: number): MadeCandidates {
    const { count, words, runFrom, runTo, perDoc, runsOf, group } = this.ci;
    const { stamp, hits, slot, partners, seenB, seenHash } = this;
    let pairs = new Float64Array(1024);
    let shared = new Uint32Array(1024);
    let hashes = new Uint32Array(1024);
    let m = 0;
    let nh = 0;
    for (let a = from; a < to; a++) {
      const g = ++this.generation;
      // A document alone in its group (most) pairs with everything in its lists.
      const groupA = group === undefined ? NO_GROUP : group[a]!;
      partners.length = 0;
      seenB.length = 0;
      seenHash.length = 0;
      for (let k = perDoc[a]!; k < perDoc[a + 1]!; k++) {
        const r = runsOf[k]!;
        const end = runTo[r]!;
        const hash = words[2 * runFrom[r]! + 1]!;
        // The first entry after a (documents ascend within the list).
        let lo = runFrom[r]!;
        let hi = end;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (words[2 * mid]! <= a) lo = mid + 1;
          else hi = mid;
        }
        let prev = -1;
        for (let x = lo; x < end; x++) {
          const b = words[2 * x]!;
          if (b === prev) continue;
          prev = b;
          if (groupA !== NO_GROUP && group![b] === groupA) continue;
          if (stamp[b] !== g) {
            stamp[b] = g;
            hits[b] = 1;
            partners.push(b);
          } else hits[b]!++;
          seenB.push(b);
          seenHash.push(hash);
        }
      }
      if (partners.length === 0) continue;
      const bs = partners.data.subarray(0, partners.length).sort();
      if (m + bs.length > pairs.length) {
        let size = pairs.length * 2;
        while (size < m + bs.length) size *= 2;
        pairs = growF64(pairs, size);
        shared = growU32(shared, size);
      }
      if (nh + seenB.length > hashes.length) {
        let size = hashes.length * 2;
        while (size < nh + seenB.length) size *= 2;
        hashes = growU32(hashes, size);
      }
      for (let t = 0; t < bs.length; t++) {
        const b = bs[t]!;
        pairs[m] = a * count + b;
        shared[m] = hits[b]!;
        slot[b] = nh;
        nh += hits[b]!;
        m++;
      }
      for (let t = 0; t < seenB.length; t++) hashes[slot[seenB.data[t]!]!++] = seenHash.data[t]!;
    }
    return { pairs: pairs.slice(0, m), shared: shared.slice(0, m), hashes: hashes.slice(0, nh) };
  }
}

function growF64(a: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(size);
  next.set(a);
  return next;
}

function growU32(a: Uint32Array<ArrayBuffer>, size: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(size);
  next.set(a);
  return next;
}

/**
 * The largest boilerplate cut-off t <= maxDf (and >= min(maxDf, MIN_DEFAULT_MAX_DF)) whose
 * fingerprints make at most `budget` pair increments: a fingerprint selected in l documents
 * (of different groups) makes l·(l − 1)/2 of them, so the cost of a cut-off is known from the
 * document frequencies before any pair is made.
 * @param cost for each document frequency up to maxDf, the pairs made by the lists of that frequency
 */
function withinBudget(cost: Float64Array, maxDf: number, budget: number): number {
  const cap = Math.floor(maxDf);
  const floor = Math.min(cap, MIN_DEFAULT_MAX_DF);
  let spent = 0;
  for (let t = 0; t <= cap; t++) {
    spent += cost[t]!;
    if (spent > budget) return Math.max(floor, t - 1);
  }
  return cap;
}

/**
 * A membership test over sorted hashes, e.g. for `OverlapCandidates.boilerplate` as the
 * `boilerplate` option of alignPair. Alignment asks it for every seed and window minimum, so past
 * a few hashes it is an open-addressing table (one probe, usually one cache line) rather than a
 * binary search.
 * @param sorted hashes ascending (not copied: do not modify afterwards)
 * @returns a predicate, true when `hash` is in `sorted`
 */
export function sortedHashSet(sorted: Uint32Array): (hash: number) => boolean {
  if (sorted.length <= 16) {
    return (hash: number): boolean => {
      const i = lowerBound(sorted, hash);
      return i < sorted.length && sorted[i] === hash;
    };
  }
  let bits = 4;
  while (1 << bits < 2 * sorted.length) bits++;
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  // Slot → hash, with a flag array for "used" (any hash value, 0 included, can be a member).
  const keys = new Uint32Array(1 << bits);
  const used = new Uint8Array(1 << bits);
  for (let i = 0; i < sorted.length; i++) {
    const h = sorted[i]!;
    let at = Math.imul(h, 0x9e3779b1) >>> shift;
    while (used[at] === 1 && keys[at] !== h) at = (at + 1) & mask;
    used[at] = 1;
    keys[at] = h;
  }
  return (hash: number): boolean => {
    let at = Math.imul(hash, 0x9e3779b1) >>> shift;
    while (used[at] === 1) {
      if (keys[at] === hash) return true;
      at = (at + 1) & mask;
    }
    return false;
  };
}

/** The first index i >= from of ascending `sorted` with sorted[i] >= x (sorted.length when none is). */
export function lowerBound(sorted: Uint32Array, x: number, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Document frequency, over all shingles, of each fingerprint key, counted over documents
 * [from, to): frequencies over disjoint parts of the corpus add up.
 * @param keys distinct hashes (PreparedOverlapIndex.keys)
 * @param shingles all shingle hashes of a document (any order, repeats allowed; sorted into a set
 *   here: documentFrequenciesOfSets counts sets)
 * @returns df of keys[r] at r
 */
export function documentFrequencies(keys: Uint32Array, shingles: (doc: number) => Uint32Array, from: number, to: number): Uint32Array {
  return documentFrequenciesOfSets(keys, (d) => toShingleSet(shingles(d)), from, to);
}

/**
 * Keys per block of documentFrequenciesOfSets: the block's table (2^16 slots, 256 KiB) and its
 * keys (128 KiB) stay in a core's L2 cache.
 */
const DF_BLOCK_KEYS = 1 << 15;
/**
 * Least shingles partitioned at a time by documentFrequenciesOfSets (16 MiB). Each part makes
 * every block's table again (one insertion per key), so a part holds at least twice as many
 * shingles as there are keys: the tables then cost at most half as much as the lookups.
 */
const DF_CHUNK_SHINGLES = 1 << 22;

/**
 * documentFrequencies over sorted, repeat-free shingle sets (Fingerprint.set), the same result,
 * at the speed of the cache rather than of memory. The keys are cut into blocks of consecutive
 * hashes small enough for a block's hash table to stay in cache; the documents' shingles in the
 * keys' range are partitioned by block (documents taken in parts of max(`chunk`, 2 × keys)
 * shingles; each document's set is sorted, so it is walked once, block after block), then each
 * block's shingles are looked up in its table. Probing one table of millions of keys instead
 * costs a cache miss per shingle.
 * @param keys distinct hashes, ascending (PreparedOverlapIndex.keys, or a range of them)
 * @param sets each document's shingle set, ascending and without repeats
 * @param block keys per block (tests use small ones)
 * @param chunk least shingles partitioned at a time (at least one document's are)
 */
export function documentFrequenciesOfSets(
  keys: Uint32Array,
  sets: (doc: number) => Uint32Array,
  from: number,
  to: number,
  block = DF_BLOCK_KEYS,
  chunk = DF_CHUNK_SHINGLES,
): Uint32Array {
  const u = keys.length;
  const df = new Uint32Array(u);
  if (u === 0 || to <= from) return df;
  const lowest = keys[0]!;
  const highest = keys[u - 1]!;
  const blocks = Math.ceil(u / block);
  // The highest key of each block: a shingle h belongs to the first block whose highest is >= h.
  const blockHigh = new Uint32Array(blocks);
  for (let b = 0; b < blocks; b++) blockHigh[b] = keys[Math.min(u, (b + 1) * block) - 1]!;
  // The first block a shingle can be in, by its top 16 bits: with a million documents there are
  // hundreds of blocks, more than shingles per document, so walking from block 0 would cost more
  // than the lookups.
  const firstBlock = new Uint32Array(1 << 16);
  for (let t = 0, b = 0; t < 1 << 16; t++) {
    while (b < blocks - 1 && blockHigh[b]! < t * 65536) b++;
    firstBlock[t] = b;
  }
  /** The block of shingle h in the keys' range, from b, the block of the set's shingle before it. */
  const blockOf = (h: number, b: number): number => {
    b = Math.max(b, firstBlock[h >>> 16]!);
    while (h > blockHigh[b]!) b++;
    return b;
  };
  let bits = 1;
  while (1 << bits < 2 * Math.min(u, block)) bits++;
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  // Open addressing with linear probing: slot → rank + 1 (0 = empty); load <= 1/2.
  const slots = new Int32Array(1 << bits);
  const fill = new Uint32Array(blocks + 1);
  const least = Math.max(chunk, 2 * u);
  let part = new Uint32Array(0);
  let d = from;
  while (d < to) {
    // 1. How many shingles of documents [d, e) fall in each block (at least one document).
    fill.fill(0);
    let total = 0;
    let e = d;
    for (; e < to; e++) {
      const set = sets(e);
      const start = lowerBound(set, lowest);
      const end = lowerBound(set, highest + 1, start);
      for (let i = start, b = 0; i < end; i++) {
        b = blockOf(set[i]!, b);
        fill[b + 1]!++;
      }
      total += end - start;
      if (total >= least) {
        e++;
        break;
      }
    }
    for (let b = 0; b < blocks; b++) fill[b + 1]! += fill[b]!;
    if (part.length < total) part = new Uint32Array(total);
    // 2. The shingles, by block.
    const at = fill.slice(0, blocks);
    for (let x = d; x < e; x++) {
      const set = sets(x);
      const start = lowerBound(set, lowest);
      const end = lowerBound(set, highest + 1, start);
      for (let i = start, b = 0; i < end; i++) {
        const h = set[i]!;
        b = blockOf(h, b);
        part[at[b]!++] = h;
      }
    }
    // 3. Each block's shingles looked up in its table.
    for (let b = 0; b < blocks; b++) {
      if (fill[b] === fill[b + 1]) continue;
      slots.fill(0);
      const k1 = Math.min(u, (b + 1) * block);
      for (let r = b * block; r < k1; r++) {
        let s = Math.imul(keys[r]!, 0x9e3779b1) >>> shift;
        while (slots[s] !== 0) s = (s + 1) & mask;
        slots[s] = r + 1;
      }
      for (let i = fill[b]!; i < fill[b + 1]!; i++) {
        const h = part[i]!;
        let s = Math.imul(h, 0x9e3779b1) >>> shift;
        for (;;) {
          const r = slots[s]! - 1;
          if (r < 0) break;
          if (keys[r] === h) {
            df[r]!++;
            break;
          }
          s = (s + 1) & mask;
        }
      }
    }
    d = e;
  }
  return df;
}

function grow32(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(a.length * 2);
  next.set(a);
  return next;
}
