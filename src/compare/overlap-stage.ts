/**
 * The overlap stage: documents that share passages without being duplicates.
 *
 * 1. Fingerprinting (sketch/fingerprint.ts) winnowed each document's word shingles, with a
 *    window chosen so that any shared run of `minPassage` words is found (overlap/winnow.ts),
 *    and kept the shingle sequence.
 * 2. planOverlaps: an inverted index over the winnowed fingerprints of one member per duplicate
 *    cluster gives candidate pairs; fingerprints in more than maxDf documents (counted over all
 *    shingles, on worker threads with planOverlapsAsync) are boilerplate and make no pairs. The
 *    default cut-off is lowered to keep within the pair budget (fingerprint-index.ts pairBudget).
 * 3. A BatchAligner aligns pairs in token space (SeededAligner: seeds from shared fingerprints,
 *    looked up directly for pairs that share one; gapped extension, boilerplate cut),
 *    in-process (findOverlaps) or on worker threads (findOverlapsAsync, parallel/align-pool.ts),
 *    which return only the pairs with passages: duplicates first, then candidates, then the
 *    other copies of small duplicate clusters that a candidate's member shares passages with.
 * 4. OverlapCollector: once every pair is aligned, a pair whose passages cover at least
 *    `containment` of the smaller article (Articles: a document without the boilerplate at its
 *    edges) is `contained` (the smaller is derived from the larger); a pair whose articles reach
 *    the Jaccard threshold is a duplicate; otherwise, with at least one passage, `overlap`.
 *    Passages that only hold a site's template or notice are set aside (TemplateTest). Each derived copy is attached to its single best source, so a long
 *    document quoting many others cannot chain them into one group. Passages are kept in a
 *    PassageStore (typed arrays), mapped to character offsets at the end with each document's
 *    token ranges (kept packed since fingerprinting: no document is tokenized again), and quoted
 *    from the text only when a pair's `passages` are read.
 */
import type { PairKind, ScoredPair } from '../types.js';
import type { DedupeOptions } from '../options.js';
import type { DocFingerprint } from '../sketch/fingerprint.js';
import { intersectionSize, setSimilarity, similarityOfCounts } from '../sketch/similarity.js';
import { tokenize, type TokenFilter } from '../text/tokenize.js';
import { shingleSequence, toShingleSet } from '../text/shingle.js';
import {
  documentFrequenciesOfSets,
  candidateIndex,
  CandidateMaker,
  type CandidateIndex,
  lowerBound,
  pairBudget,
  prepareOverlapIndex,
  resolveMaxDf,
  sortedHashSet,
  type PreparedOverlapIndex,
} from '../overlap/fingerprint-index.js';
import { SeededAligner, type SeedDoc, type TokenAlignment, type TokenPassage } from '../overlap/align.js';
import { UnionFind } from './union-find.js';
import { PassageStore, StoredPair, type TokenRanges } from './passage-store.js';
import { unpackTokenOffsets, type UnpackedOffsets } from '../text/token-offsets.js';
import { SharedArena } from '../util/shared-arena.js';
import { IntList } from '../util/int-list.js';
import { windowFor } from '../overlap/winnow.js';
import type { TextStore } from '../text-store.js';
import { unpackPair } from '../index/lsh.js';
import { atEdges, contentBounds, radixSorted, recurringInPieces, RECURRING_DOCS, RECURRING_SHARE, type ContentBounds } from '../overlap/frame.js';

const NO_HASHES = new Uint32Array(0);
const NO_DOCS: readonly number[] = [];
const NO_ALIGNMENT: TokenAlignment = { pieces: [], coveredA: 0, coveredB: 0 };

/** The most passages' worth of words a copyright or licence notice may have (TemplateTest.withoutNotices). */
const NOTICE_PASSAGES = 3;

/** What copyright and licence notices say, in the languages dedupe is used with most. */
const NOTICE_RE =
  /©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b|all rights reserved|\blicen[cs]ed under\b|creative commons|terms of (?:use|service)|privacy policy|все права защищены|版权所有|版權所有|جميع الحقوق محفوظة|جملہ حقوق محفوظ|tous droits réservés|alle rechte vorbehalten|todos los derechos reservados|tutti i diritti riservati/i;

/** A third document is paired with every copy of a duplicate cluster smaller than this (else with its first). */
const EXPAND_CLUSTER = 24;

/** Candidates aligned between two progress reports of the in-process path. */
const PROGRESS_STEP = 8192;

/** How many boilerplate passages the stats list. */
const BOILERPLATE_LISTED = 10;

/** Per-document data the overlap stage keeps while documents are added. */
export class OverlapState {
  /** Number of documents. */
  count = 0;
  /** Winnowed fingerprints of each document, sorted by (hash, position). */
  readonly winnowed: Uint32Array[] = [];
  readonly positions: Uint32Array[] = [];
  /** Word-shingle sequence and token count of each document. */
  readonly sequences: Uint32Array[] = [];
  readonly counts: number[] = [];
  /**
   * Per document, the fewest tokens of a passage of `minPassage` words ({@link passageTokens}):
   * more than `minPassage` where characters of unspaced scripts are tokens of their own.
   */
  readonly minTokens: number[] = [];
  /** Packed token ranges of each document (packTokenOffsets). */
  private readonly offsets: Uint8Array[] = [];
  private readonly ignored: Set<number>;
  /** tokenRanges' reused arrays. */
  private scratch: UnpackedOffsets = { starts: new Uint32Array(0), ends: new Uint32Array(0) };

  /**
   * @param filter the token filter of the run (tokens must be re-made the same way)
   * @param ignoreTexts texts whose shingles are boilerplate whatever their frequency (--boilerplate)
   * @param shingleSize k
   * @param minPassage the fewest words in a passage (--min-passage)
   */
  constructor(
    readonly texts: TextStore,
    readonly filter: TokenFilter | undefined,
    ignoreTexts: readonly string[],
    readonly shingleSize: number,
    readonly minPassage: number,
    private readonly arena: SharedArena = new SharedArena(),
  ) {
    this.ignored = new Set();
    for (const t of ignoreTexts) {
      const tok = tokenize(t, filter);
      for (const h of shingleSequence(tok.hashes, tok.count, shingleSize)) this.ignored.add(h);
    }
  }

  /** The shingle hashes named as boilerplate by the user, sorted. */
  ignoredHashes(): Uint32Array {
    return Uint32Array.from(this.ignored).sort();
  }

  /**
   * Keeps the text and the winnowed fingerprints of document `index` (any order; every index
   * from 0 to n-1 must be set before findOverlaps).
   */
  setDocument(index: number, fp: DocFingerprint): void {
    if (index >= this.count) this.count = index + 1;
    this.sequences[index] = this.arena.put(fp.sequence);
    this.counts[index] = fp.tokens;
    this.minTokens[index] = passageTokens(this.minPassage, fp.tokens, fp.quarters);
    this.offsets[index] = this.arena.putBytes(fp.offsets);
    if (this.ignored.size === 0) {
      this.winnowed[index] = this.arena.put(fp.winnowHashes);
      this.positions[index] = this.arena.put(fp.winnowPositions);
      return;
    }
    const keep: number[] = [];
    for (let i = 0; i < fp.winnowHashes.length; i++) if (!this.ignored.has(fp.winnowHashes[i]!)) keep.push(i);
    this.winnowed[index] = this.arena.put(Uint32Array.from(keep, (i) => fp.winnowHashes[i]!));
    this.positions[index] = this.arena.put(Uint32Array.from(keep, (i) => fp.winnowPositions[i]!));
  }

  /** Document d as the seeded aligner sees it. */
  seedDoc(d: number): SeedDoc {
    return {
      shingles: this.sequences[d]!,
      count: this.counts[d]!,
      seedHashes: this.winnowed[d]!,
      seedPositions: this.positions[d]!,
      minPassage: this.minTokens[d]!,
    };
  }

  /**
   * The UTF-16 ranges of document d's tokens (kept packed since fingerprinting).
   * @param scratch unpack into this state's one pair of arrays, overwritten by the next call with
   *   scratch (for callers that read one document's ranges at a time: no allocation per document)
   */
  tokenRanges(d: number, scratch = false): TokenRanges {
    const count = this.counts[d]!;
    if (!scratch) return unpackTokenOffsets(this.offsets[d]!, count);
    if (this.scratch.starts.length < count) {
      const size = Math.max(count, 2 * this.scratch.starts.length);
      this.scratch = { starts: new Uint32Array(size), ends: new Uint32Array(size) };
    }
    return unpackTokenOffsets(this.offsets[d]!, count, this.scratch);
  }
}

/**
 * The fewest tokens of a passage of `minPassage` words in a document of `tokens` tokens that are
 * `quarters` quarter words long (Tokens.quarters): `minPassage` for text in spaced scripts; in
 * proportion for text whose Han, kana, Thai, … characters are tokens of their own (a Chinese
 * article: 2 characters a word, so 24 for 12 words), so that a stock phrase of 13 characters
 * ("中华人民共和国外交部发言人", "spokesperson of the Foreign Ministry of the PRC") is not a
 * shared passage while a 12-word English sentence is.
 */
export function passageTokens(minPassage: number, tokens: number, quarters: number): number {
  if (quarters <= 0 || quarters >= 4 * tokens) return minPassage;
  return Math.ceil((minPassage * 4 * tokens) / quarters);
}

/** What the overlap stage needs from the duplicate stage. */
export interface OverlapContext {
  readonly options: DedupeOptions;
  readonly sets: readonly Uint32Array[];
  /** Verified duplicate pairs; they get passages too. */
  readonly duplicates: ScoredPair[];
  /** Root of a document's duplicate cluster (pairs inside one cluster are not overlaps). */
  readonly duplicateRoot: (doc: number) => number;
  /**
   * Verifies again the duplicate stage's candidate pairs of documents in `affected` that it did
   * not verify (inside a large cluster, each copy was verified against a representative only),
   * now that some of their pairs are gone: with `kept` joined first, each pair not `known` that
   * reaches the threshold is offered to `accept` and joined when accepted (a large cluster again
   * verified against a representative).
   */
  readonly relink?: (
    kept: readonly ScoredPair[],
    affected: (doc: number) => boolean,
    known: (a: number, b: number) => boolean,
    accept: (pair: ScoredPair) => boolean,
  ) => void;
}

/** The overlap stage's findings. */
export interface OverlapOutcome {
  /**
   * New contained and overlap pairs (duplicate pairs were given passages in place), and
   * duplicate pairs the LSH bands missed (exact Jaccard at or above the threshold).
   */
  readonly pairs: ScoredPair[];
  /** [derived copy, its best source]. */
  readonly attach: [number, number][];
  readonly groups: { members: number[] }[];
  readonly boilerplate: { text: string; documents: number }[];
  readonly candidates: number;
  /** The boilerplate cut-off used: fingerprints in more documents than this were boilerplate. */
  readonly maxDf: number;
  /**
   * Verified duplicate pairs that share only their site's template (overlap/frame.ts): no longer
   * duplicates (OverlapContext.duplicates holds the others).
   */
  readonly templateDuplicates: readonly ScoredPair[];
  /** Pairs set aside because they share only a site's template: these duplicates and candidates. */
  readonly templatePairs: number;
  /** Seconds per step: the fingerprint index, alignment, boilerplate description. */
  readonly timings: Record<string, number>;
  /**
   * The shingle set of document d's article (its text without the boilerplate at its edges;
   * word shingles, else undefined). Read while the overlap state is alive.
   */
  readonly articleSet: (d: number) => Uint32Array | undefined;
}

/** A pair of a batch that has passages: its index in the batch, passages, and |A ∩ B| of the shingle sets. */
export interface PairHit {
  readonly index: number;
  readonly alignment: TokenAlignment;
  readonly intersection: number;
}

/**
 * The shared fingerprint hashes of a batch's pairs (OverlapCandidates.hashes): `counts[i]` for
 * pair i, pair after pair in `hashes`.
 */
export interface SharedHashes {
  readonly counts: Uint32Array;
  readonly hashes: Uint32Array;
}

/**
 * Aligns a batch of pairs (packed `a * n + b`) in token space; returns only the pairs with
 * passages (most candidates have none, and nothing is made for them), in batch order. `shared`,
 * when given, holds each pair's shared fingerprint hashes, which spares the join of the two
 * documents' fingerprint lists. In-process it is makeBatchAligner; the CLI runs the same in
 * worker threads.
 */
export type BatchAligner = (pairs: Float64Array, shared?: SharedHashes) => PairHit[];
/** An asynchronous BatchAligner (worker threads). */
export type AsyncBatchAligner = (pairs: Float64Array, shared?: SharedHashes) => Promise<PairHit[]>;

/** Candidate pairs (packed) with their shared fingerprint hashes; pair i's start at `starts[i]`. */
export interface CandidateBatch {
  readonly pairs: Float64Array;
  readonly counts: Uint32Array;
  readonly hashes: Uint32Array;
  /** Length pairs + 1. */
  readonly starts: Float64Array;
}

/** Pairs [from, to) of a CandidateBatch, as a batch for an aligner. */
export function candidateSlice(c: CandidateBatch, from: number, to: number): { pairs: Float64Array; shared: SharedHashes } {
  to = Math.min(to, c.pairs.length);
  return {
    pairs: c.pairs.subarray(from, to),
    shared: { counts: c.counts.subarray(from, to), hashes: c.hashes.subarray(c.starts[from]!, c.starts[to]!) },
  };
}

/** What an aligner needs besides the documents: the same for every pair of a run. */
export interface AlignPlan {
  readonly k: number;
  readonly minPassage: number;
  readonly maxGap: number;
  /** Sorted boilerplate fingerprint hashes (df > maxDf), and the user's --boilerplate shingles. */
  readonly boilerplate: Uint32Array;
  readonly ignored: Uint32Array;
  /**
   * Each document's duplicate cluster's first copy (itself when it is the first or in no cluster),
   * when some cluster has copies: a candidate with another copy was made from that copy's extra
   * fingerprints only, and is aligned on every seed the two share (see planOverlaps).
   */
  readonly first?: Uint32Array;
}

/**
 * Aligns batches as every aligner must (one pair at a time with makePairAligner), and counts the
 * shared shingles of the pairs with passages, for their exact Jaccard.
 * @param count number of documents (pairs are packed `a * count + b`)
 * @param sets each document's sorted shingle set
 */
export function makeBatchAligner(plan: AlignPlan, count: number, seedDoc: (d: number) => SeedDoc, sets: (d: number) => Uint32Array): BatchAligner {
  const alignOne = makePairAligner(plan, seedDoc);
  const first = plan.first;
  return (pairs, shared) => {
    const hits: PairHit[] = [];
    let h = 0;
    for (let i = 0; i < pairs.length; i++) {
      const p = pairs[i]!;
      const a = Math.floor(p / count);
      const b = p - a * count;
      let alignment: TokenAlignment;
      if (shared === undefined) alignment = alignOne(a, b);
      else {
        const to = h + shared.counts[i]!;
        alignment = withCopy(first, a, b) ? alignOne(a, b) : alignOne(a, b, shared.hashes, h, to);
        h = to;
      }
      if (alignment.pieces.length > 0) hits.push({ index: i, alignment, intersection: intersectionSize(sets(a), sets(b)) });
    }
    return hits;
  };
}

/** True when a or b is a duplicate cluster's copy other than its first (AlignPlan.first). */
function withCopy(first: Uint32Array | undefined, a: number, b: number): boolean {
  return first !== undefined && (first[a] !== a || first[b] !== b);
}

/**
 * Aligns one pair as every aligner must: seeded by shared non-boilerplate fingerprints,
 * boilerplate cut out of the passages.
 */
export function makePairAligner(
  plan: AlignPlan,
  seedDoc: (d: number) => SeedDoc,
): (a: number, b: number, hashes?: Uint32Array, from?: number, to?: number) => TokenAlignment {
  const isBoilerplate = boilerplateOf(plan);
  const notBoilerplate = (h: number): boolean => !isBoilerplate(h);
  const options = { minPassage: plan.minPassage, maxGap: plan.maxGap, boilerplate: isBoilerplate };
  const aligner = new SeededAligner(plan.k, options, notBoilerplate);
  // Pairs come sorted by a: its document is made once for all its partners.
  let lastA = -1;
  let docA: SeedDoc | undefined;
  return (a, b, hashes, from, to) => {
    if (a !== lastA) {
      docA = seedDoc(a);
      lastA = a;
    }
    // Hashes shared by a candidate come from the index: none is boilerplate (df <= maxDf) or
    // ignored (not winnowed), so all are seeds.
    return hashes === undefined ? aligner.align(docA!, seedDoc(b)) : aligner.alignOn(docA!, seedDoc(b), hashes, from, to, true);
  };
}

/** The plan's boilerplate fingerprints and the user's --boilerplate shingles, as one predicate. */
function boilerplateOf(plan: AlignPlan): (hash: number) => boolean {
  const inBoilerplate = sortedHashSet(plan.boilerplate);
  const inIgnored = sortedHashSet(plan.ignored);
  return (h) => inBoilerplate(h) || inIgnored(h);
}

/** The candidate index and the per-run alignment plan (the fingerprint index step). */
export interface OverlapPlan {
  readonly align: AlignPlan;
  /** Makes the candidate pairs, of all documents or of a range (CandidateMaker). */
  readonly index: CandidateIndex;
  /**
   * True when a fingerprint hash is in at least RECURRING_DOCS documents, every copy counted (a
   * site's template; see overlap/frame.ts).
   */
  readonly recurring: (hash: number) => boolean;
  readonly seconds: number;
}

/**
 * Builds the fingerprint index and the candidate pairs. Of each duplicate cluster, the first
 * copy is indexed with all its fingerprints and every other copy with those the first lacks
 * (a paragraph one site added, another site's footer): copies of one story then count once in
 * document frequency (a story syndicated 500 times is not boilerplate; a posting list counts a
 * cluster once), and a third document overlapping the story is paired with the cluster once
 * (then with its other copies, for small clusters: expansion pairs), and directly with a copy
 * whose own text it shares. Two copies of one cluster are never candidates (their pair is a
 * duplicate pair). Document frequency counts every shingle, not only the winnowed ones, so a
 * footer's fingerprints are boilerplate even where winnowing happened not to select them.
 */
export function planOverlaps(state: OverlapState, ctx: OverlapContext): OverlapPlan {
  const t0 = performance.now();
  const { prepared, indexed, first } = prepareIndex(state, ctx);
  const df = documentFrequenciesOfSets(prepared.keys, (d) => (indexed[d] === 1 ? ctx.sets[d]! : NO_HASHES), 0, state.count);
  return finishPlan(state, ctx, prepared, df, recurringOf(prepared.keys, df, copyFingerprints(state, indexed)), first, t0);
}

/**
 * Counts document frequencies over parts of the corpus (documentFrequencies over `indexed`
 * documents' shingle sets, summed), e.g. in worker threads.
 * @param indexed 1 for each document that is indexed (one per duplicate cluster)
 */
export type DfCounter = (keys: Uint32Array, indexed: Uint8Array) => Promise<Uint32Array>;

/** planOverlaps with the document frequencies counted by `countDf` (the same plan). */
export async function planOverlapsAsync(state: OverlapState, ctx: OverlapContext, countDf: DfCounter): Promise<OverlapPlan> {
  const t0 = performance.now();
  // The index is made in shared memory: the workers that make candidates read it as it is.
  const { prepared, indexed, first } = prepareIndex(state, ctx, true);
  const counting = countDf(prepared.keys, indexed);
  // While the workers count: the copies' fingerprints, here.
  const copies = copyFingerprints(state, indexed);
  const df = await counting;
  return finishPlan(state, ctx, prepared, df, recurringOf(prepared.keys, df, copies), first, t0, true);
}

/**
 * The fingerprint index (see planOverlaps); which documents' shingles count in document
 * frequency (one per cluster, its first copy); and each document's cluster's first copy, when
 * some cluster has copies.
 */
function prepareIndex(state: OverlapState, ctx: OverlapContext, shared = false): { prepared: PreparedOverlapIndex; indexed: Uint8Array; first: Uint32Array | undefined } {
  const n = state.count;
  const firstOfCluster = new Map<number, number>();
  const first = new Uint32Array(n);
  const indexed = new Uint8Array(n);
  let copies = false;
  for (let d = 0; d < n; d++) {
    const root = ctx.duplicateRoot(d);
    const f = firstOfCluster.get(root);
    if (f === undefined) {
      firstOfCluster.set(root, d);
      first[d] = d;
      indexed[d] = 1;
    } else {
      first[d] = f;
      copies = true;
    }
  }
  const fingerprints = (d: number): Uint32Array => (indexed[d] === 1 ? state.winnowed[d]! : hashesNotIn(state.winnowed[d]!, state.winnowed[first[d]!]!));
  const prepared = prepareOverlapIndex({ count: n, fingerprints }, shared);
  return { prepared, indexed, first: copies ? first : undefined };
}

/** The hashes of `own` that `other` does not hold (both ascending; repeats of `own` kept). */
function hashesNotIn(own: Uint32Array, other: Uint32Array): Uint32Array {
  const out = new Uint32Array(own.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < own.length; i++) {
    const h = own[i]!;
    while (j < other.length && other[j]! < h) j++;
    if (j === other.length || other[j] !== h) out[n++] = h;
  }
  return n === 0 ? NO_HASHES : out.slice(0, n);
}

/**
 * The fingerprints of the documents that are not indexed (the copies of duplicate clusters but
 * their first), each document's once, ascending: what `df`, which counts a cluster once, lacks to
 * count every document (a copy counted by its fingerprints, not all its shingles).
 */
function copyFingerprints(state: OverlapState, indexed: Uint8Array): Uint32Array {
  let total = 0;
  for (let d = 0; d < indexed.length; d++) if (indexed[d] !== 1) total += state.winnowed[d]!.length;
  const all = new Uint32Array(total);
  let n = 0;
  for (let d = 0; d < indexed.length; d++) {
    if (indexed[d] === 1) continue;
    const f = state.winnowed[d]!;
    for (let i = 0; i < f.length; i++) if (i === 0 || f[i] !== f[i - 1]) all[n++] = f[i]!;
  }
  return radixSorted(all.subarray(0, n));
}

/**
 * OverlapPlan.recurring: the keys whose frequency (`df` over the indexed documents' shingles,
 * plus the copies holding them as fingerprints) reaches RECURRING_DOCS, kept in a hash set
 * (a minority of the keys: the frequencies themselves are not kept).
 * @param copies copyFingerprints
 */
function recurringOf(keys: Uint32Array, df: Uint32Array, copies: Uint32Array): (hash: number) => boolean {
  const kept = new Uint8Array(keys.length);
  let count = 0;
  for (let i = 0, j = 0; i < keys.length; i++) {
    let c = df[i]!;
    if (c < RECURRING_DOCS && j < copies.length) {
      const h = keys[i]!;
      while (j < copies.length && copies[j]! < h) j++;
      let e = j;
      while (e < copies.length && copies[e] === h) e++;
      c += e - j;
      j = e;
    }
    if (c >= RECURRING_DOCS) {
      kept[i] = 1;
      count++;
    }
  }
  const hashes = new Uint32Array(count);
  for (let i = 0, n = 0; i < keys.length; i++) if (kept[i] === 1) hashes[n++] = keys[i]!;
  return sortedHashSet(hashes);
}

function finishPlan(
  state: OverlapState,
  ctx: OverlapContext,
  prepared: PreparedOverlapIndex,
  df: Uint32Array,
  recurring: (hash: number) => boolean,
  first: Uint32Array | undefined,
  t0: number,
  shared = false,
): OverlapPlan {
  const o = ctx.options;
  const n = state.count;
  // Grouped by first copy: a posting list counts a cluster once and never pairs two of its copies.
  const index = candidateIndex(prepared, df, maxDfOf(o, n), o.maxDf === undefined ? pairBudget(n) : Infinity, shared, first);
  const align: AlignPlan = {
    k: o.shingleSize,
    minPassage: o.minPassage,
    maxGap: o.maxGap,
    boilerplate: index.boilerplate,
    ignored: state.ignoredHashes(),
    ...(first ? { first } : {}),
  };
  return { align, index, recurring, seconds: (performance.now() - t0) / 1000 };
}

const maxDfOf = (o: DedupeOptions, n: number): number => resolveMaxDf(o.maxDf, n);

/** Finds overlaps and contained pairs in-process; sets `passages` on the duplicate pairs. */
export function findOverlaps(state: OverlapState, ctx: OverlapContext, onProgress?: (done: number, total: number) => void): OverlapOutcome {
  const plan = planOverlaps(state, ctx);
  const aligner = makeBatchAligner(plan.align, state.count, (d) => state.seedDoc(d), (d) => ctx.sets[d]!);
  const c = new OverlapCollector(state, ctx, plan);
  c.applyDuplicates(aligner(c.duplicatePairs()));
  const cand = c.candidatePairs();
  const expansions: number[] = [];
  for (let i = 0; i < cand.pairs.length; i += PROGRESS_STEP) {
    const part = candidateSlice(cand, i, i + PROGRESS_STEP);
    c.applyCandidates(part.pairs, aligner(part.pairs, part.shared), expansions);
    onProgress?.(i + part.pairs.length, cand.pairs.length);
  }
  const exp = Float64Array.from(expansions.sort((x, y) => x - y));
  c.applyCandidates(exp, aligner(exp));
  return c.outcome();
}

/**
 * Makes the candidates of documents [from, to) and aligns them (e.g. on a worker thread, from its
 * copy of the candidate index): the hits, their pairs (packed; a hit's index is its place there),
 * and how many candidates were made.
 */
export type RangeAligner = (from: number, to: number) => Promise<{ pairs: Float64Array; hits: PairHit[]; made: number }>;

/** A RangeAligner that makes the candidates in this thread and aligns them with `aligner`. */
function rangesHere(index: CandidateIndex, aligner: AsyncBatchAligner): RangeAligner {
  const maker = new CandidateMaker(index);
  return async (from, to) => {
    const made = maker.make(from, to);
    return { pairs: made.pairs, hits: await aligner(made.pairs, { counts: made.shared, hashes: made.hashes }), made: made.pairs.length };
  };
}

/** Document ranges per alignment lane: enough that the last ones finish together. */
const RANGES_PER_LANE = 16;

/**
 * Cuts [0, count) into about `parts` ranges of documents holding about equal shares of the
 * pairing-list entries (a document's candidates grow with its entries). Ascending bounds, the
 * first 0 and the last count.
 */
export function documentRanges(index: CandidateIndex, parts: number): number[] {
  const { count, perDoc } = index;
  const total = perDoc[count]!;
  const step = Math.max(1, Math.ceil(total / Math.max(1, parts)));
  const bounds = [0];
  let next = step;
  for (let d = 1; d < count; d++) {
    if (perDoc[d]! >= next) {
      bounds.push(d);
      next = perDoc[d]! + step;
    }
  }
  if (count > 0) bounds.push(count);
  return bounds;
}

/**
 * findOverlaps with alignment batches run by `aligner` (e.g. worker threads), `batch` pairs at a
 * time, at most `inFlight` batches at once. One queue feeds every lane: the duplicate pairs, then
 * the candidates, and the expansion pairs as soon as the candidate hits that make them come back
 * (no phase waits for the last batch of the one before). The result is the same as
 * findOverlaps': collection does not depend on the order in which batches finish.
 * The candidates are made a range of documents at a time (documentRanges) by `ranges`: the CLI's
 * workers make and align them, each from its view of the shared candidate index; without it,
 * they are made here and aligned by `aligner`. Progress counts documents.
 */
export async function findOverlapsAsync(
  state: OverlapState,
  ctx: OverlapContext,
  plan: OverlapPlan,
  aligner: AsyncBatchAligner,
  batch = 8192,
  inFlight = 8,
  onProgress?: (done: number, total: number) => void,
  ranges: RangeAligner = rangesHere(plan.index, aligner),
): Promise<OverlapOutcome> {
  const c = new OverlapCollector(state, ctx, plan);
  const dup = c.duplicatePairs();
  const dupHits: PairHit[] = [];
  const n = state.count;
  const bounds = documentRanges(plan.index, RANGES_PER_LANE * inFlight);
  const expansions: number[] = [];
  let nextDup = 0;
  let nextRange = 0;
  let aligned = 0;
  let busy = 0;
  let waiting: (() => void)[] = [];
  /** The next batch to align and what to do with its hits, or undefined when there is none now. */
  const take = (): (() => Promise<void>) | undefined => {
    if (nextDup < dup.length) {
      const from = nextDup;
      nextDup += batch;
      const part = dup.subarray(from, from + batch);
      return async () => {
        for (const h of await aligner(part)) dupHits.push({ ...h, index: from + h.index });
      };
    }
    if (nextRange + 1 < bounds.length) {
      const from = bounds[nextRange]!;
      const to = bounds[++nextRange]!;
      return async () => {
        const r = await ranges(from, to);
        c.countCandidates(r.made);
        c.applyCandidates(r.pairs, r.hits, expansions);
        aligned += to - from;
        onProgress?.(aligned, n);
      };
    }
    // Expansion pairs, `batch` at a time, once every range is out (ranges still out may add more).
    if (expansions.length > 0) {
      const part = Float64Array.from(expansions.splice(0, batch));
      return async () => c.applyCandidates(part, await aligner(part));
    }
    return undefined;
  };
  // At most `inFlight` batches are out at a time: enough to keep every worker busy, without
  // copying the whole candidate list into the workers' message queues at once.
  const lane = async (): Promise<void> => {
    for (;;) {
      const job = take();
      if (job === undefined) {
        if (busy === 0) return;
        // Batches still out may bring expansion pairs: wait for one to come back.
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      busy++;
      try {
        await job();
      } finally {
        busy--;
        const wake = waiting;
        waiting = [];
        for (const w of wake) w();
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  c.applyDuplicates(dupHits);
  return c.outcome();
}

/**
 * Turns alignments into pairs: passages with offsets (the only place texts are read and
 * tokenized), coverage, kind, best sources of derived copies; then attachments and groups.
 * Results may be applied in any order: everything it keeps is ordered or chosen by a total order.
 */
class OverlapCollector {
  private readonly n: number;
  /** Every pair's passages, mapped to offsets in outcome(). */
  private readonly store: PassageStore;
  private readonly pairs: ScoredPair[] = [];
  private readonly best = new Map<number, { source: number; cover: number }>();
  /** Each expandable duplicate cluster's members (made at the first expansion), by root. */
  private members: Map<number, number[]> | undefined;
  /** Each document's cluster root, or −1 when its cluster is not expanded (with `members`). */
  private rootOf: Int32Array | undefined;
  /** Expansion pairs already given (packed). */
  private readonly expanded = new Set<number>();
  /**
   * Pairs with a copy (not the first of its cluster) already recorded (packed): such a pair can
   * come both as a candidate (from the copy's own fingerprints) and as an expansion pair, aligned
   * the same way both times; it is kept once.
   */
  private readonly recordedCopies = new Set<number>();
  /** Candidate pairs made (candidatePairs, or counted by whoever made them: countCandidates). */
  private candidates = 0;
  private readonly templates: TemplateTest;
  private readonly articles: Articles;
  private readonly articleJaccard: boolean;
  /**
   * Pairs with passages (their documents, slots in the store, |A ∩ B| of their shingle sets) and
   * duplicate pairs, kept until every pair is aligned (see finish).
   */
  private pendingPairs = { a: new IntList(1024), b: new IntList(1024), slot: new IntList(1024), intersection: new IntList(1024) };
  private pendingDuplicates: { pair: ScoredPair; slot: number }[] = [];
  private templateDuplicates: ScoredPair[] = [];
  private templateCandidates = 0;
  private readonly t0 = performance.now();

  constructor(
    private readonly state: OverlapState,
    private readonly ctx: OverlapContext,
    private readonly plan: OverlapPlan,
  ) {
    this.n = state.count;
    // map() reads one document's ranges at a time.
    this.store = new PassageStore(state.texts, (d) => state.tokenRanges(d, true));
    this.articles = new Articles(state, ctx.sets, plan.align);
    this.templates = new TemplateTest(state, ctx.sets, plan, this.articles);
    // Word shingles only: with --unit char the sets are not of the shingles the sequences hold.
    this.articleJaccard = ctx.options.unit === 'word';
  }

  /** The verified duplicate pairs, which get passages too. */
  duplicatePairs(): Float64Array {
    return Float64Array.from(this.ctx.duplicates, (p) => p.a * this.n + p.b);
  }

  /**
   * Gives the duplicate pairs their passages (hits: the duplicate pairs with passages, any order),
   * and takes out of OverlapContext.duplicates the pairs that share only their site's template.
   */
  applyDuplicates(hits: readonly PairHit[]): void {
    const { ctx } = this;
    const results: (TokenAlignment | undefined)[] = new Array(ctx.duplicates.length);
    for (const h of hits) results[h.index] = h.alignment;
    const all = ctx.duplicates.slice();
    let kept = 0;
    for (let i = 0; i < all.length; i++) {
      const p = all[i]!;
      const t = results[i] ?? NO_ALIGNMENT;
      if (this.templates.isTemplate(p.a, p.b, t, true)) {
        this.templateDuplicates.push(p);
        this.templates.learnFrom(p.a, p.b, t);
      } else {
        ctx.duplicates[kept++] = this.withPassages(p, t);
      }
    }
    ctx.duplicates.length = kept;
    if (this.templateDuplicates.length === 0 || ctx.relink === undefined) return;
    // The clusters that lost a pair: their copies may have been joined through it only.
    const root = ctx.duplicateRoot;
    const affected = new Set(this.templateDuplicates.map((p) => root(p.a)));
    const known = new Set(all.map((p) => p.a * this.n + p.b));
    const alignOne = makePairAligner(this.plan.align, (d) => this.state.seedDoc(d));
    ctx.relink(
      ctx.duplicates.slice(),
      (d) => affected.has(root(d)),
      (a, b) => known.has(a * this.n + b),
      (p) => {
        const t = alignOne(p.a, p.b);
        if (this.templates.isTemplate(p.a, p.b, t, true)) {
          this.templateDuplicates.push(p);
          this.templates.learnFrom(p.a, p.b, t);
          return false;
        }
        ctx.duplicates.push(this.withPassages(p, t));
        return true;
      },
    );
  }

  /**
   * A duplicate pair whose passages are kept: it stands in OverlapContext.duplicates as it is
   * until `finish` gives it its passages and their coverage (once every template pair is known).
   */
  private withPassages(p: ScoredPair, t: TokenAlignment): ScoredPair {
    this.pendingDuplicates.push({ pair: p, slot: t.pieces.length === 0 ? -1 : this.store.add(p.a, p.b, t.pieces) });
    return p;
  }

  /** The candidate pairs with their shared hashes (no candidate joins two copies of one cluster). */
  candidatePairs(): CandidateBatch {
    const { pairs, shared, hashes } = new CandidateMaker(this.plan.index).make(0, this.n);
    this.candidates += pairs.length;
    const starts = new Float64Array(pairs.length + 1);
    for (let i = 0; i < pairs.length; i++) starts[i + 1] = starts[i]! + shared[i]!;
    return { pairs, counts: shared, hashes, starts };
  }

  /** Counts candidates made elsewhere (e.g. by worker threads, range by range). */
  countCandidates(n: number): void {
    this.candidates += n;
  }

  /**
   * Records the pairs (packed) that have passages.
   * @param expansions when given, receives the expansion pairs of these hits (see expand)
   */
  applyCandidates(packed: Float64Array, hits: readonly PairHit[], expansions?: number[]): void {
    const first = this.plan.align.first;
    for (const h of hits) {
      const [a, b] = unpackPair(packed[h.index]!, this.n);
      // A copy's pair: recorded once, and never expanded (its cluster's first copy's pairs are).
      const copy = withCopy(first, a, b);
      if (copy) {
        const key = a * this.n + b;
        if (this.recordedCopies.has(key)) continue;
        this.recordedCopies.add(key);
      }
      // A site's header and footer first (a footer often holds its notice), then its notice alone.
      const template = this.templates.isTemplate(a, b, h.alignment, false);
      if (template) this.templates.learnFrom(a, b, h.alignment);
      const t = template ? NO_ALIGNMENT : this.templates.withoutNotices(a, b, h.alignment);
      if (t.pieces.length === 0) {
        this.templateCandidates++;
        continue;
      }
      this.record(a, b, t, h.intersection);
      if (expansions && !copy) this.expand(a, b, expansions);
    }
  }

  /**
   * A candidate with passages involves the first copy of a duplicate cluster: the other copies of
   * small clusters (fewer than EXPAND_CLUSTER) are paired with the same document too. Appends
   * those pairs (packed, a < b) to `out`. Each comes from one hit only, and no pair is given
   * twice (one also made as a candidate, from a copy's own fingerprints, is recorded once).
   */
  expand(a: number, b: number, out: number[]): void {
    for (const m of this.others(a)) this.push(m, b, out);
    for (const m of this.others(b)) this.push(a, m, out);
  }

  private push(x: number, y: number, out: number[]): void {
    const key = x < y ? x * this.n + y : y * this.n + x;
    if (this.expanded.has(key)) return;
    this.expanded.add(key);
    out.push(key);
  }

  /** The other members of d's duplicate cluster, when it is small enough to expand (else none). */
  private others(d: number): readonly number[] {
    if (this.members === undefined) this.members = this.expandableClusters();
    // Most documents are in no cluster (or a large one): no lookup, nothing made.
    const m = this.members.get(this.rootOf![d]!);
    return m === undefined ? NO_DOCS : m.filter((x) => x !== d);
  }

  /** The members of each duplicate cluster small enough to expand (2 … EXPAND_CLUSTER − 1), by root. */
  private expandableClusters(): Map<number, number[]> {
    const roots = new Int32Array(this.n);
    const size = new Int32Array(this.n);
    for (let x = 0; x < this.n; x++) size[(roots[x] = this.ctx.duplicateRoot(x))]!++;
    const members = new Map<number, number[]>();
    for (let x = 0; x < this.n; x++) {
      const root = roots[x]!;
      if (size[root]! < 2 || size[root]! >= EXPAND_CLUSTER) {
        roots[x] = -1;
        continue;
      }
      let m = members.get(root);
      if (!m) members.set(root, (m = []));
      m.push(x);
    }
    this.rootOf = roots;
    return members;
  }

  /** Keeps a pair with passages (its passages in the store) for `finish`. */
  private record(a: number, b: number, t: TokenAlignment, intersection: number): void {
    const p = this.pendingPairs;
    p.a.push(a);
    p.b.push(b);
    p.slot.push(this.store.add(a, b, t.pieces));
    p.intersection.push(intersection);
  }

  /**
   * Once every pair is aligned (every template pair known, so every article's bounds): each
   * kept pair's coverage and kind, the best source of each derived copy, and the duplicate
   * pairs' passages.
   */
  private finish(): void {
    const { articles, store } = this;
    const coverage = (d: number, slot: number, sideA: boolean): number =>
      slot < 0 ? 0 : articles.coverage(d, (first, end) => store.coveredIn(slot, sideA, first, end));
    const duplicates = new Map<ScoredPair, StoredPair>();
    for (const { pair: p, slot } of this.pendingDuplicates) {
      const fields = { a: p.a, b: p.b, kind: p.kind, jaccard: p.jaccard, aInB: p.aInB, bInA: p.bInA, coverage: { aInB: coverage(p.a, slot, true), bInA: coverage(p.b, slot, false) } };
      duplicates.set(p, new StoredPair(fields, slot < 0 ? undefined : store, slot));
    }
    const list = this.ctx.duplicates;
    for (let i = 0; i < list.length; i++) list[i] = duplicates.get(list[i]!) ?? list[i]!;
    const p = this.pendingPairs;
    for (let i = 0; i < p.slot.length; i++) {
      const a = p.a.data[i]!;
      const b = p.b.data[i]!;
      const slot = p.slot.data[i]!;
      this.classify(a, b, slot, p.intersection.data[i]!, coverage(a, slot, true), coverage(b, slot, false));
    }
    this.pendingDuplicates = [];
    this.pendingPairs = { a: new IntList(1), b: new IntList(1), slot: new IntList(1), intersection: new IntList(1) };
  }

  /** A candidate pair with passages: its kind (duplicate, contained or overlap), as a StoredPair. */
  private classify(a: number, b: number, slot: number, intersection: number, coverA: number, coverB: number): void {
    const o = this.ctx.options;
    const { articles } = this;
    const sizeA = articles.size(a);
    const sizeB = articles.size(b);
    // The smaller article (fewer tokens; ties: the later document) is the candidate copy.
    const aSmaller = sizeA < sizeB || (sizeA === sizeB && a > b);
    const copy = aSmaller ? a : b;
    const source = aSmaller ? b : a;
    const cover = aSmaller ? coverA : coverB;
    const sim = similarityOfCounts(intersection, this.ctx.sets[a]!.length, this.ctx.sets[b]!.length);
    // A pair whose exact Jaccard reaches the threshold is a duplicate, also when the LSH bands
    // let it through (a few in a hundred right at the threshold: stats.recall_at_threshold).
    let kind: PairKind = sim.jaccard >= o.threshold ? 'duplicate' : cover >= o.containment ? 'contained' : 'overlap';
    // So is the same article inside other sites' headers and footers: the exact Jaccard of the
    // two articles, where either has boilerplate at its edges and the whole sets' intersection
    // leaves the articles' Jaccard room to reach the threshold (their intersection is inside it,
    // their union at least the larger article's set: Articles.leastSetSize).
    let articleJaccard: number | undefined;
    if (kind !== 'duplicate' && this.articleJaccard && (articles.framed(a) || articles.framed(b)) && intersection >= o.threshold * Math.max(articles.leastSetSize(a), articles.leastSetSize(b))) {
      const j = setSimilarity(articles.set(a), articles.set(b)).jaccard;
      if (j >= o.threshold) {
        kind = 'duplicate';
        articleJaccard = j;
      }
    }
    const fields = { a, b, kind, jaccard: sim.jaccard, aInB: sim.aInB, bInA: sim.bInA, coverage: { aInB: coverA, bInA: coverB } };
    this.pairs.push(new StoredPair(articleJaccard === undefined ? fields : { ...fields, articleJaccard }, this.store, slot));
    if (kind === 'contained') {
      const prev = this.best.get(copy);
      if (!prev || cover > prev.cover || (cover === prev.cover && source < prev.source)) this.best.set(copy, { source, cover });
    }
  }

  outcome(): OverlapOutcome {
    this.finish();
    this.store.map();
    const { n, best, plan, state } = this;
    // Attach each derived copy to its best source; a source that is itself attached keeps its own.
    const attach: [number, number][] = [];
    for (const [copy, { source }] of [...best.entries()].sort((x, y) => x[0] - y[0])) {
      // Mutual containment (near-equal sizes): attach the later document to the earlier one once.
      if (best.get(source)?.source === copy && copy < source) continue;
      attach.push([copy, source]);
    }
    // Overlap groups: connected documents sharing passages (overlap or contained pairs).
    const uf = new UnionFind(n);
    for (const p of this.pairs) if (p.kind !== 'duplicate') uf.union(p.a, p.b);
    const groups = uf.groups().map((members) => ({ members }));
    const timings: Record<string, number> = { overlapIndex: plan.seconds, align: (performance.now() - this.t0) / 1000 };
    const t1 = performance.now();
    const k = plan.align.k;
    const boilerplate = describeBoilerplate(state, plan.index, k, windowFor(this.ctx.options.minPassage, k));
    timings.boilerplate = (performance.now() - t1) / 1000;
    return {
      pairs: this.pairs,
      attach,
      groups,
      boilerplate,
      candidates: this.candidates,
      maxDf: plan.index.maxDf,
      templateDuplicates: this.templateDuplicates,
      templatePairs: this.templateDuplicates.length + this.templateCandidates,
      timings,
      articleSet: (d) => (this.articleJaccard ? this.articles.set(d) : undefined),
    };
  }
}

/**
 * Each document's article: its text without the boilerplate at its edges. Those edges are found
 * two ways: by frequency (a site's header and footer in more than max_df documents, or named by
 * --boilerplate; overlap/frame.ts contentBounds), known before any pair is aligned; and from the
 * template pairs (TemplateTest), whose shared header and footer mark where each page's own text
 * starts and ends, known once every pair is aligned. The template test itself reads the first
 * kind only (`frequencyBounds`), so what it decides does not depend on the order pairs come in;
 * everything else (`bounds`, coverage, sizes, sets) reads both, after the last pair. A document
 * without such edges is its own article. Bounds and sets are made on first use.
 */
class Articles {
  private readonly isBoilerplate: (hash: number) => boolean;
  private readonly k: number;
  private readonly window: number;
  /** Per document: first and end of its non-boilerplate text (first = -1: not made yet). */
  private readonly first: Int32Array;
  private readonly end: Int32Array;
  /** Per document: where the template pairs say its own text starts and ends (end -1: none). */
  private readonly learnedFirst: Int32Array;
  private readonly learnedEnd: Int32Array;

  constructor(
    private readonly state: OverlapState,
    private readonly sets: readonly Uint32Array[],
    plan: AlignPlan,
  ) {
    this.isBoilerplate = boilerplateOf(plan);
    this.k = plan.k;
    this.window = windowFor(plan.minPassage, plan.k);
    this.first = new Int32Array(state.count).fill(-1);
    this.end = new Int32Array(state.count);
    this.learnedFirst = new Int32Array(state.count);
    this.learnedEnd = new Int32Array(state.count).fill(-1);
  }

  /** Where d's text without its frequent boilerplate starts and ends, in tokens. */
  frequencyBounds(d: number): ContentBounds {
    if (this.first[d]! < 0) {
      const { state } = this;
      const c = contentBounds(state.sequences[d]!, state.counts[d]!, this.k, this.window, this.isBoilerplate);
      this.first[d] = c.first;
      this.end[d] = c.end;
    }
    return { first: this.first[d]!, end: this.end[d]! };
  }

  /**
   * Takes note that d's own text starts at or after `first` and ends at or before `end` (−1:
   * not said): a template pair's header ends at `first`, its footer starts at `end`.
   */
  learn(d: number, first: number, end: number): void {
    if (first > this.learnedFirst[d]!) this.learnedFirst[d] = first;
    if (end >= 0 && (this.learnedEnd[d]! < 0 || end < this.learnedEnd[d]!)) this.learnedEnd[d] = end;
  }

  /** Where d's article starts and ends, in tokens: both kinds of edges (read after the last pair). */
  bounds(d: number): ContentBounds {
    const f = this.frequencyBounds(d);
    const learnedEnd = this.learnedEnd[d]!;
    const first = Math.max(f.first, this.learnedFirst[d]!);
    const end = learnedEnd < 0 ? f.end : Math.min(f.end, learnedEnd);
    // Edges that meet leave no article: the frequent ones alone say where it is.
    return first < end ? { first, end } : f;
  }

  /** True when d has boilerplate at an edge and text between (else its article is all of it). */
  framed(d: number): boolean {
    const b = this.bounds(d);
    return b.first < b.end && (b.first > 0 || b.end < this.state.counts[d]!);
  }

  /** Tokens of d's article. */
  size(d: number): number {
    if (!this.framed(d)) return this.state.counts[d]!;
    const b = this.bounds(d);
    return b.end - b.first;
  }

  /**
   * Share of d's article inside a pair's passages.
   * @param coveredIn the passages' tokens on d's side inside [first, end)
   */
  coverage(d: number, coveredIn: (first: number, end: number) => number): number {
    const count = this.state.counts[d]!;
    const { first, end } = this.framed(d) ? this.bounds(d) : { first: 0, end: count };
    return end === first ? 0 : coveredIn(first, end) / (end - first);
  }

  /**
   * A lower bound of the size of d's article's shingle set, known without making it: each
   * shingle of the whole set that the article lacks stands at one of the positions outside it.
   */
  leastSetSize(d: number): number {
    const whole = this.sets[d]!.length;
    if (!this.framed(d)) return whole;
    const { first, end } = this.bounds(d);
    const n = this.state.sequences[d]!.length;
    const inside = Math.max(0, Math.min(n, end - this.k + 1) - first);
    return Math.max(0, whole - (n - inside));
  }

  /** The shingle set (sorted, no repeats) of d's article: the shingles wholly inside it. */
  set(d: number): Uint32Array {
    if (!this.framed(d)) return this.sets[d]!;
    const { first, end } = this.bounds(d);
    const seq = this.state.sequences[d]!;
    return toShingleSet(seq.subarray(first, Math.max(first, Math.min(seq.length, end - this.k + 1))));
  }
}

/**
 * Tells pairs that share only their site's template (overlap/frame.ts) from pairs that share an
 * article or a passage of one. Runs on the thread that collects the pairs; each document's
 * content bounds are made on first use, the recurring fingerprints come with the plan.
 */
class TemplateTest {
  private readonly k: number;
  private readonly slack: number;
  private readonly recurring: (hash: number) => boolean;

  constructor(
    private readonly state: OverlapState,
    private readonly sets: readonly Uint32Array[],
    overlapPlan: OverlapPlan,
    private readonly articles: Articles,
  ) {
    const plan = overlapPlan.align;
    this.recurring = overlapPlan.recurring;
    this.k = plan.k;
    this.slack = plan.maxGap;
  }

  /**
   * True when the pair's passages `t` are its site's header and footer and nothing else, and each
   * document has an article of its own (see overlap/frame.ts).
   * @param duplicate a verified duplicate pair: with no passages at all (every shared passage was
   *   boilerplate), it is a template pair when both documents hold boilerplate and text of their own
   */
  isTemplate(a: number, b: number, t: TokenAlignment, duplicate: boolean): boolean {
    if (t.pieces.length === 0 && !duplicate) return false;
    if (!atEdges(t.pieces, this.articles.frequencyBounds(a), this.articles.frequencyBounds(b), this.slack)) return false;
    const { state } = this;
    const need = Math.max(state.minTokens[a]!, state.minTokens[b]!);
    // A passage's worth of words that no shingle shares with the other page.
    const article = need + 2 * (this.k - 1);
    // Cheapest first: enough text outside the passages at all, then recurring passages, then an
    // article of its own on each side.
    if (state.counts[a]! - t.coveredA < article || state.counts[b]! - t.coveredB < article) return false;
    if (t.pieces.length === 0) {
      // Nothing shared but boilerplate: both must hold some beside their own text.
      const ea = this.articles.frequencyBounds(a);
      const eb = this.articles.frequencyBounds(b);
      if (state.counts[a]! - ea.end + ea.first < need || state.counts[b]! - eb.end + eb.first < need) return false;
    } else {
      const r = recurringInPieces(t.pieces, state.winnowed[a]!, state.positions[a]!, this.k, this.recurring);
      if (r.inside === 0 || r.recurring < RECURRING_SHARE * r.inside) return false;
    }
    return this.hasOwn(a, b, t.pieces, true, article) && this.hasOwn(b, a, t.pieces, false, article);
  }

  /**
   * Tells the articles where a template pair's pages have their own text: after the header
   * passages, before the footer passages (the pair's passages `t`, which isTemplate accepted).
   */
  learnFrom(a: number, b: number, t: TokenAlignment): void {
    const fa = this.articles.frequencyBounds(a);
    const fb = this.articles.frequencyBounds(b);
    for (const p of t.pieces) {
      if (p.aStart <= fa.first + this.slack && p.bStart <= fb.first + this.slack) {
        this.articles.learn(a, p.aEnd, -1);
        this.articles.learn(b, p.bEnd, -1);
      } else {
        this.articles.learn(a, 0, p.aStart);
        this.articles.learn(b, 0, p.bStart);
      }
    }
  }

  /**
   * The alignment without the passages that are a site's copyright or licence notice: short (at
   * most NOTICE_PASSAGES passages' worth of words), at the start or the end of both documents'
   * text (like a template's header or footer), and saying what such notices say (NOTICE_RE).
   * Frequency finds a notice in a large corpus; in a small one ("All Content by Mehr News
   * Agency is licensed under a Creative Commons Attribution 4.0 International License" ending
   * two of five articles) only its place and words tell it from a quote.
   */
  withoutNotices(a: number, b: number, t: TokenAlignment): TokenAlignment {
    const most = NOTICE_PASSAGES * Math.max(this.state.minTokens[a]!, this.state.minTokens[b]!);
    const notice = (p: TokenPassage): boolean =>
      p.aEnd - p.aStart <= most && atEdges([p], this.articles.frequencyBounds(a), this.articles.frequencyBounds(b), this.slack, true) && this.isNotice(a, p);
    if (!t.pieces.some(notice)) return t;
    const pieces = t.pieces.filter((p) => !notice(p));
    let coveredA = 0;
    let coveredB = 0;
    for (const p of pieces) {
      coveredA += p.aEnd - p.aStart;
      coveredB += p.bEnd - p.bStart;
    }
    return { pieces, coveredA, coveredB };
  }

  /** Whether passage p's text in document a reads as a copyright or licence notice. */
  private isNotice(a: number, p: TokenPassage): boolean {
    const tok = this.state.tokenRanges(a, true);
    return NOTICE_RE.test(this.state.texts.get(a).slice(tok.starts[p.aStart], tok.ends[p.aEnd - 1]));
  }

  /**
   * Whether document d (A's side of the passages when `isA`) has an article of its own: a run of
   * `article` shingles, outside the passages and inside its content bounds, that `other` lacks.
   * Scattered edits make short runs (a changed word, k shingles); an article the other page does
   * not have makes one as long as itself. Boilerplate found by frequency (another site's header
   * and footer around a copy of the story) is no article.
   */
  private hasOwn(d: number, other: number, pieces: readonly TokenPassage[], isA: boolean, article: number): boolean {
    const seq = this.state.sequences[d]!;
    const set = this.sets[other]!;
    const { first, end } = this.articles.frequencyBounds(d);
    // Shingles [p, p + k) inside a passage are shared: only the gaps between passages are read.
    const spans = pieces.map((p) => (isA ? [p.aStart, p.aEnd] : [p.bStart, p.bEnd]) as [number, number]).sort((x, y) => x[0] - y[0]);
    // The last shingle wholly before the trailing boilerplate starts at end - k.
    const stop = Math.min(seq.length, Math.max(first, end - this.k + 1));
    let at = first;
    for (let s = 0; s <= spans.length; s++) {
      const to = s < spans.length ? Math.min(spans[s]![0], stop) : stop;
      let run = 0;
      for (let i = at; i < to; i++) {
        const h = seq[i]!;
        const j = lowerBound(set, h);
        if (j < set.length && set[j] === h) run = 0;
        else if (++run >= article) return true;
      }
      if (s < spans.length) at = Math.max(at, spans[s]![1] - this.k + 1);
    }
    return false;
  }
}

/** Texts of the most frequent boilerplate fingerprints, each expanded to its run in one document. */
function describeBoilerplate(
  state: OverlapState,
  cands: { boilerplate: Uint32Array; boilerplateDf: Uint32Array },
  k: number,
  gap: number,
): { text: string; documents: number }[] {
  const inBoilerplate = sortedHashSet(cands.boilerplate);
  const order = [...cands.boilerplate.keys()].sort(
    (x, y) => cands.boilerplateDf[y]! - cands.boilerplateDf[x]! || cands.boilerplate[x]! - cands.boilerplate[y]!,
  );
  const out: { text: string; documents: number }[] = [];
  const seen = new Set<string>();
  for (const idx of order) {
    if (out.length >= BOILERPLATE_LISTED) break;
    const h = cands.boilerplate[idx]!;
    const found = locate(state, h);
    if (!found) continue;
    const { doc, pos } = found;
    // Expand over the document's shingles while boilerplate ones follow within `gap` positions.
    const seq = state.sequences[doc]!;
    let lo = pos;
    let hi = pos;
    for (let i = pos - 1; i >= 0 && lo - i <= gap; i--) if (inBoilerplate(seq[i]!)) lo = i;
    for (let i = pos + 1; i < seq.length && i - hi <= gap; i++) if (inBoilerplate(seq[i]!)) hi = i;
    const tok = state.tokenRanges(doc);
    const count = state.counts[doc]!;
    const last = Math.min(count, hi + k) - 1;
    if (count === 0 || last < lo) continue;
    const text = state.texts.get(doc).slice(tok.starts[lo], tok.ends[last]).replace(/\s+/g, ' ').trim();
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ text, documents: cands.boilerplateDf[idx]! });
  }
  return out;
}

/** The first document (and shingle position) holding winnowed fingerprint h. */
function locate(state: OverlapState, h: number): { doc: number; pos: number } | undefined {
  for (let d = 0; d < state.count; d++) {
    const hs = state.winnowed[d]!;
    const lo = lowerBound(hs, h);
    if (lo < hs.length && hs[lo] === h) return { doc: d, pos: state.positions[d]![lo]! };
  }
  return undefined;
}

