/**
 * The pipeline, as a library: feed documents one at a time with `add`, then `finish` finds
 * verified duplicate clusters (and, with overlap on, passage-sharing pairs and groups).
 *
 *   SourceDoc → tokens → shingles → signature ─┬→ LSH candidates → exact Jaccard → clusters
 *                                              └→ winnowed fingerprints → overlap candidates → passages
 *
 * Only the compact fingerprint of each document is kept (sorted shingle set, signature; with
 * overlap on, also its shingle sequence and winnowed fingerprints); texts are kept, in a
 * TextStore that may spill to disk, only to map passages to offsets. `finishAsync` runs passage
 * alignment on worker threads with the same result.
 */
import type { Cluster, DocFormat, PairKind, ScoredPair, SourceDoc } from './types.js';
import { resolveOptions, type DedupeOptions } from './options.js';
import { makeFingerprinter, type DocFingerprint, type FingerprintParams } from './sketch/fingerprint.js';
import { windowFor } from './overlap/winnow.js';
import { setSimilarity } from './sketch/similarity.js';
import { candidatePairs, unpackPair } from './index/lsh.js';
import { candidateProbability } from './index/bands.js';
import { UnionFind } from './compare/union-find.js';
import { chooseKeeper, type KeepInfo } from './compare/keep.js';
import { loadTokenFilter } from './text/languages.js';
import type { TokenFilter } from './text/tokenize.js';
import { MemoryTextStore, type TextStore } from './text-store.js';
import { findOverlaps, findOverlapsAsync, planOverlapsAsync, OverlapState, type OverlapContext, type OverlapOutcome } from './compare/overlap-stage.js';
import { AlignPool, shareSeeds } from './parallel/align-pool.js';
import { SharedArena } from './util/shared-arena.js';
import { countDfInWorkers } from './parallel/df.js';

/** What a Deduper takes besides its options. */
export interface DeduperExtras {
  /** Token filter; loaded from natural per options.stem/stopwords/lang when omitted. */
  readonly filter?: TokenFilter;
  /** Texts whose shingles are boilerplate whatever their frequency (`--boilerplate FILE`). */
  readonly boilerplateTexts?: readonly string[];
  /** Where texts are kept for alignment (default: in memory). */
  readonly textStore?: TextStore;
}

/** What the report knows of each input document. */
export interface DocumentInfo {
  readonly index: number;
  readonly id: string;
  readonly path: string;
  readonly format: DocFormat;
  readonly line?: number;
  /** Raw size in bytes. */
  readonly bytes: number;
  /** Text length in UTF-16 code units. */
  readonly chars: number;
  readonly tokens: number;
  /** Distinct shingles. */
  readonly shingles: number;
}

/** A group of documents connected by shared passages (overlap or containment). */
export interface OverlapGroup {
  readonly members: readonly number[];
}

/** Counters of a run; `seconds` and `timings` are wall-clock and vary between runs. */
export interface DedupeStats {
  documents: number;
  empty: number;
  bytes: number;
  tokens: number;
  candidates: number;
  verified: number;
  duplicatePairs: number;
  clusters: number;
  /** Duplicates that could be removed: every cluster member but the keeper and derived copies. */
  redundant: number;
  /** Derived copies attached to a source (listed by --redundant --include-contained). */
  derived: number;
  overlapCandidates: number;
  /** Boilerplate cut-off used by the overlap stage (documents); null with overlap off. */
  maxDf: number | null;
  overlapPairs: number;
  containedPairs: number;
  /**
   * Pairs set aside as sharing only their site's template (a header and footer around two
   * different articles; overlap/frame.ts): verified duplicates and overlap candidates. 0 with overlap off.
   */
  templatePairs: number;
  groups: number;
  largestGroup: number;
  /** The most frequent boilerplate passages ignored (text and number of documents). */
  boilerplate: { text: string; documents: number }[];
  /** Probability that a pair exactly at the threshold becomes an LSH candidate. */
  recallAtThreshold: number;
  timings: Record<string, number>;
}

/** The result of a run. Document references are indexes into `documents`. */
export interface DedupeResult {
  readonly options: DedupeOptions;
  readonly documents: readonly DocumentInfo[];
  /** Duplicate clusters (with derived copies attached to their source when overlap is on). */
  readonly clusters: readonly Cluster[];
  /**
   * Verified pairs: duplicates first, then contained, then overlaps; each by (a, b). With overlap
   * on, a pair's `passages` are kept compactly and quoted from the text store when read: each read
   * makes a new array (keep it if you use it twice), and reads must come before the store is closed.
   */
  readonly pairs: readonly ScoredPair[];
  readonly groups: readonly OverlapGroup[];
  readonly stats: DedupeStats;
  /** The text of a document, while the run keeps texts (with overlap on); undefined otherwise. */
  readonly text: (doc: number) => string | undefined;
}

/** Clusters this large list only the verified pairs that joined them, not every candidate pair. */
const LARGE_CLUSTER = 24;

const KIND_ORDER: Record<PairKind, number> = { duplicate: 0, contained: 1, overlap: 2 };

/** Streaming pipeline: `add` each document, then `finish` once. */
export class Deduper {
  readonly options: DedupeOptions;
  private readonly params: FingerprintParams;
  private readonly fingerprint: (text: string) => DocFingerprint;
  private pending = 0;
  private readonly docs: DocumentInfo[] = [];
  private readonly sets: Uint32Array[] = [];
  /** Where sets (and, with overlap on, sequences and winnowed fingerprints) are kept: shared memory. */
  private readonly arena = new SharedArena();
  private readonly checks: number[] = [];
  private signatures: Uint32Array;
  private readonly overlap: OverlapState | undefined;
  private readonly timings: Record<string, number> = { fingerprint: 0 };

  /**
   * @param options partial options; validated by resolveOptions (throws DedupeError E_USAGE)
   * @param extras a token filter (loaded from natural per options.stem/stopwords/lang when omitted)
   *   and texts to treat as boilerplate (`--boilerplate FILE`)
   */
  constructor(options: Partial<DedupeOptions> = {}, extras: DeduperExtras = {}) {
    this.options = resolveOptions(options);
    const o = this.options;
    const f = extras.filter ?? loadTokenFilter(o.lang, o.stem, o.stopwords);
    this.params = {
      shingleSize: o.shingleSize,
      unit: o.unit,
      numPerm: o.numPerm,
      seed: o.seed,
      sketch: o.sketch,
      ...(f ? { filter: f } : {}),
      ...(o.overlap ? { winnowWindow: windowFor(o.minPassage, o.shingleSize) } : {}),
    };
    this.fingerprint = makeFingerprinter(this.params);
    this.signatures = new Uint32Array(o.numPerm * 64);
    this.overlap = o.overlap
      ? new OverlapState(extras.textStore ?? new MemoryTextStore(), f, extras.boilerplateTexts ?? [], o.shingleSize, o.minPassage, this.arena)
      : undefined;
  }

  /** Number of documents added (or reserved) so far. */
  get size(): number {
    return this.docs.length;
  }

  /** Fingerprinting parameters, for workers that fingerprint on this pipeline's behalf. */
  get fingerprintParams(): FingerprintParams {
    return this.params;
  }

  /**
   * Fingerprints one document and keeps what `finish` needs.
   * @returns the document's index (its position in input order)
   */
  add(doc: SourceDoc): number {
    const t0 = performance.now();
    const index = this.reserve(doc);
    const fp = this.fingerprint(doc.text);
    this.timings.fingerprint! += (performance.now() - t0) / 1000;
    this.complete(index, fp);
    return index;
  }

  /**
   * Takes the next index for `doc` without fingerprinting it: its fingerprint, made elsewhere
   * (a worker) with `fingerprintParams`, is given later to `complete`. Indexes follow input order,
   * so the result does not depend on the order in which fingerprints arrive.
   */
  reserve(doc: SourceDoc): number {
    const index = this.docs.length;
    this.docs.push({
      index,
      id: doc.id,
      path: doc.path,
      format: doc.format,
      ...(doc.line !== undefined ? { line: doc.line } : {}),
      bytes: doc.bytes,
      chars: doc.text.length,
      tokens: 0,
      shingles: 0,
    });
    this.pending++;
    if (this.overlap) this.overlap.texts.put(index, doc.text);
    return index;
  }

  /** Stores the fingerprint of a reserved document (any order). */
  complete(index: number, fp: DocFingerprint): void {
    const k = this.options.numPerm;
    while ((index + 1) * k > this.signatures.length) {
      const next = new Uint32Array(this.signatures.length * 2);
      next.set(this.signatures);
      this.signatures = next;
    }
    this.signatures.set(fp.signature, index * k);
    this.sets[index] = this.arena.put(fp.set);
    this.checks[index] = fp.check;
    const info = this.docs[index]!;
    this.docs[index] = { ...info, tokens: fp.tokens, shingles: fp.set.length };
    this.pending--;
    if (this.overlap) this.overlap.setDocument(index, fp);
  }

  /**
   * Finds candidates, verifies them exactly, clusters, and (with overlap) aligns passages.
   * @param onProgress called as candidate pairs are aligned (done, total)
   */
  finish(onProgress?: (done: number, total: number) => void): DedupeResult {
    const dup = this.findDuplicatePairs();
    let outcome: OverlapOutcome | undefined;
    if (this.overlap) {
      const t0 = performance.now();
      outcome = findOverlaps(this.overlap, this.overlapContext(dup), onProgress);
      this.timings.overlap = (performance.now() - t0) / 1000;
      Object.assign(this.timings, outcome.timings);
    }
    return this.assemble(dup, outcome);
  }

  /**
   * `finish` with passage alignment spread over `jobs` worker threads (the CLI's path). The
   * result is the same as finish()'s, byte for byte once reported.
   */
  async finishAsync(jobs: number, onProgress?: (done: number, total: number) => void): Promise<DedupeResult> {
    if (!this.overlap || jobs <= 1) return this.finish(onProgress);
    const dup = this.findDuplicatePairs();
    const t0 = performance.now();
    const ctx = this.overlapContext(dup);
    const seeds = shareSeeds(this.overlap, this.sets, this.arena);
    // The workers make the candidates themselves, document range by range, from the index
    // (planOverlapsAsync makes it in shared memory).
    const plan = await planOverlapsAsync(this.overlap, ctx, (keys, indexed) => countDfInWorkers(jobs, seeds, keys, indexed));
    const pool = new AlignPool(jobs, seeds, plan.align, plan.index);
    let outcome: OverlapOutcome;
    try {
      outcome = await findOverlapsAsync(
        this.overlap,
        ctx,
        plan,
        (pairs, shared) => pool.align(pairs, shared),
        8192,
        4 * jobs,
        onProgress,
        (from, to) => pool.alignRange(from, to),
      );
    } finally {
      await pool.close();
    }
    this.timings.overlap = (performance.now() - t0) / 1000;
    Object.assign(this.timings, outcome.timings);
    return this.assemble(dup, outcome);
  }

  /** LSH candidates, verified exactly; duplicate pairs joined in a union-find. */
  private findDuplicatePairs(): { cands: Float64Array; uf: UnionFind; pairs: ScoredPair[]; verified: number } {
    if (this.pending !== 0) throw new Error(`finish() called with ${this.pending} documents not fingerprinted`);
    const o = this.options;
    const n = this.docs.length;
    let t0 = performance.now();
    const cands = candidatePairs({ count: n, numPerm: o.numPerm, values: this.signatures }, o);
    this.timings.candidates = (performance.now() - t0) / 1000;

    t0 = performance.now();
    const uf = new UnionFind(n);
    const pairs: ScoredPair[] = [];
    const verified = this.verifyCandidates(cands, uf, undefined, (p) => {
      pairs.push(p);
      return true;
    });
    this.timings.verify = (performance.now() - t0) / 1000;
    return { cands, uf, pairs, verified };
  }

  /**
   * Verifies LSH candidates (packed pairs) in order, joining in `uf` each pair that reaches the
   * threshold and that `accept` takes. Inside a large cluster, a candidate already joined is not
   * verified again: each copy is verified against a representative, so a story copied thousands
   * of times stays linear.
   * @param skip candidates not to look at
   * @returns how many candidates were verified
   */
  private verifyCandidates(cands: Float64Array, uf: UnionFind, skip: ((a: number, b: number) => boolean) | undefined, accept: (p: ScoredPair) => boolean): number {
    const n = this.docs.length;
    let verified = 0;
    for (let i = 0; i < cands.length; i++) {
      const [a, b] = unpackPair(cands[i]!, n);
      if (skip?.(a, b)) continue;
      if (uf.setSize(a) >= LARGE_CLUSTER && uf.find(a) === uf.find(b)) continue;
      verified++;
      const p = this.verifyPair(a, b);
      if (p && accept(p)) uf.union(a, b);
    }
    return verified;
  }

  /** The duplicate pair (a, b) when its exact Jaccard reaches the threshold. */
  private verifyPair(a: number, b: number): ScoredPair | undefined {
    const sa = this.sets[a]!;
    const sb = this.sets[b]!;
    const sim = setSimilarity(sa, sb);
    // Single-shingle documents: a 32-bit collision is not a duplicate (see DocFingerprint.check).
    const collision = sa.length === 1 && sb.length === 1 && this.checks[a] !== this.checks[b];
    if (sim.jaccard < this.options.threshold || collision) return undefined;
    return { a, b, kind: 'duplicate', jaccard: sim.jaccard, aInB: sim.aInB, bInA: sim.bInA };
  }

  private overlapContext(dup: { cands: Float64Array; uf: UnionFind; pairs: ScoredPair[] }): OverlapContext {
    const n = this.docs.length;
    return {
      options: this.options,
      sets: this.sets,
      duplicates: dup.pairs,
      duplicateRoot: (d) => dup.uf.find(d),
      relink: (kept, affected, known, accept) => {
        const uf = new UnionFind(n);
        for (const p of kept) uf.union(p.a, p.b);
        this.verifyCandidates(dup.cands, uf, (a, b) => !affected(a) || !affected(b) || known(a, b), accept);
      },
    };
  }

  /** Clusters, sorted pairs and stats. */
  private assemble(
    dup: { cands: Float64Array; uf: UnionFind; pairs: ScoredPair[]; verified: number },
    outcome: OverlapOutcome | undefined,
  ): DedupeResult {
    const o = this.options;
    const n = this.docs.length;
    const { cands, pairs, verified } = dup;
    let uf = dup.uf;
    // Duplicate pairs that share only a site's template are no longer in `pairs`: their clusters
    // are made again from the pairs left.
    if (outcome && outcome.templateDuplicates.length > 0) {
      uf = new UnionFind(n);
      for (const p of pairs) uf.union(p.a, p.b);
    }
    const allPairs = [...pairs, ...(outcome?.pairs ?? [])].sort(
      (x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || x.a - y.a || x.b - y.b,
    );
    // Duplicate pairs found by the overlap stage (missed by the LSH bands) join their clusters.
    for (const p of outcome?.pairs ?? []) if (p.kind === 'duplicate') uf.union(p.a, p.b);
    const clusters = this.cluster(uf, outcome?.attach ?? [], outcome?.articleSet);

    const stats: DedupeStats = {
      documents: n,
      empty: this.docs.filter((d) => d.tokens === 0).length,
      bytes: this.docs.reduce((s, d) => s + d.bytes, 0),
      tokens: this.docs.reduce((s, d) => s + d.tokens, 0),
      candidates: cands.length,
      verified,
      duplicatePairs: allPairs.filter((p) => p.kind === 'duplicate').length,
      clusters: clusters.length,
      redundant: clusters.reduce((s, c) => s + c.members.length - 1 - c.derived.length, 0),
      derived: clusters.reduce((s, c) => s + c.derived.length, 0),
      overlapCandidates: outcome?.candidates ?? 0,
      maxDf: outcome?.maxDf ?? null,
      overlapPairs: allPairs.filter((p) => p.kind === 'overlap').length,
      containedPairs: allPairs.filter((p) => p.kind === 'contained').length,
      templatePairs: outcome?.templatePairs ?? 0,
      groups: outcome?.groups.length ?? 0,
      largestGroup: [...clusters, ...(outcome?.groups ?? [])].reduce((m, g) => Math.max(m, g.members.length), 0),
      boilerplate: outcome?.boilerplate ?? [],
      recallAtThreshold: candidateProbability(o.threshold, o.bands, o.rows),
      timings: this.timings,
    };
    const texts = this.overlap?.texts;
    return {
      options: o,
      documents: this.docs,
      clusters,
      pairs: allPairs,
      groups: outcome?.groups ?? [],
      stats,
      text: (d) => texts?.get(d),
    };
  }

  /**
   * Clusters: duplicate components, joined with derived copies through their best source.
   * The keeper comes from a source core (see copyCores); `derived` lists one member of each
   * other duplicate core.
   */
  private cluster(dup: UnionFind, attach: readonly [number, number][], articleSet?: (d: number) => Uint32Array | undefined): Cluster[] {
    const n = this.docs.length;
    const all = new UnionFind(n);
    for (const g of dup.groups()) for (const m of g.slice(1)) all.union(g[0]!, m);
    for (const [copy, source] of attach) all.union(copy, source);
    const info = { length: (d: number) => this.docs[d]!.chars, id: (d: number) => this.docs[d]!.id };
    const copies = copyCores(dup, attach, (docs) => chooseKeeper(docs, this.options.keep, info));
    return all.groups().map((members) => {
      let sources = members.filter((m) => !copies.has(dup.find(m)));
      // Derived from one another all round (three or more near-equal versions): the most
      // published version is the source.
      if (sources.length === 0) {
        const most = members.reduce((m, d) => Math.max(m, dup.setSize(d)), 0);
        sources = members.filter((m) => dup.setSize(m) === most);
      }
      const keep = this.options.keep === 'longest' && articleSet ? mostOfTheStory(members, sources, articleSet, info) : chooseKeeper(sources, this.options.keep, info);
      const core = dup.find(keep);
      // Every other duplicate core keeps one copy, chosen as the keeper is: that one is derived;
      // the core's other copies are duplicates of it (removable like the keeper's own copies).
      const cores = new Map<number, number[]>();
      for (const m of members) {
        const root = dup.find(m);
        if (root === core) continue;
        const list = cores.get(root);
        if (list) list.push(m);
        else cores.set(root, [m]);
      }
      const derived = [...cores.values()].map((c) => (c.length === 1 ? c[0]! : chooseKeeper(c, this.options.keep, info))).sort((x, y) => x - y);
      return { members, keep, derived };
    });
  }
}

/** Clusters larger than this keep the longest text (counting shared shingles would cost more than it tells). */
const STORY_MEMBERS = 256;

/**
 * The source member that holds the most of the cluster's story: the most shingles of its article
 * (its text without a site's header and footer) that another member has too, then the longest,
 * then by id. A copy cut short on a site with a long template no longer wins by its template's
 * length; an update (the story and a paragraph more) still wins over the story alone.
 */
function mostOfTheStory(members: readonly number[], sources: readonly number[], articleSet: (d: number) => Uint32Array | undefined, info: KeepInfo): number {
  if (members.length > STORY_MEMBERS) return chooseKeeper(sources, 'longest', info);
  const sets = new Map<number, Uint32Array>();
  const seen = new Map<number, number>();
  for (const m of members) {
    const set = articleSet(m);
    if (set === undefined) return chooseKeeper(sources, 'longest', info);
    sets.set(m, set);
    for (const h of set) seen.set(h, (seen.get(h) ?? 0) + 1);
  }
  let best = -1;
  let bestShared = -1;
  for (const m of sources) {
    let shared = 0;
    for (const h of sets.get(m)!) if (seen.get(h)! > 1) shared++;
    const d = best < 0 ? 1 : shared - bestShared || info.length(m) - info.length(best);
    if (d > 0 || (d === 0 && info.id(m) < info.id(best))) {
      best = m;
      bestShared = shared;
    }
  }
  return best;
}

/**
 * The duplicate cores (roots in `dup`) that are copies of another core: a core one of whose
 * members is attached as a derived copy to a member of another core. Two cores attached to each
 * other (versions of near-equal length, each mostly inside the other: an edited copy of a story
 * that three sites carry unchanged) are one relation, not two: the core with more members is
 * the source, and on equal sizes the one holding `pick` of both. An attachment inside one core
 * makes no copy.
 */
function copyCores(dup: UnionFind, attach: readonly [number, number][], pick: (docs: number[]) => number): Set<number> {
  const to = new Map<number, Set<number>>();
  for (const [copy, source] of attach) {
    const c = dup.find(copy);
    const s = dup.find(source);
    if (c === s) continue;
    let set = to.get(c);
    if (!set) to.set(c, (set = new Set()));
    set.add(s);
  }
  const groups = new Map<number, number[]>();
  for (const g of dup.groups()) groups.set(dup.find(g[0]!), g);
  const membersOf = (root: number): number[] => groups.get(root) ?? [root];
  const copies = new Set<number>();
  for (const [c, sources] of to) {
    for (const s of sources) {
      const mutual = to.get(s)?.has(c) ?? false;
      const sWins = !mutual
        || dup.setSize(s) > dup.setSize(c)
        || (dup.setSize(s) === dup.setSize(c) && dup.find(pick([...membersOf(c), ...membersOf(s)].sort((x, y) => x - y))) === s);
      if (sWins) {
        copies.add(c);
        break;
      }
    }
  }
  return copies;
}

/**
 * Finds duplicate clusters (and overlaps, unless `overlap: false`) in a set of documents.
 * @param docs documents in input order; their order decides indexes and tie-breaks
 * @param options pipeline options (see DedupeOptions); defaults as in the README
 */
export function findDuplicates(
  docs: Iterable<SourceDoc>,
  options: Partial<DedupeOptions> = {},
  extras: DeduperExtras = {},
): DedupeResult {
  const d = new Deduper(options, extras);
  for (const doc of docs) d.add(doc);
  return d.finish();
}

