import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isDedupeError } from '../../src/errors.js';
import {
  CandidateMaker,
  candidateIndex,
  documentFrequencies,
  documentFrequenciesOfSets,
  overlapCandidates,
  pairBudget,
  prepareOverlapIndex,
  resolveMaxDf,
  sortedHashSet,
  sortEntriesByHash,
} from '../../src/overlap/fingerprint-index.js';
import { documentRanges } from '../../src/compare/overlap-stage.js';
import { windowFor, winnow } from '../../src/overlap/winnow.js';
import { shingleSequence } from '../../src/text/shingle.js';
import { tokenize } from '../../src/text/tokenize.js';
import { build, draw, plant, rng, vocabulary } from './helpers.js';

const K = 5;
const MIN_PASSAGE = 12;
const W = windowFor(MIN_PASSAGE, K);

function fingerprintsOf(text: string): Uint32Array {
  const tok = tokenize(text);
  return winnow(shingleSequence(tok.hashes, tok.count, K), W).hashes;
}

/**
 * Reference: the same result with Maps and Sets. With `group`, a hash's document frequency counts
 * groups, and no two documents of one group are paired.
 */
function naiveCandidates(lists: readonly number[][], maxDf: number, shingles?: readonly number[][], group?: readonly number[]) {
  const docsOf = new Map<number, Set<number>>();
  lists.forEach((fp, d) => fp.forEach((h) => (docsOf.get(h) ?? docsOf.set(h, new Set()).get(h)!).add(d)));
  const holders = new Map<number, Set<number>>();
  shingles?.forEach((sh, d) => sh.forEach((h) => (holders.get(h) ?? holders.set(h, new Set()).get(h)!).add(d)));
  const shared = new Map<number, number>();
  const hashesOf = new Map<number, number[]>();
  const boilerplate: [number, number][] = [];
  for (const [h, set] of docsOf) {
    const df = group ? new Set([...set].map((d) => group[d])).size : new Set([...set, ...(holders.get(h) ?? [])]).size;
    if (df > maxDf) boilerplate.push([h, df]);
    else {
      const docs = [...set].sort((x, y) => x - y);
      for (let x = 0; x < docs.length; x++)
        for (let y = x + 1; y < docs.length; y++) {
          if (group && group[docs[x]!] === group[docs[y]!]) continue;
          const key = docs[x]! * lists.length + docs[y]!;
          shared.set(key, (shared.get(key) ?? 0) + 1);
          (hashesOf.get(key) ?? hashesOf.set(key, []).get(key)!).push(h);
        }
    }
  }
  const pairs = [...shared.keys()].sort((x, y) => x - y);
  boilerplate.sort((x, y) => x[0] - y[0]);
  return {
    pairs,
    shared: pairs.map((p) => shared.get(p)!),
    hashes: pairs.flatMap((p) => hashesOf.get(p)!.sort((x, y) => x - y)),
    boilerplate: boilerplate.map((b) => b[0]),
    boilerplateDf: boilerplate.map((b) => b[1]),
  };
}

describe('overlapCandidates', () => {
  test('a small hand-made index', () => {
    const lists = [Uint32Array.of(1, 2, 3), Uint32Array.of(3, 2, 3), Uint32Array.of(3, 9), Uint32Array.of(9, 0xffffffff, 2)];
    const got = overlapCandidates({ count: 4, fingerprints: (d) => lists[d]! }, 2);
    // 3 is in docs 0, 1, 2: boilerplate; 2 is in 0, 1, 3; 9 in 2, 3.
    expect([...got.boilerplate]).toEqual([2, 3]);
    expect([...got.boilerplateDf]).toEqual([3, 3]);
    expect([...got.pairs]).toEqual([2 * 4 + 3]);
    expect([...got.shared]).toEqual([1]);
    expect([...got.hashes]).toEqual([9]);
    const wide = overlapCandidates({ count: 4, fingerprints: (d) => lists[d]! }, 3);
    expect([...wide.pairs]).toEqual([0 * 4 + 1, 0 * 4 + 2, 0 * 4 + 3, 1 * 4 + 2, 1 * 4 + 3, 2 * 4 + 3]);
    expect([...wide.shared]).toEqual([2, 1, 1, 1, 1, 1]);
    expect([...wide.hashes]).toEqual([2, 3, 3, 2, 3, 2, 9]);
    expect(wide.boilerplate.length).toBe(0);
  });

  test('agrees with a Map-based reference on random fingerprint lists', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }), { maxLength: 25 }),
        fc.integer({ min: 2, max: 8 }),
        (lists, maxDf) => {
          const got = overlapCandidates({ count: lists.length, fingerprints: (d) => Uint32Array.from(lists[d]!) }, maxDf);
          const want = naiveCandidates(lists, maxDf);
          expect([...got.pairs]).toEqual(want.pairs);
          expect([...got.shared]).toEqual(want.shared);
          expect([...got.hashes]).toEqual(want.hashes);
          expect([...got.boilerplate]).toEqual(want.boilerplate);
          expect([...got.boilerplateDf]).toEqual(want.boilerplateDf);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('with groups (duplicate clusters), a list counts a group once and pairs no two of its documents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 20 }), fc.nat()), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        (docs, maxDf) => {
          const lists = docs.map(([fp]) => fp);
          // Each document joins the group of an earlier one (or starts its own): ids are document indexes.
          const group: number[] = [];
          docs.forEach(([, pick], d) => group.push(pick % 3 === 0 || d === 0 ? d : group[pick % d]!));
          const ci = candidateIndex(prepareOverlapIndex({ count: lists.length, fingerprints: (d) => Uint32Array.from(lists[d]!) }), undefined, maxDf, Infinity, false, Uint32Array.from(group));
          const got = new CandidateMaker(ci).make(0, lists.length);
          const want = naiveCandidates(lists, maxDf, undefined, group);
          expect([...got.pairs]).toEqual(want.pairs);
          expect([...got.shared]).toEqual(want.shared);
          expect([...got.hashes]).toEqual(want.hashes);
          expect([...ci.boilerplate]).toEqual(want.boilerplate);
          expect([...ci.boilerplateDf]).toEqual(want.boilerplateDf);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('with shingles, df counts every document holding the hash as a shingle', () => {
    const lists = fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(lists, lists, fc.integer({ min: 2, max: 8 }), (fps, extra, maxDf) => {
        // Shingles are a superset of the fingerprints, as in real documents.
        const shingles = fps.map((fp, d) => [...fp, ...(extra[d] ?? [])]);
        const got = overlapCandidates(
          {
            count: fps.length,
            fingerprints: (d) => Uint32Array.from(fps[d]!),
            shingles: (d) => Uint32Array.from(shingles[d]!),
          },
          maxDf,
        );
        const want = naiveCandidates(fps, maxDf, shingles);
        expect([...got.pairs]).toEqual(want.pairs);
        expect([...got.shared]).toEqual(want.shared);
        expect([...got.hashes]).toEqual(want.hashes);
        expect([...got.boilerplate]).toEqual(want.boilerplate);
        expect([...got.boilerplateDf]).toEqual(want.boilerplateDf);
      }),
      { numRuns: 300 },
    );
  });

  test('candidates made range by range (any cut, any order, one maker) are those made at once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 2, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 25 }), { maxLength: 6 }),
        fc.integer(),
        (lists, maxDf, cuts, seed) => {
          const ci = candidateIndex(prepareOverlapIndex({ count: lists.length, fingerprints: (d) => Uint32Array.from(lists[d]!) }), undefined, maxDf);
          const all = new CandidateMaker(ci).make(0, lists.length);
          const want = naiveCandidates(lists, maxDf);
          expect([...all.pairs]).toEqual(want.pairs);
          const bounds = [...new Set([0, lists.length, ...cuts.map((c) => Math.min(c, lists.length))])].sort((x, y) => x - y);
          const ranges = bounds.slice(1).map((to, i) => [bounds[i]!, to] as const);
          // Made in a shuffled order by one maker (as a worker makes the ranges it is given), put back in order.
          const order = ranges.map((_, i) => i).sort((x, y) => ((x * 7919 + seed) % 13) - ((y * 7919 + seed) % 13) || x - y);
          const maker = new CandidateMaker(ci);
          const made = new Map(order.map((i) => [i, maker.make(ranges[i]![0], ranges[i]![1])]));
          const parts = ranges.map((_, i) => made.get(i)!);
          expect(parts.flatMap((p) => [...p.pairs])).toEqual(want.pairs);
          expect(parts.flatMap((p) => [...p.shared])).toEqual(want.shared);
          expect(parts.flatMap((p) => [...p.hashes])).toEqual(want.hashes);
          // Made again: the same.
          expect([...maker.make(0, lists.length).pairs]).toEqual(want.pairs);
          // The index made in shared memory (for worker threads) makes the same candidates.
          const shared = candidateIndex(prepareOverlapIndex({ count: lists.length, fingerprints: (d) => Uint32Array.from(lists[d]!) }, true), undefined, maxDf, Infinity, true);
          for (const a of [shared.words, shared.runFrom, shared.runTo, shared.perDoc, shared.runsOf]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
          const fromShared = new CandidateMaker(shared).make(0, lists.length);
          expect([...fromShared.pairs]).toEqual(want.pairs);
          expect([...fromShared.hashes]).toEqual(want.hashes);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('documentRanges cuts every document into ascending ranges of about equal index entries', () => {
    const lists = Array.from({ length: 200 }, (_, d) => Uint32Array.from({ length: 1 + (d % 17) }, (_, i) => (d * 31 + i * 7) % 97));
    const ci = candidateIndex(prepareOverlapIndex({ count: lists.length, fingerprints: (d) => lists[d]! }), undefined, 50);
    for (const parts of [1, 2, 7, 40, 1000]) {
      const b = documentRanges(ci, parts);
      expect(b[0]).toBe(0);
      expect(b[b.length - 1]).toBe(lists.length);
      for (let i = 1; i < b.length; i++) expect(b[i]!).toBeGreaterThan(b[i - 1]!);
      expect(b.length - 1).toBeLessThanOrEqual(parts + 1);
      if (parts <= 40) expect(b.length - 1).toBeGreaterThanOrEqual(parts / 2);
      // No range holds more than its share plus one document's entries.
      const entries = (from: number, to: number): number => ci.perDoc[to]! - ci.perDoc[from]!;
      const share = Math.ceil(entries(0, lists.length) / parts);
      const most = Math.max(...lists.map((_, d) => entries(d, d + 1)));
      for (let i = 1; i < b.length; i++) expect(entries(b[i - 1]!, b[i]!)).toBeLessThanOrEqual(share + most);
    }
    expect(documentRanges(candidateIndex(prepareOverlapIndex({ count: 0, fingerprints: () => new Uint32Array(0) }), undefined, 5), 4)).toEqual([0]);
  });

  test('empty corpus and documents without fingerprints', () => {
    expect(overlapCandidates({ count: 0, fingerprints: () => new Uint32Array(0) }, 10).pairs.length).toBe(0);
    expect(overlapCandidates({ count: 3, fingerprints: () => new Uint32Array(0) }, 10).pairs.length).toBe(0);
  });

  test('a footer shared by 32 articles is boilerplate under the default maxDf; a quote in 3 of them is content', () => {
    const rand = rng(42);
    const vocab = vocabulary(rand, 300, '');
    const footerWords = draw(rand, vocabulary(rand, 50, 'f'), 25);
    const quote = draw(rand, vocabulary(rand, 50, 'q'), 30);
    // Each body ends with its own word: two bodies ending with the same word share a run of
    // 26 tokens, one of content and 25 of footer: a true candidate, for alignment to settle.
    const lastWords = vocabulary(rand, 32, 'z');
    const texts: string[] = [];
    for (let d = 0; d < 32; d++) {
      let body = draw(rand, vocab, 100 + Math.floor(rand() * 200));
      if (d === 4 || d === 17 || d === 30) body = plant(body, quote, Math.floor(rand() * body.length));
      texts.push(build(rand, [...body, lastWords[d]!, ...footerWords]).text);
    }
    const maxDf = resolveMaxDf(undefined, texts.length);
    expect(maxDf).toBeLessThan(32);
    const toks = texts.map((t) => tokenize(t));
    const shingles = toks.map((t) => shingleSequence(t.hashes, t.count, K));
    const fps = shingles.map((s) => winnow(s, W).hashes);
    const got = overlapCandidates(
      { count: texts.length, fingerprints: (d) => fps[d]!, shingles: (d) => shingles[d]! },
      maxDf,
    );
    expect([...got.pairs]).toEqual([4 * 32 + 17, 4 * 32 + 30, 17 * 32 + 30]);
    expect([...got.shared].every((n) => n >= 2)).toBe(true);

    // The footer's fingerprints (the minima of its own windows) are all boilerplate, with df 32;
    // and nothing else is.
    const footer = tokenize(footerWords.join(' '));
    const footerShingles = shingleSequence(footer.hashes, footer.count, K);
    const footerFps = winnow(footerShingles, W).hashes;
    const isBoilerplate = sortedHashSet(got.boilerplate);
    for (const h of footerFps) expect(isBoilerplate(h)).toBe(true);
    expect(got.boilerplate.length).toBeGreaterThan(0);
    for (const h of got.boilerplate) expect(footerShingles.includes(h)).toBe(true);
    expect([...got.boilerplateDf].every((df) => df === 32)).toBe(true);

    // Without the shingles, df only counts the documents where a hash was selected: the footer's
    // edge shingles are selected in some documents only, and may pair them (here they do).
    const sampled = overlapCandidates({ count: texts.length, fingerprints: (d) => fps[d]! }, maxDf);
    expect(sampled.pairs.length).toBeGreaterThanOrEqual(3);
    expect(sampled.boilerplate.length).toBeLessThanOrEqual(got.boilerplate.length);
  });

  test('on a 5-document corpus a quote shared by 3 documents is content', () => {
    const rand = rng(7);
    const vocab = vocabulary(rand, 300, '');
    const quote = draw(rand, vocabulary(rand, 50, 'q'), 20);
    const texts = [0, 1, 2, 3, 4].map((d) => {
      const body = draw(rand, vocab, 150);
      return build(rand, d < 3 ? plant(body, quote, 40 + d * 20) : body).text;
    });
    const fps = texts.map(fingerprintsOf);
    const got = overlapCandidates({ count: 5, fingerprints: (d) => fps[d]! }, resolveMaxDf(undefined, 5));
    expect([...got.pairs]).toEqual([0 * 5 + 1, 0 * 5 + 2, 1 * 5 + 2]);
    expect(got.boilerplate.length).toBe(0);
    for (const s of got.shared) expect(s).toBeGreaterThanOrEqual(1);
  });
});

describe('overlapCandidates with a pair budget', () => {
  // 40 documents: fingerprint 1 in documents 0-29 (df 30, 435 pair increments), 2 in 0-24
  // (df 25, 300), 3 in 30 and 31 (df 2, 1).
  const lists = Array.from({ length: 40 }, (_, d) => [...(d < 30 ? [1] : []), ...(d < 25 ? [2] : []), ...(d === 30 || d === 31 ? [3] : [])]);
  const input = { count: 40, fingerprints: (d: number) => Uint32Array.from(lists[d]!) };
  const run = (budget: number) => overlapCandidates(input, 40, budget);

  test('without a budget (or a large one) the cut-off is maxDf', () => {
    for (const got of [overlapCandidates(input, 40), run(736)]) {
      expect(got.maxDf).toBe(40);
      expect([...got.boilerplate]).toEqual([]);
      expect(got.pairs.length).toBe(435 + 1);
    }
  });

  test('the cut-off is the largest df whose pairs fit the budget', () => {
    const got = run(735); // 1 + 300 fit, + 435 do not
    expect(got.maxDf).toBe(29);
    expect([...got.boilerplate]).toEqual([1]);
    expect([...got.boilerplateDf]).toEqual([30]);
    expect(got.pairs.length).toBe(300 + 1);
    expect(got).toEqual(run(301));
  });

  test('the default budget: 50 per document, never under 5M (small corpora are never cut short)', () => {
    expect(pairBudget(1_000)).toBe(5_000_000);
    expect(pairBudget(100_000)).toBe(5_000_000);
    expect(pairBudget(1_000_000)).toBe(50_000_000);
  });

  test('with groups, a cut-off costs the pairs its lists make across groups', () => {
    // Documents 0-29 hold fingerprint 1 as 23 groups: documents 0-7 are one group (copies of one
    // story), the others one each. df 23; 30·29/2 − 8·7/2 = 407 pairs, not 435.
    const group = Uint32Array.from({ length: 40 }, (_, d) => (d < 8 ? 0 : d));
    const grouped = (budget: number) => candidateIndex(prepareOverlapIndex(input), undefined, 40, budget, false, group);
    expect(grouped(Infinity).maxDf).toBe(40);
    // Fingerprint 2: documents 0-24, 18 groups, 300 − 28 = 272 pairs; fingerprint 3: 1 pair.
    expect(grouped(1 + 272 + 407).maxDf).toBe(40);
    expect(grouped(1 + 272 + 406).maxDf).toBe(22);
    expect([...grouped(1 + 272 + 406).boilerplate]).toEqual([1]);
    expect([...grouped(1 + 272 + 406).boilerplateDf]).toEqual([23]);
    const made = new CandidateMaker(grouped(1 + 272)).make(0, 40);
    expect(made.pairs.length).toBe(272 + 1);
  });

  test('it never goes below 20 documents', () => {
    for (const [budget, cut] of [[300, 24], [10, 24], [0, 20]] as const) {
      const got = run(budget);
      expect(got.maxDf).toBe(cut);
      expect([...got.boilerplate]).toEqual([1, 2]);
      expect([...got.pairs]).toEqual([30 * 40 + 31]);
    }
  });
});

describe('documentFrequencies', () => {
  test('counts each document once per key, and counts over parts of the corpus add up', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 25 }), { minLength: 1, maxLength: 12 }), fc.nat(), (docs, cut) => {
        const keys = Uint32Array.from(new Set(docs.flat().filter((h) => h % 3 !== 0))).sort();
        const sh = (d: number): Uint32Array => Uint32Array.from(docs[d]!);
        const whole = documentFrequencies(keys, sh, 0, docs.length);
        keys.forEach((k, r) => expect(whole[r]).toBe(docs.filter((d) => d.includes(k)).length));
        const at = cut % (docs.length + 1);
        const left = documentFrequencies(keys, sh, 0, at);
        const right = documentFrequencies(keys, sh, at, docs.length);
        expect([...whole]).toEqual([...left].map((x, r) => x + right[r]!));
      }),
      { numRuns: 200 },
    );
  });
});

describe('resolveMaxDf', () => {
  test('default: max(20, ceil(sqrt(n)))', () => {
    expect(resolveMaxDf(undefined, 0)).toBe(20);
    expect(resolveMaxDf(undefined, 5)).toBe(20);
    expect(resolveMaxDf(undefined, 30)).toBe(20);
    expect(resolveMaxDf(undefined, 900)).toBe(30);
    expect(resolveMaxDf(undefined, 10_000)).toBe(100);
    expect(resolveMaxDf(undefined, 1_000_000)).toBe(1000);
  });

  test('a count is used as is; a fraction is taken of the corpus, at least 2', () => {
    expect(resolveMaxDf(25, 1000)).toBe(25);
    expect(resolveMaxDf(2, 3)).toBe(2);
    expect(resolveMaxDf(0.05, 1000)).toBe(50);
    expect(resolveMaxDf(0.001, 100)).toBe(2);
  });

  test('anything else is a usage error', () => {
    for (const bad of [0, 1, 1.5, -3, Number.NaN, Number.POSITIVE_INFINITY]) {
      let caught: unknown;
      try {
        resolveMaxDf(bad, 100);
      } catch (error) {
        caught = error;
      }
      expect(isDedupeError(caught) && caught.code === 'E_USAGE').toBe(true);
    }
  });
});

describe('sortedHashSet', () => {
  test('finds exactly the members', () => {
    const has = sortedHashSet(Uint32Array.of(3, 10, 0xfffffffe));
    expect([3, 10, 0xfffffffe].every(has)).toBe(true);
    expect([0, 4, 11, 0xffffffff].some(has)).toBe(false);
    expect(sortedHashSet(new Uint32Array(0))(0)).toBe(false);
  });
});

describe('documentFrequenciesOfSets', () => {
  test('counts the documents holding each key (a Map count), whatever the blocks, parts, range of keys and of documents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constantFrom(0, 0xffffffff)), { maxLength: 60 }), { maxLength: 20 }),
        fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 220 }), fc.constantFrom(0, 0xffffffff)), { maxLength: 80 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 50 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (docs, keyList, block, chunk, cut, x, y, spread) => {
          // Small values, or the same spread over the whole 32-bit range (blocks found by top bits).
          const value = (v: number): number => (spread ? Math.imul(v, 0x9e3779b1) >>> 0 : v);
          const sets = docs.map((d) => Uint32Array.from(d, value).sort());
          const keys = Uint32Array.from(keyList, value).sort();
          // A worker counts a contiguous range of the keys, over a range of documents.
          const part = keys.subarray(keys.length === 0 ? 0 : cut % keys.length);
          const from = x % (sets.length + 1);
          const to = from + (y % (sets.length - from + 1));
          const count = new Map<number, number>();
          for (let d = from; d < to; d++) for (const h of sets[d]!) count.set(h, (count.get(h) ?? 0) + 1);
          const want = [...part].map((k) => count.get(k) ?? 0);
          expect([...documentFrequenciesOfSets(part, (d) => sets[d]!, from, to, block, chunk)]).toEqual(want);
          expect([...documentFrequenciesOfSets(part, (d) => sets[d]!, from, to)]).toEqual(want);
          expect([...documentFrequencies(part, (d) => sets[d]!, from, to)]).toEqual(want);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('sortedHashSet', () => {
  test('answers as a Set does, small (binary search) or large (table), 0 and 2^32 - 1 included', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 0xffffffff)), { maxLength: 16 }),
          fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 0xffffffff)), { minLength: 17, maxLength: 400, size: 'large' }),
        ),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 0xffffffff)), { maxLength: 50 }),
        (members, others) => {
          const sorted = Uint32Array.from(members).sort();
          const has = sortedHashSet(sorted);
          const set = new Set(members);
          for (const h of [...members, ...others]) expect(has(h)).toBe(set.has(h));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('sortEntriesByHash', () => {
  test('leaves (document, hash) entries in the order a sort of the 64-bit values gives (hash, then document)', () => {
    fc.assert(
      fc.property(
        // Documents ascending (as prepareOverlapIndex fills them); hashes from a few values (long
        // runs of equal hashes, digits shared by all) or any 32-bit value.
        fc.array(fc.tuple(fc.nat({ max: 3 }), fc.oneof(fc.constantFrom(0, 1, 255, 256, 0x01000000, 0xffffffff), fc.integer({ min: 0, max: 0xffffffff }))), { maxLength: 300 }),
        (steps) => {
          const total = steps.length;
          const words = new Uint32Array(2 * total);
          let doc = 0;
          steps.forEach(([gap, hash], i) => {
            doc += gap;
            words[2 * i] = doc;
            words[2 * i + 1] = hash;
          });
          const want = new BigUint64Array(words.slice().buffer).sort();
          sortEntriesByHash(words, total);
          expect([...new BigUint64Array(words.buffer)]).toEqual([...want]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
