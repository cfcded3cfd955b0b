/**
 * Messages between the main thread and alignment workers. The documents' shingle sequences and
 * sorted winnowed fingerprints are packed once into SharedArrayBuffers (no copy per worker);
 * batches of pairs go out as Float64Arrays and come back as one transferred Uint32Array each.
 */
import type { AlignPlan } from '../compare/overlap-stage.js';
import type { TokenAlignment, TokenPassage } from '../overlap/align.js';

/** Every document's alignment data, packed: document d's part is [off[d], off[d + 1]). */
export interface SharedSeeds {
  readonly count: number;
  /** Concatenated word-shingle sequences (Uint32) and their offsets (Float64, count + 1). */
  readonly seq: SharedArrayBuffer;
  readonly seqOff: SharedArrayBuffer;
  /** Concatenated winnowed hashes and positions (Uint32, sorted by hash per document), offsets. */
  readonly win: SharedArrayBuffer;
  readonly pos: SharedArrayBuffer;
  readonly winOff: SharedArrayBuffer;
  /** Token count of each document (Uint32). */
  readonly counts: SharedArrayBuffer;
}

/** Typed views of SharedSeeds (the same memory, in every thread that makes them). */
export interface SeedViews {
  readonly seq: Uint32Array;
  readonly seqOff: Float64Array;
  readonly win: Uint32Array;
  readonly pos: Uint32Array;
  readonly winOff: Float64Array;
  readonly counts: Uint32Array;
}

/** Views of the shared buffers. */
export function seedViews(seeds: SharedSeeds): SeedViews {
  return {
    seq: new Uint32Array(seeds.seq),
    seqOff: new Float64Array(seeds.seqOff),
    win: new Uint32Array(seeds.win),
    pos: new Uint32Array(seeds.pos),
    winOff: new Float64Array(seeds.winOff),
    counts: new Uint32Array(seeds.counts),
  };
}

/** Worker start-up data. */
export interface AlignWorkerInit {
  readonly seeds: SharedSeeds;
  readonly plan: AlignPlan;
}

/** A batch: pairs packed as a * count + b. */
export interface AlignRequest {
  readonly id: number;
  readonly pairs: Float64Array;
}

/** Results of a batch: per pair, pieces, coveredA, coveredB, then 5 numbers per piece. */
export interface AlignResponse {
  readonly id: number;
  readonly data: Uint32Array;
}

/** Encodes alignments for transfer. */
export function encodeAlignments(results: readonly TokenAlignment[]): Uint32Array {
  let n = 0;
  for (const r of results) n += 3 + 5 * r.pieces.length;
  const out = new Uint32Array(n);
  let o = 0;
  for (const r of results) {
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

/** Decodes `count` alignments. */
export function decodeAlignments(data: Uint32Array, count: number): TokenAlignment[] {
  const out: TokenAlignment[] = [];
  let o = 0;
  for (let i = 0; i < count; i++) {
    const np = data[o++]!;
    const coveredA = data[o++]!;
    const coveredB = data[o++]!;
    const pieces: TokenPassage[] = [];
    for (let p = 0; p < np; p++) {
      pieces.push({ aStart: data[o]!, aEnd: data[o + 1]!, bStart: data[o + 2]!, bEnd: data[o + 3]!, gaps: data[o + 4]! });
      o += 5;
    }
    out.push({ pieces, coveredA, coveredB });
  }
  return out;
}
