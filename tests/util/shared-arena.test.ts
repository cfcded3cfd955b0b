import { describe, expect, it } from 'vitest';
import { SharedArena } from '../../src/util/shared-arena.js';

describe('SharedArena', () => {
  it('keeps copies in shared chunks, found again by locate, across chunk boundaries', () => {
    const arena = new SharedArena(10);
    const inputs = [Uint32Array.of(1, 2, 3), Uint32Array.of(4, 5, 6, 7), Uint32Array.of(8, 9, 10, 11, 12), new Uint32Array(0), Uint32Array.from({ length: 25 }, (_, i) => i)];
    const views = inputs.map((a) => arena.put(a));
    views.forEach((v, i) => expect([...v]).toEqual([...inputs[i]!]));
    expect(views[0]!.buffer).toBeInstanceOf(SharedArrayBuffer);
    // 3 + 4 fit a 10-word chunk, 5 more do not: a second chunk; 25 words get a chunk of their own.
    expect(arena.chunks).toHaveLength(3);
    expect(arena.locate(views[1]!)).toEqual([0, 3, 4]);
    expect(arena.locate(views[2]!)).toEqual([1, 0, 5]);
    expect(arena.locate(views[3]!)).toEqual([0, 0, 0]);
    expect(arena.locate(views[4]!)).toEqual([2, 0, 25]);
    // What another thread would see: the same words through the chunk.
    const [c, off, len] = arena.locate(views[2]!);
    expect([...new Uint32Array(arena.chunks[c]!, off * 4, len)]).toEqual([8, 9, 10, 11, 12]);
    // The copy is independent of its source.
    inputs[0]![0] = 99;
    expect(views[0]![0]).toBe(1);
  });

  it('keeps bytes padded to whole words, next to the word arrays, never overlapping them', () => {
    const arena = new SharedArena(4);
    const before = arena.put(Uint32Array.of(7));
    const bytes = arena.putBytes(Uint8Array.of(1, 2, 3, 4, 5)); // 2 words: a 5-byte array of its own place
    const after = arena.put(Uint32Array.of(9));
    expect([...bytes]).toEqual([1, 2, 3, 4, 5]);
    expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...before]).toEqual([7]);
    expect([...after]).toEqual([9]);
    expect(arena.putBytes(new Uint8Array(0)).length).toBe(0);
    // 1 + 2 + 1 words fill the first 4-word chunk exactly.
    expect(arena.chunks).toHaveLength(1);
    expect(bytes.byteOffset).toBe(4);
  });

  it('refuses to locate an array it does not hold', () => {
    expect(() => new SharedArena().locate(Uint32Array.of(1))).toThrow(/not an array of this arena/);
  });
});
