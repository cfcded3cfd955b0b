/**
 * Token ranges packed small: per token, its gap from the previous token's end and its length,
 * one byte each when both are under 255 (nearly always), else an escape byte and two LEB128
 * varints. ~2 bytes per token instead of the 8 of two Uint32Arrays, and unpacking is a prefix
 * sum: passages are mapped to character offsets without tokenizing their documents again.
 */

/** The escape byte: a varint gap and a varint length follow. */
const ESCAPE = 255;

/**
 * Packs token ranges [starts[i], ends[i]) for i < count (ascending, not overlapping).
 * @returns the packed bytes (unpackTokenOffsets reverses it)
 */
export function packTokenOffsets(starts: ArrayLike<number>, ends: ArrayLike<number>, count: number): Uint8Array {
  let out = new Uint8Array(2 * count + 16);
  let o = 0;
  let prev = 0;
  for (let i = 0; i < count; i++) {
    const gap = starts[i]! - prev;
    const len = ends[i]! - starts[i]!;
    prev = ends[i]!;
    if (o + 11 > out.length) {
      const next = new Uint8Array(2 * out.length + 16);
      next.set(out);
      out = next;
    }
    if (gap < ESCAPE && len < ESCAPE) {
      out[o++] = gap;
      out[o++] = len;
    } else {
      out[o++] = ESCAPE;
      o = putVarint(out, o, gap);
      o = putVarint(out, o, len);
    }
  }
  return out.slice(0, o);
}

function putVarint(out: Uint8Array, o: number, v: number): number {
  while (v >= 0x80) {
    out[o++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[o++] = v;
  return o;
}

/** Token ranges: [starts[i], ends[i]) for i below the count unpacked. */
export interface UnpackedOffsets {
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

/**
 * The token ranges packed by packTokenOffsets.
 * @param count number of tokens packed
 * @param into arrays to unpack into when they are long enough (e.g. one pair reused for every
 *   document: no allocation per document); new ones otherwise. Only [0, count) is written.
 */
export function unpackTokenOffsets(packed: Uint8Array, count: number, into?: UnpackedOffsets): UnpackedOffsets {
  const reuse = into !== undefined && into.starts.length >= count && into.ends.length >= count;
  const starts = reuse ? into.starts : new Uint32Array(count);
  const ends = reuse ? into.ends : new Uint32Array(count);
  let o = 0;
  const varint = (): number => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const b = packed[o++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
  };
  let prev = 0;
  for (let i = 0; i < count; i++) {
    let gap = packed[o++]!;
    let len: number;
    if (gap !== ESCAPE) len = packed[o++]!;
    else {
      gap = varint();
      len = varint();
    }
    starts[i] = prev + gap;
    prev = starts[i]! + len;
    ends[i] = prev;
  }
  return { starts, ends };
}
