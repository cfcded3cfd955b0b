import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { windowFor, winnow } from '../../src/overlap/winnow.js';

/** Reference robust winnowing, O(n·w): the paper's definition, window by window. */
function naiveWinnow(seq: readonly number[], w: number): { hashes: number[]; positions: number[] } {
  const hashes: number[] = [];
  const positions: number[] = [];
  if (seq.length === 0) return { hashes, positions };
  const win = Math.min(w, seq.length);
  let selected = -1;
  for (let s = 0; s + win <= seq.length; s++) {
    let min = Infinity;
    for (let i = s; i < s + win; i++) min = Math.min(min, seq[i]!);
    if (selected >= s && seq[selected] === min) continue; // robust: keep the previous choice
    let right = s + win - 1;
    while (seq[right] !== min) right--;
    selected = right;
    hashes.push(seq[right]!);
    positions.push(right);
  }
  return { hashes, positions };
}

const sequences = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 300 }),
  fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 300 }), // many ties
);

describe('winnow', () => {
  test('agrees with the reference robust winnowing', () => {
    fc.assert(
      fc.property(sequences, fc.integer({ min: 1, max: 40 }), (seq, w) => {
        const got = winnow(Uint32Array.from(seq), w);
        const want = naiveWinnow(seq, w);
        expect([...got.hashes]).toEqual(want.hashes);
        expect([...got.positions]).toEqual(want.positions);
      }),
      { numRuns: 500 },
    );
  });

  test('density: every window of w positions holds a selected position; positions ascend; hashes match', () => {
    fc.assert(
      fc.property(sequences, fc.integer({ min: 1, max: 40 }), (seq, w) => {
        const arr = Uint32Array.from(seq);
        const { hashes, positions } = winnow(arr, w);
        expect(hashes.length).toBe(positions.length);
        for (let i = 0; i < positions.length; i++) {
          expect(hashes[i]).toBe(arr[positions[i]!]);
          if (i > 0) expect(positions[i]!).toBeGreaterThan(positions[i - 1]!);
        }
        if (seq.length === 0) expect(positions.length).toBe(0);
        else if (seq.length <= w) {
          expect(positions.length).toBe(1);
          expect(hashes[0]).toBe(Math.min(...seq));
        } else {
          const chosen = new Uint8Array(seq.length);
          for (const p of positions) chosen[p] = 1;
          for (let s = 0; s + w <= seq.length; s++) {
            let has = false;
            for (let i = s; i < s + w && !has; i++) has = chosen[i] === 1;
            expect(has).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  test('identical sequences give identical fingerprints; the input is not modified', () => {
    fc.assert(
      fc.property(sequences, fc.integer({ min: 1, max: 20 }), (seq, w) => {
        const a = Uint32Array.from(seq);
        const b = Uint32Array.from(seq);
        expect(winnow(a, w)).toEqual(winnow(b, w));
        expect([...a]).toEqual(seq);
      }),
    );
  });

  test('robust rule: a constant sequence is selected once per window length', () => {
    const { positions } = winnow(new Uint32Array(100).fill(7), 10);
    expect([...positions]).toEqual([9, 19, 29, 39, 49, 59, 69, 79, 89, 99]);
  });

  test('short sequences select the rightmost minimum of the whole sequence', () => {
    expect(winnow(Uint32Array.of(5, 2, 9, 2), 10)).toEqual({ hashes: Uint32Array.of(2), positions: Uint32Array.of(3) });
    expect(winnow(new Uint32Array(0), 4).positions.length).toBe(0);
  });

  test('rejects a window that is not a positive integer', () => {
    expect(() => winnow(Uint32Array.of(1), 0)).toThrow(RangeError);
    expect(() => winnow(Uint32Array.of(1), 2.5)).toThrow(RangeError);
  });

  test('windowFor: w = T - k + 1, at least 1', () => {
    expect(windowFor(12, 5)).toBe(8);
    expect(windowFor(5, 5)).toBe(1);
    expect(windowFor(3, 5)).toBe(1);
  });
});
