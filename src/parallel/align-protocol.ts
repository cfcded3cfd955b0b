/**
 * Messages between the main thread and alignment workers. The documents' shingle sequences and
 * sets and sorted winnowed fingerprints are already in shared memory (no copy per worker);
 * batches of pairs go out as Float64Arrays and come back as one transferred Uint32Array each.
 */
import type { AlignPlan, PairHit } from '../compare/overlap-stage.js';
import type { TokenPassage } from '../overlap/align.js';
import type { CandidateIndex } from '../overlap/fingerprint-index.js';

/**
 * Every document's alignment data, in place in the shared arena (util/shared-arena.ts): the
 * chunks, and per document where its arrays lie.
 */
export interface SharedSeeds {
  readonly count: number;
  readonly chunks: readonly SharedArrayBuffer[];
  /** Uint32, per document and per Part: chunk, offset (words), length. */
  readonly table: SharedArrayBuffer;
  /** Token count of each document (Uint32). */
  readonly counts: SharedArrayBuffer;
  /** The fewest tokens of a passage in each document (Uint32; SeedDoc.minPassage). */
  readonly minTokens: SharedArrayBuffer;
}

/** The arrays kept per document, in table order. */
export const Part = {
  /** Word-shingle sequence. */
  Sequence: 0,
  /** Winnowed hashes, sorted (then by position). */
  Winnowed: 1,
  /** Their positions. */
  Positions: 2,
  /** Sorted shingle set. */
  Set: 3,
} as const;
export type Part = (typeof Part)[keyof typeof Part];
export const PARTS = 4;

/** Views of SharedSeeds (the same memory, in every thread that makes them). */
export interface SeedViews {
  /** The array `part` of document d (a new view on every call). */
  readonly part: (d: number, part: Part) => Uint32Array;
  readonly counts: Uint32Array;
  readonly minTokens: Uint32Array;
}

/** Views of the shared buffers. */
export function seedViews(seeds: SharedSeeds): SeedViews {
  const chunks = seeds.chunks.map((c) => new Uint32Array(c));
  const table = new Uint32Array(seeds.table);
  const empty = new Uint32Array(0);
  return {
    part: (d, part) => {
      const at = 3 * (d * PARTS + part);
      const length = table[at + 2]!;
      if (length === 0) return empty;
      const offset = table[at + 1]!;
      return chunks[table[at]!]!.subarray(offset, offset + length);
    },
    counts: new Uint32Array(seeds.counts),
    minTokens: new Uint32Array(seeds.minTokens),
  };
}

/** Worker start-up data. */
export interface AlignWorkerInit {
  readonly seeds: SharedSeeds;
  readonly plan: AlignPlan;
  /** The candidate index, made in shared memory (planOverlapsAsync), for CandidateRequests. */
  readonly candidates?: CandidateIndex;
}

/** A batch: pairs packed as a * count + b. */
export interface AlignRequest {
  readonly id: number;
  readonly pairs: Float64Array;
  /** Per pair, its shared fingerprint hashes (SharedHashes): how many, then all of them. */
  readonly counts?: Uint32Array;
  readonly hashes?: Uint32Array;
}

/** The candidates of documents [from, to) (made by the worker from its CandidateIndex), to align. */
export interface CandidateRequest {
  readonly id: number;
  readonly from: number;
  readonly to: number;
}

/**
 * Results of a batch: the pairs with passages (encodeHits). For a CandidateRequest, `pairs` holds
 * the hits' pairs (packed; a hit's index is its place there) and `made` the candidates made.
 */
export interface AlignResponse {
  readonly id: number;
  readonly data: Uint32Array;
  readonly pairs?: Float64Array;
  readonly made?: number;
}

/** Encodes hits for transfer: per hit, index, intersection, pieces, coveredA, coveredB, then 5 numbers per piece. */
export function encodeHits(hits: readonly PairHit[]): Uint32Array {
  let n = 0;
  for (const h of hits) n += 5 + 5 * h.alignment.pieces.length;
  const out = new Uint32Array(n);
  let o = 0;
  for (const h of hits) {
    const r = h.alignment;
    out[o++] = h.index;
    out[o++] = h.intersection;
    out[o++] = r.pieces.length;
    out[o++] = r.coveredA;
    out[o++] = r.coveredB;
    for (const p of r.pieces) {
      out[o++] = p.aStart;
      out[o++] = p.aEnd;
      out[o++] = p.bStart;
      out[o++] = p.bEnd;
      out[o++] = p.gaps;
    }
  }
  return out;
}

/** Decodes encodeHits' output. */
export function decodeHits(data: Uint32Array): PairHit[] {
  const out: PairHit[] = [];
  let o = 0;
  while (o < data.length) {
    const index = data[o++]!;
    const intersection = data[o++]!;
    const np = data[o++]!;
    const coveredA = data[o++]!;
    const coveredB = data[o++]!;
    const pieces: TokenPassage[] = [];
    for (let p = 0; p < np; p++) {
      pieces.push({ aStart: data[o]!, aEnd: data[o + 1]!, bStart: data[o + 2]!, bEnd: data[o + 3]!, gaps: data[o + 4]! });
      o += 5;
    }
    out.push({ index, intersection, alignment: { pieces, coveredA, coveredB } });
  }
  return out;
}
