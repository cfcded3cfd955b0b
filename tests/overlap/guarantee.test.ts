/**
 * The winnowing guarantee end to end (Schleimer, Wilkerson, Aiken 2003): two random texts that
 * share a planted run of T = minPassage words always share a fingerprint, and alignPair reports a
 * passage covering the run on both sides, at the right character offsets.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { alignPair } from '../../src/overlap/align.js';
import { windowFor, winnow } from '../../src/overlap/winnow.js';
import { normalizeText } from '../../src/text/normalize.js';
import { shingleSequence } from '../../src/text/shingle.js';
import { tokenize } from '../../src/text/tokenize.js';
import { build, draw, plant, rng, vocabulary } from './helpers.js';

const scenario = fc
  .record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    k: fc.integer({ min: 1, max: 7 }),
    extra: fc.integer({ min: 0, max: 20 }),
    lenA: fc.integer({ min: 50, max: 400 }),
    lenB: fc.integer({ min: 50, max: 400 }),
    atA: fc.double({ min: 0, max: 1, noNaN: true }),
    atB: fc.double({ min: 0, max: 1, noNaN: true }),
    maxGap: fc.integer({ min: 0, max: 4 }),
  })
  .map((s) => ({ ...s, T: Math.max(2, s.k + s.extra) }));

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

/** Two texts with a planted shared run; fillers from `sharedFiller` (one vocabulary) or two disjoint ones. */
function make(s: Scenario, sharedFiller: boolean) {
  const rand = rng(s.seed);
  const vocabA = vocabulary(rand, 300, 'a');
  const vocabB = sharedFiller ? vocabA : vocabulary(rand, 300, 'b');
  const run = draw(rand, vocabulary(rand, 300, 'p'), s.T);
  const fillA = draw(rand, vocabA, s.lenA);
  const fillB = draw(rand, vocabB, s.lenB);
  const posA = Math.floor(s.atA * s.lenA);
  const posB = Math.floor(s.atB * s.lenB);
  const A = build(rand, plant(fillA, run, posA));
  const B = build(rand, plant(fillB, run, posB));
  return {
    run,
    A,
    B,
    runA: { start: A.starts[posA]!, end: A.ends[posA + s.T - 1]! },
    runB: { start: B.starts[posB]!, end: B.ends[posB + s.T - 1]! },
  };
}

describe('the winnowing guarantee', () => {
  test('a planted run of T words yields a common fingerprint and a passage covering it', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { A, B, runA, runB } = make(s, true);
        const tokA = tokenize(A.text);
        const tokB = tokenize(B.text);
        const w = windowFor(s.T, s.k);
        const fa = winnow(shingleSequence(tokA.hashes, tokA.count, s.k), w).hashes;
        const fb = new Set(winnow(shingleSequence(tokB.hashes, tokB.count, s.k), w).hashes);
        expect(fa.some((h) => fb.has(h))).toBe(true);

        const { passages } = alignPair(A.text, tokA, B.text, tokB, s.k, { minPassage: s.T, maxGap: s.maxGap });
        const covering = passages.find(
          (p) => p.a.start <= runA.start && p.a.end >= runA.end && p.b.start <= runB.start && p.b.end >= runB.end,
        );
        expect(covering).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });

  test('with otherwise disjoint vocabularies the passage is exactly the planted run', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { A, B, run, runA, runB } = make(s, false);
        const tokA = tokenize(A.text);
        const tokB = tokenize(B.text);
        const result = alignPair(A.text, tokA, B.text, tokB, s.k, { minPassage: s.T, maxGap: s.maxGap });
        expect(result.passages).toHaveLength(1);
        const p = result.passages[0]!;
        expect(p.a).toEqual(runA);
        expect(p.b).toEqual(runB);
        expect(p.words).toBe(s.T);
        expect(p.gaps).toBe(0);
        expect(p.text).toBe(A.text.slice(runA.start, runA.end));
        const sliceA = A.text.slice(p.a.start, p.a.end);
        const sliceB = B.text.slice(p.b.start, p.b.end);
        expect(normalizeText(sliceA, tokenize(sliceA))).toBe(run.join(' '));
        expect(normalizeText(sliceB, tokenize(sliceB))).toBe(run.join(' '));
        expect(result.coveredA).toBe(s.T);
        expect(result.coveredB).toBe(s.T);
      }),
      { numRuns: 300 },
    );
  });
});
