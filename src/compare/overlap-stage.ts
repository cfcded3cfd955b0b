/**
 * The overlap stage: documents that share passages without being duplicates.
 *
 * 1. Each document's shingle sequence is winnowed (window chosen so that any shared run of
 *    `minPassage` words is found: see overlap/winnow.ts).
 * 2. An inverted index over the winnowed fingerprints gives candidate pairs; fingerprints in
 *    more than maxDf documents are boilerplate and make no pairs.
 * 3. Each candidate (and each duplicate pair) is aligned into passages with character offsets.
 * 4. A pair whose passages cover at least `containment` of the smaller document is
 *    `contained` (the smaller is derived from the larger); otherwise, with at least one
 *    passage, `overlap`. Each derived copy is attached to its single best source, so a long
 *    document quoting many others cannot chain them into one group.
 */
import type { Passage, ScoredPair } from '../types.js';
import type { DedupeOptions } from '../options.js';
import type { DocFingerprint } from '../sketch/fingerprint.js';
import { setSimilarity } from '../sketch/similarity.js';
import { tokenize, type TokenFilter } from '../text/tokenize.js';
import { shingleSequence } from '../text/shingle.js';
import type { Tokens } from '../types.js';
import { lowerBound, overlapCandidates, resolveMaxDf, sortedHashSet } from '../overlap/fingerprint-index.js';
import { alignSeeded, toPassages, type SeedDoc } from '../overlap/align.js';
import { UnionFind } from './union-find.js';
import { windowFor } from '../overlap/winnow.js';
import type { TextStore } from '../text-store.js';
import { unpackPair } from '../index/lsh.js';

/** Tokens kept for mapping passages to offsets (12 bytes each: ~100 MB). */
const TOKEN_CACHE_TOKENS = 8_000_000;

/** A least-recently-used cache of documents' tokens, bounded by their total count. */
class TokenCache {
  private readonly map = new Map<number, Tokens>();
  private size = 0;

  constructor(
    private readonly budget: number,
    private readonly make: (doc: number) => Tokens,
  ) {}

  get(doc: number): Tokens {
    let v = this.map.get(doc);
    if (v) {
      this.map.delete(doc); // re-insert: most recently used last
      this.map.set(doc, v);
      return v;
    }
    v = this.make(doc);
    this.map.set(doc, v);
    this.size += v.count + 1;
    for (const [d, old] of this.map) {
      if (this.size <= this.budget || d === doc) break;
      this.map.delete(d);
      this.size -= old.count + 1;
    }
    return v;
  }
}

const NO_HASHES = new Uint32Array(0);

/** A third document is paired with every copy of a duplicate cluster smaller than this (else with its first). */
const EXPAND_CLUSTER = 24;

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
  private readonly ignored: Set<number>;

  /**
   * @param filter the token filter of the run (tokens must be re-made the same way)
   * @param ignoreTexts texts whose shingles are boilerplate whatever their frequency (--boilerplate)
   * @param shingleSize k
   */
  constructor(
    readonly texts: TextStore,
    readonly filter: TokenFilter | undefined,
    ignoreTexts: readonly string[],
    readonly shingleSize: number,
  ) {
    this.ignored = new Set();
    for (const t of ignoreTexts) {
      const tok = tokenize(t, filter);
      for (const h of shingleSequence(tok.hashes, tok.count, shingleSize)) this.ignored.add(h);
    }
  }

  /** True when a shingle hash was named as boilerplate by the user. */
  isIgnored(hash: number): boolean {
    return this.ignored.has(hash);
  }

  /**
   * Keeps the text and the winnowed fingerprints of document `index` (any order; every index
   * from 0 to n-1 must be set before findOverlaps).
   */
  setDocument(index: number, fp: DocFingerprint): void {
    if (index >= this.count) this.count = index + 1;
    this.sequences[index] = fp.sequence;
    this.counts[index] = fp.tokens;
    if (this.ignored.size === 0) {
      this.winnowed[index] = fp.winnowHashes;
      this.positions[index] = fp.winnowPositions;
      return;
    }
    const keep: number[] = [];
    for (let i = 0; i < fp.winnowHashes.length; i++) if (!this.ignored.has(fp.winnowHashes[i]!)) keep.push(i);
    this.winnowed[index] = Uint32Array.from(keep, (i) => fp.winnowHashes[i]!);
    this.positions[index] = Uint32Array.from(keep, (i) => fp.winnowPositions[i]!);
  }

  /** Document d as the seeded aligner sees it. */
  seedDoc(d: number): SeedDoc {
    return { shingles: this.sequences[d]!, count: this.counts[d]!, seedHashes: this.winnowed[d]!, seedPositions: this.positions[d]! };
  }

  /** Tokens of document d, made again from its text (cheaper than keeping them). */
  tokens(d: number): Tokens {
    return tokenize(this.texts.get(d), this.filter);
  }
}

/** What the overlap stage needs from the duplicate stage. */
export interface OverlapContext {
  readonly options: DedupeOptions;
  readonly sets: readonly Uint32Array[];
  /** Verified duplicate pairs; they get passages too. */
  readonly duplicates: ScoredPair[];
  /** Root of a document's duplicate cluster (pairs inside one cluster are not overlaps). */
  readonly duplicateRoot: (doc: number) => number;
  /** Token count of a document. */
  readonly length: (doc: number) => number;
}

/** The overlap stage's findings. */
export interface OverlapOutcome {
  /** New contained and overlap pairs (duplicate pairs were given passages in place). */
  readonly pairs: ScoredPair[];
  /** [derived copy, its best source]. */
  readonly attach: [number, number][];
  readonly groups: { members: number[] }[];
  readonly boilerplate: { text: string; documents: number }[];
  readonly candidates: number;
  /** Seconds per step: the fingerprint index, alignment, boilerplate description. */
  readonly timings: Record<string, number>;
}

/** Finds overlaps and contained pairs; sets `passages` on the duplicate pairs. */
export function findOverlaps(state: OverlapState, ctx: OverlapContext): OverlapOutcome {
  const o = ctx.options;
  const n = state.count;
  const k = o.shingleSize; // alignment works on word shingles of the same k
  const maxDf = resolveMaxDf(o.maxDf, n);
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  // Document frequency counts every shingle (not only the winnowed ones), so a footer's
  // fingerprints are boilerplate even where winnowing happened not to select them.
  // Only one member of each duplicate cluster (its first) is indexed: copies of one story then
  // count once in document frequency (a story syndicated 500 times is not boilerplate), and a
  // third document overlapping the story is paired with the cluster once, not with every copy.
  const firstOfCluster = new Map<number, number>();
  for (let d = 0; d < n; d++) {
    const root = ctx.duplicateRoot(d);
    if (!firstOfCluster.has(root)) firstOfCluster.set(root, d);
  }
  const indexed = (d: number): boolean => firstOfCluster.get(ctx.duplicateRoot(d)) === d;
  const cands = overlapCandidates(
    {
      count: n,
      fingerprints: (d) => (indexed(d) ? state.winnowed[d]! : NO_HASHES),
      shingles: (d) => (indexed(d) ? ctx.sets[d]! : NO_HASHES),
    },
    maxDf,
  );
  timings.overlapIndex = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const inBoilerplate = sortedHashSet(cands.boilerplate);
  const isBoilerplate = (h: number): boolean => inBoilerplate(h) || state.isIgnored(h);
  const alignOptions = { minPassage: o.minPassage, maxGap: o.maxGap, boilerplate: isBoilerplate };

  // Alignment runs on what fingerprinting kept (shingle sequences, sorted winnowed fingerprints):
  // no text is read and nothing is tokenized unless the pair has passages. Boilerplate
  // fingerprints seed nothing (runs may still extend through boilerplate, which is then cut).
  const notBoilerplate = (h: number): boolean => !isBoilerplate(h);
  const tokenCache = new TokenCache(TOKEN_CACHE_TOKENS, (d) => state.tokens(d));
  const tokensOf = (d: number): Tokens => tokenCache.get(d);
  const align = (a: number, b: number) => {
    const t = alignSeeded(state.seedDoc(a), state.seedDoc(b), k, alignOptions, notBoilerplate);
    const countA = state.counts[a]!;
    const countB = state.counts[b]!;
    const passages = t.pieces.length === 0 ? [] : toPassages(t.pieces, state.texts.get(a), tokensOf(a), tokensOf(b));
    return { passages, coveredA: t.coveredA, coveredB: t.coveredB, countA, countB };
  };

  // Duplicates get their passages too.
  for (let i = 0; i < ctx.duplicates.length; i++) {
    const p = ctx.duplicates[i]!;
    const al = align(p.a, p.b);
    ctx.duplicates[i] = {
      ...p,
      passages: al.passages,
      coverage: { aInB: al.countA ? al.coveredA / al.countA : 0, bInA: al.countB ? al.coveredB / al.countB : 0 },
    };
  }

  const pairs: ScoredPair[] = [];
  const best = new Map<number, { source: number; cover: number }>();
  const consider = (a: number, b: number): void => {
    const al = align(a, b);
    if (al.passages.length === 0) return;
    const coverA = al.countA === 0 ? 0 : al.coveredA / al.countA;
    const coverB = al.countB === 0 ? 0 : al.coveredB / al.countB;
    // The smaller document (fewer tokens; ties: the later one) is the candidate copy.
    const aSmaller = al.countA < al.countB || (al.countA === al.countB && a > b);
    const copy = aSmaller ? a : b;
    const source = aSmaller ? b : a;
    const cover = aSmaller ? coverA : coverB;
    const kind = cover >= o.containment ? 'contained' : 'overlap';
    const sim = setSimilarity(ctx.sets[a]!, ctx.sets[b]!);
    pairs.push({
      a,
      b,
      kind,
      jaccard: sim.jaccard,
      aInB: sim.aInB,
      bInA: sim.bInA,
      passages: al.passages,
      coverage: { aInB: coverA, bInA: coverB },
    });
    if (kind === 'contained') {
      const prev = best.get(copy);
      if (!prev || cover > prev.cover || (cover === prev.cover && source < prev.source)) best.set(copy, { source, cover });
    }
  };
  // Members of each small duplicate cluster, to pair a third document with every copy.
  const members = new Map<number, number[]>();
  for (let d = 0; d < n; d++) {
    const root = ctx.duplicateRoot(d);
    let m = members.get(root);
    if (!m) members.set(root, (m = []));
    m.push(d);
  }
  const others = (d: number): readonly number[] => {
    const m = members.get(ctx.duplicateRoot(d))!;
    return m.length > 1 && m.length < EXPAND_CLUSTER ? m.filter((x) => x !== d) : [];
  };
  const seenPairs = new Set<number>();
  for (let i = 0; i < cands.pairs.length; i++) {
    const [a, b] = unpackPair(cands.pairs[i]!, n);
    if (ctx.duplicateRoot(a) === ctx.duplicateRoot(b)) continue;
    const before = pairs.length;
    consider(a, b);
    if (pairs.length === before) continue;
    // The indexed member shares passages: so may the other copies of its cluster (each aligned).
    for (const [x, y] of [...others(a).map((m) => [m, b] as const), ...others(b).map((m) => [a, m] as const)]) {
      const [lo, hi] = x < y ? [x, y] : [y, x];
      const key = lo * n + hi;
      if (seenPairs.has(key)) continue;
      seenPairs.add(key);
      consider(lo, hi);
    }
  }

  // Attach each derived copy to its best source; a source that is itself attached keeps its own.
  const attach: [number, number][] = [];
  for (const [copy, { source }] of [...best.entries()].sort((x, y) => x[0] - y[0])) {
    if (best.get(source)?.source === copy) {
      // Mutual containment (near-equal sizes): attach the later document to the earlier one once.
      if (copy < source) continue;
    }
    attach.push([copy, source]);
  }

  // Overlap groups: connected documents sharing passages (overlap or contained pairs).
  const uf = new UnionFind(n);
  for (const p of pairs) uf.union(p.a, p.b);
  const groups = uf.groups().map((members) => ({ members }));

  timings.align = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const boilerplate = describeBoilerplate(state, cands, k, windowFor(o.minPassage, k));
  timings.boilerplate = (performance.now() - t0) / 1000;
  return { pairs, attach, groups, boilerplate, candidates: cands.pairs.length, timings };
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
    const tok = state.tokens(doc);
    const last = Math.min(tok.count, hi + k) - 1;
    if (tok.count === 0 || last < lo) continue;
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

export type { Passage };
