/**
 * Every reported pair's passages, held in typed arrays: six integers per passage instead of four
 * objects and a copy of its text. Passages are recorded in token positions while pairs are
 * aligned, mapped to character offsets once every pair is known (each document read and tokenized
 * once, however many pairs it is in), and made into Passage objects, their text sliced from the
 * document, only when a pair's `passages` are read: a report written pair by pair then holds one
 * pair's passages at a time. On the benchmark corpus this is the difference between ~1.5 GB of
 * passage objects and ~40 MB of arrays.
 */
import type { Passage, ScoredPair } from '../types.js';
import type { TokenPassage } from '../overlap/align.js';
import type { TextStore } from '../text-store.js';
import { IntList } from '../util/int-list.js';

/** The UTF-16 ranges [starts[i], ends[i]) of a document's tokens. */
export interface TokenRanges {
  readonly starts: ArrayLike<number>;
  readonly ends: ArrayLike<number>;
}

export class PassageStore {
  // Per passage: start and end in A and in B (tokens, then characters once mapped), words, gaps.
  private readonly aStart = new IntList(1024);
  private readonly aEnd = new IntList(1024);
  private readonly bStart = new IntList(1024);
  private readonly bEnd = new IntList(1024);
  private readonly words = new IntList(1024);
  private readonly gaps = new IntList(1024);
  // Per pair: documents and first passage (its passages run to the next pair's first).
  private readonly docA = new IntList(1024);
  private readonly docB = new IntList(1024);
  private readonly first = new IntList(1024);
  private mapped = false;
  private cachedDoc = -1;
  private cachedText = '';

  /**
   * @param texts the documents' texts, quoted from when passages are read
   * @param ranges the token ranges of a document (as the aligner counted its tokens)
   */
  constructor(
    private readonly texts: TextStore,
    private ranges: ((doc: number) => TokenRanges) | undefined,
  ) {}

  /** Number of pairs recorded. */
  get size(): number {
    return this.first.length;
  }

  /**
   * Records a pair's passages in token space.
   * @returns the pair's slot, for `passages`
   */
  add(a: number, b: number, pieces: readonly TokenPassage[]): number {
    if (this.mapped) throw new Error('PassageStore.add after map');
    const slot = this.first.length;
    this.docA.push(a);
    this.docB.push(b);
    this.first.push(this.aStart.length);
    for (const p of pieces) {
      this.aStart.push(p.aStart);
      this.aEnd.push(p.aEnd);
      this.bStart.push(p.bStart);
      this.bEnd.push(p.bEnd);
      this.words.push(p.aEnd - p.aStart);
      this.gaps.push(p.gaps);
    }
    return slot;
  }

  /**
   * Tokens of the pair in `slot`'s passages inside [first, end) on one side, before `map`.
   * @param sideA A's side (else B's)
   */
  coveredIn(slot: number, sideA: boolean, first: number, end: number): number {
    if (this.mapped) throw new Error('PassageStore.coveredIn after map');
    const [from, to] = this.span(slot);
    const starts = sideA ? this.aStart.data : this.bStart.data;
    const ends = sideA ? this.aEnd.data : this.bEnd.data;
    let covered = 0;
    for (let p = from; p < to; p++) {
      const lo = Math.max(first, starts[p]!);
      const hi = Math.min(end, ends[p]!);
      if (hi > lo) covered += hi - lo;
    }
    return covered;
  }

  /**
   * Maps every passage from token positions to UTF-16 offsets: documents in ascending order, each
   * one's token ranges unpacked once.
   */
  map(): void {
    if (this.mapped) return;
    this.mapped = true;
    const ranges = this.ranges!;
    // Not needed again: whatever it holds (every document's token ranges) can be freed.
    this.ranges = undefined;
    const pairs = this.first.length;
    if (pairs === 0) return;
    // Pairs by document (both sides), as a compressed sparse row: entries slot * 2 + side.
    let docs = 0;
    for (let s = 0; s < pairs; s++) docs = Math.max(docs, this.docA.data[s]! + 1, this.docB.data[s]! + 1);
    const start = new Int32Array(docs + 1);
    for (let s = 0; s < pairs; s++) {
      start[this.docA.data[s]! + 1]!++;
      start[this.docB.data[s]! + 1]!++;
    }
    for (let d = 0; d < docs; d++) start[d + 1]! += start[d]!;
    const fill = start.slice(0, docs);
    const entries = new Int32Array(2 * pairs);
    for (let s = 0; s < pairs; s++) {
      entries[fill[this.docA.data[s]!]!++] = 2 * s;
      entries[fill[this.docB.data[s]!]!++] = 2 * s + 1;
    }
    for (let d = 0; d < docs; d++) {
      if (start[d] === start[d + 1]) continue;
      const tok = ranges(d);
      for (let e = start[d]!; e < start[d + 1]!; e++) {
        const slot = entries[e]! >> 1;
        const from = this.first.data[slot]!;
        const to = slot + 1 < pairs ? this.first.data[slot + 1]! : this.aStart.length;
        if ((entries[e]! & 1) === 0) toOffsets(this.aStart.data, this.aEnd.data, from, to, tok.starts, tok.ends);
        else toOffsets(this.bStart.data, this.bEnd.data, from, to, tok.starts, tok.ends);
      }
    }
  }

  /**
   * The passages of the pair in `slot`, made now: offsets into both texts, the text quoted from
   * document a. A new array on every call.
   */
  passages(slot: number): Passage[] {
    if (!this.mapped) throw new Error('PassageStore.passages before map');
    const [from, to] = this.span(slot);
    const text = this.textOf(this.docA.data[slot]!);
    const out: Passage[] = [];
    for (let p = from; p < to; p++) {
      const aStart = this.aStart.data[p]!;
      const aEnd = this.aEnd.data[p]!;
      out.push({
        a: { start: aStart, end: aEnd },
        b: { start: this.bStart.data[p]!, end: this.bEnd.data[p]! },
        words: this.words.data[p]!,
        text: text.slice(aStart, aEnd),
        gaps: this.gaps.data[p]!,
      });
    }
    return out;
  }

  /**
   * Appends the passages of the pair in `slot` to `out`, six integers each (a.start, a.end,
   * b.start, b.end, words, gaps: what `passages` makes objects of, without the text).
   * @returns how many
   */
  pack(slot: number, out: IntList): number {
    if (!this.mapped) throw new Error('PassageStore.pack before map');
    const [from, to] = this.span(slot);
    for (let p = from; p < to; p++) {
      out.push(this.aStart.data[p]!);
      out.push(this.aEnd.data[p]!);
      out.push(this.bStart.data[p]!);
      out.push(this.bEnd.data[p]!);
      out.push(this.words.data[p]!);
      out.push(this.gaps.data[p]!);
    }
    return to - from;
  }

  /** The passages [from, to) of the pair in `slot` (they run to the next pair's first). */
  private span(slot: number): [from: number, to: number] {
    return [this.first.data[slot]!, slot + 1 < this.first.length ? this.first.data[slot + 1]! : this.aStart.length];
  }

  /** The text of document d (the last one is kept: pairs are read mostly in order of a). */
  private textOf(d: number): string {
    if (d !== this.cachedDoc) {
      this.cachedText = this.texts.get(d);
      this.cachedDoc = d;
    }
    return this.cachedText;
  }
}

/** Token ranges [starts[p], ends[p]) for p in [from, to) become character ranges, in place. */
function toOffsets(starts: Int32Array, ends: Int32Array, from: number, to: number, tokStarts: ArrayLike<number>, tokEnds: ArrayLike<number>): void {
  for (let p = from; p < to; p++) {
    starts[p] = tokStarts[starts[p]!]!;
    ends[p] = tokEnds[ends[p]! - 1]!;
  }
}

/** One descriptor for every StoredPair: objects that share it share their hidden class (fast properties). */
const PASSAGES: PropertyDescriptor = {
  get(this: StoredPair): Passage[] {
    return this.readPassages();
  },
  enumerable: true,
};

/** StoredPair has ScoredPair's fields (declared here, set by the constructor). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface StoredPair extends ScoredPair {}

/**
 * A reported pair whose `passages` are read from a PassageStore: an own, enumerable property
 * (JSON.stringify, Object.keys and spreads see it) that makes a new array on every read.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class StoredPair {
  readonly #store: PassageStore | undefined;
  readonly #slot: number;

  /**
   * @param fields the pair without passages
   * @param store where its passages are, or undefined when it has none
   * @param slot its slot in `store`
   */
  constructor(fields: Omit<ScoredPair, 'passages'>, store: PassageStore | undefined, slot: number) {
    // Fields in ScoredPair's order; every StoredPair gets them the same way, so all share one hidden class.
    const self = this as { -readonly [K in keyof ScoredPair]: ScoredPair[K] };
    self.a = fields.a;
    self.b = fields.b;
    self.kind = fields.kind;
    self.jaccard = fields.jaccard;
    if (fields.articleJaccard !== undefined) self.articleJaccard = fields.articleJaccard;
    self.aInB = fields.aInB;
    self.bInA = fields.bInA;
    Object.defineProperty(this, 'passages', PASSAGES);
    if (fields.coverage !== undefined) self.coverage = fields.coverage;
    this.#store = store;
    this.#slot = slot;
  }

  /** The passages (see PassageStore.passages). */
  readPassages(): Passage[] {
    return this.#store === undefined ? [] : this.#store.passages(this.#slot);
  }

  /** Appends the passages' numbers to `out` (see PassageStore.pack); returns how many. */
  packPassages(out: IntList): number {
    return this.#store === undefined ? 0 : this.#store.pack(this.#slot, out);
  }
}
