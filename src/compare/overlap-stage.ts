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
import { overlapCandidates, resolveMaxDf, sortedHashSet } from '../overlap/fingerprint-index.js';
import { alignPrepared, prepareAlignDoc, type AlignDoc } from '../overlap/align.js';
import { UnionFind } from './union-find.js';
import type { TextStore } from '../text-store.js';
import { unpackPair } from '../index/lsh.js';

/** Tokens of prepared documents kept for alignment (~24 bytes each: ~200 MB). */
const PREPARED_CACHE_TOKENS = 8_000_000;

/** A least-recently-used cache of prepared documents, bounded by their total token count. */
class PreparedCache {
  private readonly map = new Map<number, AlignDoc>();
  private tokens = 0;

  constructor(
    private readonly budget: number,
    private readonly make: (doc: number) => AlignDoc,
  ) {}

  get(doc: number): AlignDoc {
    let v = this.map.get(doc);
    if (v) {
      this.map.delete(doc); // re-insert: most recently used last
      this.map.set(doc, v);
      return v;
    }
    v = this.make(doc);
    this.map.set(doc, v);
    this.tokens += v.tokens.count + 1;
    for (const [d, old] of this.map) {
      if (this.tokens <= this.budget || d === doc) break;
      this.map.delete(d);
      this.tokens -= old.tokens.count + 1;
    }
    return v;
  }
}

/** How many boilerplate passages the stats list. */
const BOILERPLATE_LISTED = 10;

/** Per-document data the overlap stage keeps while documents are added. */
export class OverlapState {
  /** Number of documents. */
  count = 0;
  readonly winnowed: Uint32Array[] = [];
  readonly positions: Uint32Array[] = [];
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
}

/** Finds overlaps and contained pairs; sets `passages` on the duplicate pairs. */
export function findOverlaps(state: OverlapState, ctx: OverlapContext): OverlapOutcome {
  const o = ctx.options;
  const n = state.count;
  const k = o.shingleSize; // alignment works on word shingles of the same k
  const maxDf = resolveMaxDf(o.maxDf, n);
  // Document frequency counts every shingle (not only the winnowed ones), so a footer's
  // fingerprints are boilerplate even where winnowing happened not to select them.
  const cands = overlapCandidates(
    { count: n, fingerprints: (d) => state.winnowed[d]!, shingles: (d) => ctx.sets[d]! },
    maxDf,
  );
  const inBoilerplate = sortedHashSet(cands.boilerplate);
  const isBoilerplate = (h: number): boolean => inBoilerplate(h) || state.isIgnored(h);
  const alignOptions = { minPassage: o.minPassage, maxGap: o.maxGap, boilerplate: isBoilerplate };

  // Prepared documents (tokens, shingles, sorted index) are cached: each costs a tokenization
  // and a sort, and a document usually appears in several pairs.
  const cache = new PreparedCache(PREPARED_CACHE_TOKENS, (d) => prepareAlignDoc(state.texts.get(d), state.tokens(d), k));
  const align = (a: number, b: number) => {
    const pa = cache.get(a);
    const pb = cache.get(b);
    return { ...alignPrepared(pa, pb, alignOptions), ta: pa.tokens, tb: pb.tokens };
  };

  // Duplicates get their passages too.
  for (let i = 0; i < ctx.duplicates.length; i++) {
    const p = ctx.duplicates[i]!;
    const al = align(p.a, p.b);
    ctx.duplicates[i] = {
      ...p,
      passages: al.passages,
      coverage: { aInB: al.ta.count ? al.coveredA / al.ta.count : 0, bInA: al.tb.count ? al.coveredB / al.tb.count : 0 },
    };
  }

  const pairs: ScoredPair[] = [];
  const best = new Map<number, { source: number; cover: number }>();
  for (let i = 0; i < cands.pairs.length; i++) {
    const [a, b] = unpackPair(cands.pairs[i]!, n);
    if (ctx.duplicateRoot(a) === ctx.duplicateRoot(b)) continue;
    const al = align(a, b);
    if (al.passages.length === 0) continue;
    const coverA = al.ta.count === 0 ? 0 : al.coveredA / al.ta.count;
    const coverB = al.tb.count === 0 ? 0 : al.coveredB / al.tb.count;
    // The smaller document (fewer tokens; ties: the later one) is the candidate copy.
    const aSmaller = al.ta.count < al.tb.count || (al.ta.count === al.tb.count && a > b);
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

  return { pairs, attach, groups, boilerplate: describeBoilerplate(state, cands, k), candidates: cands.pairs.length };
}

/** True when sorted `arr` holds `x`. */
function binarySearch(arr: Uint32Array, x: number): boolean {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = arr[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Texts of the most frequent boilerplate fingerprints, each expanded to its run in one document. */
function describeBoilerplate(
  state: OverlapState,
  cands: { boilerplate: Uint32Array; boilerplateDf: Uint32Array },
  k: number,
): { text: string; documents: number }[] {
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
    // Expand over neighbouring boilerplate fingerprints of the same document.
    const hs = state.winnowed[doc]!;
    const ps = state.positions[doc]!;
    const j = hs.indexOf(h);
    let lo = j;
    let hi = j;
    while (lo > 0 && binarySearch(cands.boilerplate, hs[lo - 1]!) && ps[lo]! - ps[lo - 1]! <= k) lo--;
    while (hi + 1 < hs.length && binarySearch(cands.boilerplate, hs[hi + 1]!) && ps[hi + 1]! - ps[hi]! <= k) hi++;
    const tok = state.tokens(doc);
    const first = Math.min(ps[lo]!, pos);
    const last = Math.min(tok.count, Math.max(ps[hi]!, pos) + k) - 1;
    if (tok.count === 0 || last < first) continue;
    const text = state.texts.get(doc).slice(tok.starts[first], tok.ends[last]).replace(/\s+/g, ' ').trim();
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ text, documents: cands.boilerplateDf[idx]! });
  }
  return out;
}

/** The first document (and shingle position) holding winnowed fingerprint h. */
function locate(state: OverlapState, h: number): { doc: number; pos: number } | undefined {
  for (let d = 0; d < state.winnowed.length; d++) {
    const i = state.winnowed[d]!.indexOf(h);
    if (i >= 0) return { doc: d, pos: state.positions[d]![i]! };
  }
  return undefined;
}

export type { Passage };
