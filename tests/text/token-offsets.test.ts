import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { packTokenOffsets, unpackTokenOffsets } from '../../src/text/token-offsets.js';
import { tokenize } from '../../src/text/tokenize.js';
import { text } from '../pipeline/helpers.js';

describe('packTokenOffsets', () => {
  it('unpacks to the same ranges, short or long gaps and tokens alike', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.nat(300), fc.nat(2 ** 31)), fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 2 ** 31 }))), { maxLength: 50 }),
        (spans) => {
          const starts: number[] = [];
          const ends: number[] = [];
          let at = 0;
          for (const [gap, len] of spans) {
            if (at + gap + len > 2 ** 32 - 1) break;
            starts.push(at + gap);
            ends.push(at + gap + len);
            at += gap + len;
          }
          const packed = packTokenOffsets(starts, ends, starts.length);
          const got = unpackTokenOffsets(packed, starts.length);
          expect([...got.starts]).toEqual(starts);
          expect([...got.ends]).toEqual(ends);
          // Into reused arrays (longer ones holding other ranges: only the first count are written).
          const into = { starts: new Uint32Array(starts.length + 3).fill(7), ends: new Uint32Array(starts.length + 5).fill(7) };
          const reused = unpackTokenOffsets(packed, starts.length, into);
          expect(reused.starts).toBe(into.starts);
          expect([...reused.starts.subarray(0, starts.length)]).toEqual(starts);
          expect([...reused.ends.subarray(0, ends.length)]).toEqual(ends);
          // Too short to reuse: new arrays, the short ones untouched.
          if (starts.length > 0) {
            const short = { starts: new Uint32Array(starts.length - 1), ends: new Uint32Array(starts.length - 1) };
            const fresh = unpackTokenOffsets(packed, starts.length, short);
            expect(fresh.starts).not.toBe(short.starts);
            expect([...fresh.starts]).toEqual(starts);
            expect(short.starts.every((x) => x === 0)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes about two bytes a token on real text, and gives back what the tokenizer found', () => {
    for (const file of ['fixtures/seeds/000_8e656ef614cc4b96.txt', 'fixtures/multilingual/zh-a.txt', 'fixtures/multilingual/ur-a.txt']) {
      const tok = tokenize(text(file));
      const packed = packTokenOffsets(tok.starts, tok.ends, tok.count);
      expect(packed.length).toBeLessThanOrEqual(2 * tok.count + 16);
      const got = unpackTokenOffsets(packed, tok.count);
      expect([...got.starts]).toEqual([...tok.starts.subarray(0, tok.count)]);
      expect([...got.ends]).toEqual([...tok.ends.subarray(0, tok.count)]);
    }
  });
});
