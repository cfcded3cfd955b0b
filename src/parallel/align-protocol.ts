/**
 * Messages between the main thread and alignment workers. The documents' shingle sequences and
 * sorted winnowed fingerprints are packed once into SharedArrayBuffers (no copy per worker);
 * batches of pairs go out as Float64Arrays and come back as one transferred Uint32Array each.
 */
import type { AlignPlan, PairHit } from '../compare/overlap-stage.js';
import type { TokenPassage } from '../overlap/align.js';

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
  /** Concatenated sorted shingle sets (Uint32) and their offsets (Float64, count + 1). */
  readonly sets: SharedArrayBuffer;
  readonly setOff: SharedArrayBuffer;
}

/** Typed views of SharedSeeds (the same memory, in every thread that makes them). */
export interface SeedViews {
  readonly seq: Uint32Array;
  readonly seqOff: Float64Array;
  readonly win: Uint32Array;
  readonly pos: Uint32Array;
  readonly winOff: Float64Array;
  readonly counts: Uint32Array;
  readonly sets: Uint32Array;
  readonly setOff: Float64Array;
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
    sets: new Uint32Array(seeds.sets),
    setOff: new Float64Array(seeds.setOff),
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

/** Results of a batch: the pairs with passages (encodeHits). */
export interface AlignResponse {
  readonly id: number;
  readonly data: Uint32Array;
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
