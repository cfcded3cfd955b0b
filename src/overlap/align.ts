/**
 * Alignment of one pair of documents into shared passages.
 *
 * Winnowing (Schleimer, Wilkerson, Aiken, SIGMOD 2003) only says that two documents share
 * *something*; this module finds where. It works on the full k-shingle sequences:
 *
 * 1. Seeds. Matching positions (i, j) come from a merge-join of the two documents' seed lists,
 *    sorted by (hash, position): every shingle (alignPair) or only the winnowed fingerprints
 *    (alignSeeded, the pipeline). A hash occurring more than `MAX_OCCURRENCES` times in either
 *    list (repetitive text) seeds nothing.
 * 2. Runs. Each seed is walked back to the start of its maximal diagonal run, which is measured
 *    once (seeds inside a known run are skipped), extending through repetitive shingles too. A
 *    run of L shingles covers tokens [i, i + L + k − 1) of A and [j, j + L + k − 1) of B (clipped
 *    to the document: a document shorter than k has one shingle covering all of its tokens).
 *    Gapped extension then finds the runs that start or end within maxGap tokens of a found run.
 * 3. Selection. Runs are taken greedily, longest first (ties: smaller position in A, then in B);
 *    the tokens of a run already claimed in A or in B by an accepted run are cut out, and the
 *    remaining pieces of at least min(k, run length) tokens are accepted. Accepted pieces never
 *    overlap, in A nor in B.
 * 4. Boilerplate. With a `boilerplate` predicate (the index's high-df fingerprints), each piece is
 *    winnowed with the same window w as the index: the stretches whose window minima are
 *    boilerplate (consecutive boilerplate minima at most w apart are joined) are cut out. A pure
 *    footer thus disappears; a quote that runs into a footer keeps its quote.
 * 5. Merging. Pieces, in A order, are merged when the next one starts at most `maxGap` tokens after
 *    the current one ends in A and in B, and in the same order in B: a changed, inserted or
 *    deleted word or two keeps one passage. Passages with fewer than `minPassage` tokens of A
 *    are dropped.
 *
 * Cost: linear in the seeds and run cells (plus, for alignPair, one native sort per document,
 * cached with prepareAlignDoc); no per-token objects and no strings until the passages are built.
 */
import type { Passage, Tokens } from '../types.js';
import { shingleSequence } from '../text/shingle.js';
import { SlidingMin, windowFor } from './winnow.js';
import { IntList } from '../util/int-list.js';
import { lowerBound } from './fingerprint-index.js';
import { sortedByHash, sortedPacked } from '../util/sort-hashes.js';

/** Hashes occurring more often than this in either document seed no runs (repetitive text). */
export const MAX_OCCURRENCES = 8;

/** Runs per pair past which known runs are indexed by diagonal instead of scanned. */
const DIAGONAL_INDEX_AT = 24;

/** Gapped extension stops adding runs past this many in one pair (pathological repetition). */
const MAX_RUNS = 100_000;

/** Options of alignPair / alignPrepared. */
export interface AlignOptions {
  /** Shortest passage kept, in tokens of A (merged gaps included), >= 1. */
  readonly minPassage: number;
  /** Largest gap, in tokens, bridged when merging two runs (in A and in B), >= 0. */
  readonly maxGap: number;
  /** True for boilerplate shingle hashes (e.g. sortedHashSet(candidates.boilerplate)). */
  readonly boilerplate?: (shingleHash: number) => boolean;
  /** Winnowing window used for the boilerplate test; default windowFor(minPassage, k). */
  readonly window?: number;
}

/** A passage with details beyond types.ts's Passage. */
export interface AlignedPassage extends Passage {
  /** Number of gaps bridged by merging (0: the two sides have identical normalized tokens). */
  readonly gaps: number;
  /** Token ranges, half-open: [aStart, aEnd) in A and [bStart, bEnd) in B. */
  readonly tokens: { readonly aStart: number; readonly aEnd: number; readonly bStart: number; readonly bEnd: number };
}

/** The shared passages of one pair. */
export interface Alignment {
  /** Passages ordered by `a.start`, disjoint in A and in B. Offsets: UTF-16 code units, half-open. */
  readonly passages: AlignedPassage[];
  /** Tokens of A inside passages. */
  readonly coveredA: number;
  /** Tokens of B inside passages. */
  readonly coveredB: number;
}

/** One document made ready for alignment; reusable across all pairs it takes part in. */
export interface AlignDoc {
  readonly text: string;
  readonly tokens: Tokens;
  /** Shingle size in tokens. */
  readonly k: number;
  /** Per-position shingle hashes (shingleSequence). */
  readonly shingles: Uint32Array;
  /** (hash << 32 | position) of every shingle, ascending. */
  readonly index: BigUint64Array;
}

/**
 * Prepares a document for alignment: its shingle sequence and the sorted (hash, position) index.
 * Cache the result when a document takes part in many pairs.
 * @param text the original text the token offsets refer to
 * @param tokens its tokens (tokenize)
 * @param k shingle size in tokens (>= 1)
 */
export function prepareAlignDoc(text: string, tokens: Tokens, k: number): AlignDoc {
  const shingles = shingleSequence(tokens.hashes, tokens.count, k);
  const index = sortedPacked(shingles, (i) => i);
  return { text, tokens, k, shingles, index };
}

/**
 * Aligns two documents into shared passages (see the module comment for the algorithm).
 * @param textA original text of A; token offsets of tokA refer to it
 * @param tokA tokens of A
 * @param textB original text of B
 * @param tokB tokens of B
 * @param k shingle size in tokens (>= 1), as used for fingerprints
 * @param options minPassage (tokens), maxGap (tokens), optional boilerplate predicate and window
 * @returns passages ordered by a.start, disjoint on both sides; `a`/`b` are UTF-16 code-unit,
 *   half-open ranges from the start of the first token to the end of the last; `words` counts
 *   tokens of A; `text` is textA.slice(a.start, a.end). Unmerged passages (gaps = 0) have the same
 *   normalized tokens on both sides; merged ones may differ by up to maxGap tokens per gap.
 *   Deterministic.
 */
export function alignPair(
  textA: string,
  tokA: Tokens,
  textB: string,
  tokB: Tokens,
  k: number,
  options: AlignOptions,
): Alignment {
  return alignPrepared(prepareAlignDoc(textA, tokA, k), prepareAlignDoc(textB, tokB, k), options);
}

/**
 * alignPair on prepared documents (same result; the sorts are not redone).
 * @param a document A (prepareAlignDoc)
 * @param b document B, prepared with the same k
 * @param options as for alignPair
 */
export function alignPrepared(a: AlignDoc, b: AlignDoc, options: AlignOptions): Alignment {
  if (a.k !== b.k) throw new RangeError(`alignPrepared: documents prepared with different k (${a.k}, ${b.k})`);
  // Every shingle seeds: the maximal runs are those of the full merge-join of both indexes.
  const t = alignSeeded(allSeeds(a), allSeeds(b), a.k, options);
  return { passages: toPassages(t.pieces, a.text, a.tokens, b.tokens), coveredA: t.coveredA, coveredB: t.coveredB };
}

/** A prepared document as a SeedDoc whose seeds are all its shingles. */
function allSeeds(d: AlignDoc): SeedDoc {
  const n = d.shingles.length;
  const words = new Uint32Array(d.index.buffer, d.index.byteOffset, 2 * n); // [2i] position, [2i+1] hash
  const seedHashes = new Uint32Array(n);
  const seedPositions = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    seedPositions[i] = words[2 * i]!;
    seedHashes[i] = words[2 * i + 1]!;
  }
  return { shingles: d.shingles, count: d.tokens.count, seedHashes, seedPositions };
}

/** A passage in token space: [aStart, aEnd) of A, [bStart, bEnd) of B, with its bridged gaps. */
export interface TokenPassage {
  readonly aStart: number;
  readonly aEnd: number;
  readonly bStart: number;
  readonly bEnd: number;
  readonly gaps: number;
}

/** Passages in token space, before offsets are known. */
export interface TokenAlignment {
  /** Ordered by aStart, disjoint in A and in B. */
  readonly pieces: TokenPassage[];
  readonly coveredA: number;
  readonly coveredB: number;
}

/**
 * Maps passages in token space to character offsets in the original texts.
 * @returns AlignedPassages: `a`/`b` UTF-16 half-open ranges from the start of the first token
 *   to the end of the last; `words` = tokens of A; `text` = textA.slice(a.start, a.end)
 */
export function toPassages(pieces: readonly TokenPassage[], textA: string, ta: Tokens, tb: Tokens): AlignedPassage[] {
  return pieces.map((p) => {
    const aStart = ta.starts[p.aStart]!;
    const aEnd = ta.ends[p.aEnd - 1]!;
    return {
      a: { start: aStart, end: aEnd },
      b: { start: tb.starts[p.bStart]!, end: tb.ends[p.bEnd - 1]! },
      words: p.aEnd - p.aStart,
      text: ownCopy(textA.slice(aStart, aEnd)),
      gaps: p.gaps,
      tokens: { aStart: p.aStart, aEnd: p.aEnd, bStart: p.bStart, bEnd: p.bEnd },
    };
  });
}

/**
 * A flat copy of `s` that does not share memory with the string it was sliced from (V8 keeps the
 * whole parent alive behind a slice). A JSON round trip: exact for every code unit (lone
 * surrogates are escaped and restored), and one byte per character when the text allows it.
 */
export function ownCopy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/** A document as the seeded aligner sees it: kept from fingerprinting, no text needed. */
export interface SeedDoc {
  /** Per-position word-shingle hashes. */
  readonly shingles: Uint32Array;
  /** Number of tokens. */
  readonly count: number;
  /** Winnowed fingerprints sorted by (hash, position): hashes and their positions. */
  readonly seedHashes: Uint32Array;
  readonly seedPositions: Uint32Array;
  /**
   * The fewest tokens of a passage in this document, when more than the aligner's minPassage
   * (text in unspaced scripts: see passageTokens in compare/overlap-stage.ts). A pair's passages
   * need the larger of its two documents'.
   */
  readonly minPassage?: number;
}

/**
 * Alignment seeded by shared winnowed fingerprints instead of all shared shingles: the maximal
 * diagonal runs through a common fingerprint (found by a merge-join of the two small sorted
 * fingerprint lists), then the same selection, boilerplate cutting and merging as alignPair.
 * By the winnowing guarantee every shared run of at least w + k − 1 tokens holds a common
 * fingerprint at the same place on both sides, so every such run is found; shorter runs are found
 * when they hold a fingerprint. Needs no text and no tokens: the caller maps the (usually few)
 * pairs with passages to offsets with toPassages.
 * For many pairs, make one SeededAligner and call its `align`: the same result, without the
 * per-call set-up.
 * @param isSeed optional filter on fingerprint hashes (e.g. not boilerplate)
 */
export function alignSeeded(a: SeedDoc, b: SeedDoc, k: number, options: AlignOptions, isSeed?: (hash: number) => boolean): TokenAlignment {
  return new SeededAligner(k, options, isSeed).align(a, b);
}

/** The alignment of a pair without passages (shared, frozen: never modify a result). */
const NO_PASSAGES: TokenAlignment = Object.freeze({ pieces: Object.freeze([]) as unknown as TokenPassage[], coveredA: 0, coveredB: 0 });

/** Pairs with at most this many runs are first checked against a cheap bound (see mayReach). */
const BOUND_RUNS = 64;

/**
 * The seeded aligner (alignSeeded) with all its working memory: runs, pieces and claimed-token
 * stamps live in typed arrays reused from pair to pair, so a pair without passages (most
 * candidates) allocates nothing. Not re-entrant; one per thread.
 */
export class SeededAligner {
  /** The options' minPassage; the current pair's is at least this (SeedDoc.minPassage). */
  private readonly baseMinPassage: number;
  private minPassage: number;
  private readonly maxGap: number;
  private readonly window: number;
  private readonly boilerplate: ((hash: number) => boolean) | undefined;
  private readonly matcher: WindowMatcher;
  private readonly slidingMin: SlidingMin;
  // The current pair.
  private sa: Uint32Array = new Uint32Array(0);
  private sb: Uint32Array = new Uint32Array(0);
  // Maximal diagonal runs: start in A, start in B, length in shingles.
  private readonly runI = new IntList();
  private readonly runJ = new IntList();
  private readonly runL = new IntList();
  /** Known runs by diagonal (i − j) as [start, end) spans, once a pair has many runs. */
  private byDiagonal: Map<number, number[]> | undefined;
  // Selection scratch: tokens per run, runs in selection order.
  private tokLen = new Uint32Array(64);
  private order = new Uint32Array(64);
  // Accepted pieces (token start in A, in B, length), then the non-boilerplate parts of them.
  private readonly pieceA = new IntList();
  private readonly pieceB = new IntList();
  private readonly pieceLen = new IntList();
  private readonly keptA = new IntList();
  private readonly keptB = new IntList();
  private readonly keptLen = new IntList();
  private readonly marks = new IntList();
  // Claimed tokens: a token is claimed when its stamp equals the pair's generation.
  private usedA = new Uint32Array(1024);
  private usedB = new Uint32Array(1024);
  private generation = 0;

  /**
   * @param k shingle size in tokens (>= 1)
   * @param options minPassage, maxGap, optional boilerplate predicate and window
   * @param isSeed optional filter on fingerprint hashes (e.g. not boilerplate)
   */
  constructor(
    private readonly k: number,
    options: AlignOptions,
    private readonly isSeed?: (hash: number) => boolean,
  ) {
    this.baseMinPassage = this.minPassage = options.minPassage;
    this.maxGap = options.maxGap;
    this.window = options.window ?? windowFor(options.minPassage, k);
    this.boilerplate = options.boilerplate;
    this.matcher = new WindowMatcher();
    this.slidingMin = new SlidingMin(this.window);
  }

  /** Aligns a pair (see alignSeeded). The result must not be modified. */
  align(a: SeedDoc, b: SeedDoc): TokenAlignment {
    if (!this.start(a, b)) return NO_PASSAGES;
    const ha = a.seedHashes;
    const hb = b.seedHashes;
    let x = 0;
    let y = 0;
    while (x < ha.length && y < hb.length) {
      const h = ha[x]!;
      const g = hb[y]!;
      if (h < g) {
        x++;
        continue;
      }
      if (h > g) {
        y++;
        continue;
      }
      const ex = runEnd(ha, x);
      const ey = runEnd(hb, y);
      this.seed(a, x, ex, b, y, ey, h);
      x = ex;
      y = ey;
    }
    return this.finish(a, b);
  }

  /**
   * `align` for a pair whose shared fingerprint hashes are known (e.g. OverlapCandidates.hashes):
   * their occurrences are looked up by binary search instead of joining the two lists. The same
   * result as `align` when hashes[from, to) are all the seed hashes the pair shares.
   * @param hashes ascending, without repeats, in [from, to)
   * @param seeds true when every one of the hashes is known to be a seed (isSeed holds: e.g. they
   *   come from the fingerprint index, which holds no boilerplate): isSeed is not asked again
   */
  alignOn(a: SeedDoc, b: SeedDoc, hashes: Uint32Array, from = 0, to = hashes.length, seeds = false): TokenAlignment {
    if (!this.start(a, b)) return NO_PASSAGES;
    const ha = a.seedHashes;
    const hb = b.seedHashes;
    let x0 = 0;
    let y0 = 0;
    for (let i = from; i < to; i++) {
      const hash = hashes[i]!;
      // Hashes ascend, so each search starts where the last one ended.
      const x = lowerBound(ha, hash, x0);
      const y = lowerBound(hb, hash, y0);
      if (ha[x] === hash && hb[y] === hash) {
        x0 = runEnd(ha, x);
        y0 = runEnd(hb, y);
        this.seed(a, x, x0, b, y, y0, seeds ? undefined : hash);
      } else {
        x0 = x;
        y0 = y;
      }
    }
    return this.finish(a, b);
  }

  /** Resets the working memory for the pair; false when either document has no shingles. */
  private start(a: SeedDoc, b: SeedDoc): boolean {
    if (a.shingles.length === 0 || b.shingles.length === 0) return false;
    this.sa = a.shingles;
    this.sb = b.shingles;
    this.minPassage = Math.max(this.baseMinPassage, a.minPassage ?? 0, b.minPassage ?? 0);
    this.runI.length = 0;
    this.runJ.length = 0;
    this.runL.length = 0;
    this.byDiagonal = undefined;
    return true;
  }

  /**
   * Seeds runs from hash h's occurrences [x, ex) in A and [y, ey) in B (unless too repetitive or
   * not a seed; h undefined: known to be a seed).
   */
  private seed(a: SeedDoc, x: number, ex: number, b: SeedDoc, y: number, ey: number, h: number | undefined): void {
    if (ex - x > MAX_OCCURRENCES || ey - y > MAX_OCCURRENCES || (h !== undefined && this.isSeed !== undefined && !this.isSeed(h))) return;
    const pa = a.seedPositions;
    const pb = b.seedPositions;
    for (let p = x; p < ex; p++) for (let q = y; q < ey; q++) this.addRunThrough(pa[p]!, pb[q]!);
  }

  /** Gapped extension of the seeded runs, then selection and merging. */
  private finish(a: SeedDoc, b: SeedDoc): TokenAlignment {
    const sa = this.sa;
    const sb = this.sb;
    const na = sa.length;
    const nb = sb.length;
    if (this.runI.length === 0) return NO_PASSAGES;
    // Gapped extension (as in BLAST): runs starting or ending within maxGap tokens of a found run
    // are found too, so a changed word or two inside a passage is bridged as by alignPair.
    const reach = this.maxGap + this.k;
    const { runI, runJ, runL, matcher } = this;
    for (let r = 0; r < runI.length && runI.length < MAX_RUNS; r++) {
      const i = runI.data[r]!;
      const j = runJ.data[r]!;
      const ie = i + runL.data[r]!;
      const je = j + runL.data[r]!;
      matcher.match(sa, ie, Math.min(na, ie + reach), sb, je, Math.min(nb, je + reach), this);
      matcher.match(sa, Math.max(0, i - reach), i, sb, Math.max(0, j - reach), j, this);
    }
    return this.selectAndMerge(a.count, b.count);
  }

  /**
   * Records the maximal diagonal run through the equal shingles sa[x] = sb[y], unless a known run
   * holds that cell already (then every run is walked once: cost linear in the shared length).
   * Few runs (the common case) are scanned directly; past DIAGONAL_INDEX_AT they are indexed by
   * diagonal.
   */
  addRunThrough(x: number, y: number): void {
    if (this.inKnownRun(x, x - y)) return;
    const { sa, sb } = this;
    const na = sa.length;
    const nb = sb.length;
    while (x > 0 && y > 0 && sa[x - 1] === sb[y - 1]) {
      x--;
      y--;
    }
    let len = 1;
    while (x + len < na && y + len < nb && sa[x + len] === sb[y + len]) len++;
    this.runI.push(x);
    this.runJ.push(y);
    this.runL.push(len);
    if (this.byDiagonal) this.indexRun(x, y, len);
    else if (this.runI.length === DIAGONAL_INDEX_AT) {
      this.byDiagonal = new Map();
      for (let r = 0; r < this.runI.length; r++) this.indexRun(this.runI.data[r]!, this.runJ.data[r]!, this.runL.data[r]!);
    }
  }

  private inKnownRun(x: number, diag: number): boolean {
    if (this.byDiagonal) {
      const spans = this.byDiagonal.get(diag);
      if (spans) for (let s = 0; s < spans.length; s += 2) if (x >= spans[s]! && x < spans[s + 1]!) return true;
      return false;
    }
    const ri = this.runI.data;
    const rj = this.runJ.data;
    const rl = this.runL.data;
    for (let r = 0; r < this.runI.length; r++) {
      const i0 = ri[r]!;
      if (i0 - rj[r]! === diag && x >= i0 && x < i0 + rl[r]!) return true;
    }
    return false;
  }

  private indexRun(i0: number, j0: number, len: number): void {
    const diag = i0 - j0;
    let spans = this.byDiagonal!.get(diag);
    if (!spans) this.byDiagonal!.set(diag, (spans = []));
    spans.push(i0, i0 + len);
  }

  /** Tokens of A covered by run r: [i, i + tokLen) (clipped to both documents). */
  private runTokens(r: number, countA: number, countB: number): number {
    const i = this.runI.data[r]!;
    const j = this.runJ.data[r]!;
    const l = this.runL.data[r]! + this.k - 1;
    return Math.min(Math.min(i + l, countA) - i, Math.min(j + l, countB) - j);
  }

  /**
   * A necessary condition for any passage: every passage lies inside one cluster of the runs'
   * token ranges in A joined across gaps of at most maxGap (its pieces lie inside runs, and
   * merging bridges only such gaps), so some cluster must span minPassage tokens. Most
   * candidates (a shared common phrase) fail it and skip selection.
   */
  private mayReach(nruns: number): boolean {
    const { order, tokLen } = this;
    const ri = this.runI.data;
    for (let r = 0; r < nruns; r++) {
      // Insertion sort by start in A.
      let p = r;
      while (p > 0 && ri[order[p - 1]!]! > ri[r]!) {
        order[p] = order[p - 1]!;
        p--;
      }
      order[p] = r;
    }
    let from = ri[order[0]!]!;
    let to = from + tokLen[order[0]!]!;
    for (let o = 1; o < nruns; o++) {
      const r = order[o]!;
      const s = ri[r]!;
      if (s - to > this.maxGap) {
        if (to - from >= this.minPassage) return true;
        from = s;
        to = s;
      }
      to = Math.max(to, s + tokLen[r]!);
    }
    return to - from >= this.minPassage;
  }

  /** Steps 3–5: selection, boilerplate cutting and merging, in token space. */
  private selectAndMerge(countA: number, countB: number): TokenAlignment {
    const { k, runI, runJ } = this;
    const nruns = runI.length;
    if (this.tokLen.length < nruns) {
      let size = this.tokLen.length;
      while (size < nruns) size *= 2;
      this.tokLen = new Uint32Array(size);
      this.order = new Uint32Array(size);
    }
    const { tokLen, order } = this;
    for (let r = 0; r < nruns; r++) tokLen[r] = this.runTokens(r, countA, countB);
    if (nruns <= BOUND_RUNS && !this.mayReach(nruns)) return NO_PASSAGES;
    const ri = runI.data;
    const rj = runJ.data;
    // 3. Greedy selection of non-overlapping pieces, longest run first (ties: smaller start in A, then in B).
    for (let r = 0; r < nruns; r++) order[r] = r;
    const before = (x: number, y: number): boolean =>
      tokLen[x]! > tokLen[y]! || (tokLen[x] === tokLen[y] && (ri[x]! < ri[y]! || (ri[x] === ri[y] && rj[x]! < rj[y]!)));
    if (nruns <= 32) {
      for (let r = 1; r < nruns; r++) {
        const v = order[r]!;
        let p = r;
        while (p > 0 && before(v, order[p - 1]!)) {
          order[p] = order[p - 1]!;
          p--;
        }
        order[p] = v;
      }
    } else {
      order.subarray(0, nruns).sort((x, y) => tokLen[y]! - tokLen[x]! || ri[x]! - ri[y]! || rj[x]! - rj[y]!);
    }
    const gen = this.nextGeneration(countA, countB);
    const { usedA, usedB, pieceA, pieceB, pieceLen } = this;
    pieceA.length = 0;
    pieceB.length = 0;
    pieceLen.length = 0;
    for (let o = 0; o < nruns; o++) {
      const r = order[o]!;
      const i = ri[r]!;
      const j = rj[r]!;
      const len = tokLen[r]!;
      const minPiece = Math.min(k, len);
      let t = 0;
      while (t < len) {
        while (t < len && (usedA[i + t] === gen || usedB[j + t] === gen)) t++;
        const from = t;
        while (t < len && usedA[i + t] !== gen && usedB[j + t] !== gen) t++;
        if (t - from >= minPiece) {
          usedA.fill(gen, i + from, i + t);
          usedB.fill(gen, j + from, j + t);
          pieceA.push(i + from);
          pieceB.push(j + from);
          pieceLen.push(t - from);
        }
      }
    }

    // 4. Cut boilerplate out of the pieces.
    let pa = pieceA;
    let pb = pieceB;
    let pl = pieceLen;
    if (this.boilerplate !== undefined) {
      pa = this.keptA;
      pb = this.keptB;
      pl = this.keptLen;
      pa.length = 0;
      pb.length = 0;
      pl.length = 0;
      for (let p = 0; p < pieceA.length; p++) this.cutBoilerplate(countA, pieceA.data[p]!, pieceB.data[p]!, pieceLen.data[p]!);
    }

    // 5. Merge pieces in A order across small gaps; keep passages of >= minPassage tokens.
    // Pieces are disjoint in A, so their starts are distinct: sort piece indexes by start in A.
    const np = pa.length;
    if (this.order.length < np) this.order = new Uint32Array(Math.max(np, 2 * this.order.length));
    const byA = this.order;
    const as0 = pa.data;
    for (let p = 0; p < np; p++) {
      let q = p;
      while (q > 0 && as0[byA[q - 1]!]! > as0[p]!) {
        byA[q] = byA[q - 1]!;
        q--;
      }
      byA[q] = p;
    }
    let passages: TokenPassage[] | undefined;
    let coveredA = 0;
    let coveredB = 0;
    const { maxGap, minPassage } = this;
    let curAs = -1;
    let curAe = 0;
    let curBs = 0;
    let curBe = 0;
    let gaps = 0;
    for (let q = 0; q <= np; q++) {
      if (q < np) {
        const p = byA[q]!;
        const as = pa.data[p]!;
        const bs = pb.data[p]!;
        const len = pl.data[p]!;
        const gapA = as - curAe;
        const gapB = bs - curBe;
        // Merge only across a B gap that holds no other piece: passages stay disjoint in B too.
        if (curAs >= 0 && gapA <= maxGap && gapB >= 0 && gapB <= maxGap && freeBetween(usedB, gen, curBe, bs)) {
          if (gapA > 0 || gapB > 0) gaps++;
          curAe = as + len;
          curBe = bs + len;
          continue;
        }
        if (curAs >= 0 && curAe - curAs >= minPassage) {
          (passages ??= []).push({ aStart: curAs, aEnd: curAe, bStart: curBs, bEnd: curBe, gaps });
          coveredA += curAe - curAs;
          coveredB += curBe - curBs;
        }
        curAs = as;
        curAe = as + len;
        curBs = bs;
        curBe = bs + len;
        gaps = 0;
      } else if (curAs >= 0 && curAe - curAs >= minPassage) {
        (passages ??= []).push({ aStart: curAs, aEnd: curAe, bStart: curBs, bEnd: curBe, gaps });
        coveredA += curAe - curAs;
        coveredB += curBe - curBs;
      }
    }
    return passages === undefined ? NO_PASSAGES : { pieces: passages, coveredA, coveredB };
  }

  /** A fresh generation number, with stamp buffers large enough for both documents. */
  private nextGeneration(countA: number, countB: number): number {
    if (this.usedA.length < countA) this.usedA = new Uint32Array(Math.max(countA, this.usedA.length * 2));
    if (this.usedB.length < countB) this.usedB = new Uint32Array(Math.max(countB, this.usedB.length * 2));
    if (++this.generation === 0xffffffff) {
      this.usedA.fill(0);
      this.usedB.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }

  /**
   * Appends to the kept pieces the parts of the piece [as, as + len) ↔ [bs, bs + len) that are
   * not boilerplate. The piece's own shingles (those inside it) are winnowed with window w; window
   * minima that are boilerplate are marked, marks at most w apart are joined, and the marked
   * shingles' tokens are cut; a boilerplate minimum in the first (last) window also cuts everything
   * before (after) it, so a piece that starts or ends inside a footer loses the whole footer part.
   */
  private cutBoilerplate(countA: number, as: number, bs: number, len: number): void {
    const { sa, k, keptA, keptB, keptLen, marks } = this;
    const w = this.window;
    const isBoilerplate = this.boilerplate!;
    // Shingles entirely inside the piece: positions [as, as + m).
    let m = len - k + 1;
    if (countA < k && as === 0 && len === countA) m = 1; // the one shingle of a short document
    if (m <= 0) {
      keptA.push(as);
      keptB.push(bs);
      keptLen.push(len);
      return;
    }
    // Window minima (rightmost minimum; any minimum has the same hash) over sa[as, as + m).
    marks.length = 0;
    const win = Math.min(w, m);
    const window = this.slidingMin;
    window.reset();
    let firstBp = false;
    let lastBp = false;
    let lastFront = -1;
    let bp = false;
    for (let t = 0; t < m; t++) {
      const start = t - win + 1;
      const front = window.push(sa, as + t, as + start);
      if (start < 0) continue;
      if (front !== lastFront) {
        bp = isBoilerplate(sa[front]!);
        lastFront = front;
      }
      if (start === 0) firstBp = bp;
      lastBp = bp;
      if (bp && (marks.length === 0 || marks.data[marks.length - 1] !== front)) marks.push(front);
    }
    if (marks.length === 0) {
      keptA.push(as);
      keptB.push(bs);
      keptLen.push(len);
      return;
    }
    // Cut intervals [cutFrom, cutTo) in A tokens, ascending, disjoint; keep the rest.
    const end = as + len;
    let keepFrom = as;
    let x = 0;
    while (x < marks.length) {
      const firstCut = x === 0;
      let cutFrom = marks.data[x]!;
      let last = cutFrom;
      x++;
      while (x < marks.length && marks.data[x]! - last <= w) last = marks.data[x++]!;
      let cutTo = Math.min(last + k, end);
      if (firstCut && firstBp) cutFrom = as;
      if (x === marks.length && lastBp) cutTo = end;
      if (cutFrom > keepFrom) {
        keptA.push(keepFrom);
        keptB.push(bs + (keepFrom - as));
        keptLen.push(cutFrom - keepFrom);
      }
      keepFrom = cutTo;
    }
    if (keepFrom < end) {
      keptA.push(keepFrom);
      keptB.push(bs + (keepFrom - as));
      keptLen.push(end - keepFrom);
    }
  }
}

/** The end of the run of values equal to sorted[from] (from < sorted.length). */
function runEnd(sorted: Uint32Array, from: number): number {
  let end = from + 1;
  while (end < sorted.length && sorted[end] === sorted[from]) end++;
  return end;
}

/** True when no token in [from, to) is used by a piece (stamped with `gen`). */
function freeBetween(used: Uint32Array, gen: number, from: number, to: number): boolean {
  for (let t = from; t < to; t++) if (used[t] === gen) return false;
  return true;
}

/**
 * Equal hashes between two short windows, in O(window): the B window's hashes mark a 1024-bit
 * filter, each A hash is tested against it, and only the (rare) hits scan the B window. Cheaper
 * than a hash table for the windows of gapped extension (maxGap + k positions).
 */
class WindowMatcher {
  private readonly bits = new Int32Array(32);

  /** Calls sink.addRunThrough(x, y) for every x in [x0, x1), y in [y0, y1) with sa[x] === sb[y] (x ascending, then y). */
  match(sa: Uint32Array, x0: number, x1: number, sb: Uint32Array, y0: number, y1: number, sink: SeededAligner): void {
    if (x0 >= x1 || y0 >= y1) return;
    const bits = this.bits;
    for (let y = y0; y < y1; y++) {
      const q = Math.imul(sb[y]!, 0x9e3779b1) >>> 22;
      bits[q >>> 5]! |= 1 << (q & 31);
    }
    for (let x = x0; x < x1; x++) {
      const h = sa[x]!;
      const q = Math.imul(h, 0x9e3779b1) >>> 22;
      if ((bits[q >>> 5]! & (1 << (q & 31))) === 0) continue;
      for (let y = y0; y < y1; y++) if (sb[y] === h) sink.addRunThrough(x, y);
    }
    for (let y = y0; y < y1; y++) bits[(Math.imul(sb[y]!, 0x9e3779b1) >>> 22) >>> 5] = 0;
  }
}

/**
 * Sorts winnowed fingerprints by (hash, position), as SeedDoc wants them.
 * @returns new arrays; the inputs are not modified
 */
export function sortSeeds(hashes: Uint32Array, positions: Uint32Array): { seedHashes: Uint32Array; seedPositions: Uint32Array } {
  const n = hashes.length;
  let ascending = true;
  for (let i = 1; i < n && ascending; i++) ascending = positions[i - 1]! < positions[i]!;
  if (ascending) {
    // Winnowing's positions ascend: a stable sort by hash is then the (hash, position) order.
    const sorted = sortedByHash(hashes, positions);
    return { seedHashes: sorted.hashes, seedPositions: sorted.payloads };
  }
  const w = new Uint32Array(sortedPacked(hashes, (i) => positions[i]!).buffer); // [2i] position, [2i + 1] hash
  return { seedHashes: Uint32Array.from({ length: n }, (_, i) => w[2 * i + 1]!), seedPositions: Uint32Array.from({ length: n }, (_, i) => w[2 * i]!) };
}
