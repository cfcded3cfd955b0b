import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { alignPair, alignPrepared, prepareAlignDoc, type Alignment, type AlignOptions } from '../../src/overlap/align.js';
import { overlapCandidates, resolveMaxDf, sortedHashSet } from '../../src/overlap/fingerprint-index.js';
import { windowFor, winnow } from '../../src/overlap/winnow.js';
import { normalizeText } from '../../src/text/normalize.js';
import { shingleSequence } from '../../src/text/shingle.js';
import { tokenize } from '../../src/text/tokenize.js';
import type { Tokens } from '../../src/types.js';
import { build, draw, plant, rng, vocabulary } from './helpers.js';

const K = 5;
const OPTIONS: AlignOptions = { minPassage: 10, maxGap: 4 };

const SEEDS = ['000_8e656ef614cc4b96', '001_642219283869cf8a', '002_93d5165a94d3fa71', '003_3e4a754f6ef9631a', '004_866d47ab6ad8327c'];
const seedTexts = SEEDS.map((name) => readFileSync(new URL(`../../fixtures/seeds/${name}.txt`, import.meta.url), 'utf8'));
const seedTokens = seedTexts.map((text) => tokenize(text));

function alignSeeds(a: number, b: number, options: AlignOptions = OPTIONS): Alignment {
  return alignPair(seedTexts[a]!, seedTokens[a]!, seedTexts[b]!, seedTokens[b]!, K, options);
}

function normalized(text: string): string {
  return normalizeText(text, tokenize(text));
}

/** Checks every invariant the Alignment contract states. */
function checkInvariants(textA: string, tokA: Tokens, textB: string, tokB: Tokens, result: Alignment, options: AlignOptions): void {
  let coveredA = 0;
  let coveredB = 0;
  let prevAEnd = -1;
  const bRanges: [number, number][] = [];
  for (const p of result.passages) {
    expect(p.a.start).toBeGreaterThan(prevAEnd - 1);
    expect(p.a.start).toBeLessThan(p.a.end);
    expect(p.b.start).toBeLessThan(p.b.end);
    prevAEnd = p.a.end;
    expect(p.text).toBe(textA.slice(p.a.start, p.a.end));
    expect(p.words).toBeGreaterThanOrEqual(options.minPassage);
    const t = p.tokens;
    expect(p.words).toBe(t.aEnd - t.aStart);
    expect(p.a).toEqual({ start: tokA.starts[t.aStart], end: tokA.ends[t.aEnd - 1] });
    expect(p.b).toEqual({ start: tokB.starts[t.bStart], end: tokB.ends[t.bEnd - 1] });
    expect(tokenize(p.text).count).toBe(p.words);
    if (p.gaps === 0) expect(normalized(p.text)).toBe(normalized(textB.slice(p.b.start, p.b.end)));
    bRanges.push([p.b.start, p.b.end]);
    coveredA += t.aEnd - t.aStart;
    coveredB += t.bEnd - t.bStart;
  }
  bRanges.sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < bRanges.length; i++) expect(bRanges[i]![0]).toBeGreaterThanOrEqual(bRanges[i - 1]![1]);
  expect(result.coveredA).toBe(coveredA);
  expect(result.coveredB).toBe(coveredB);
}

describe('alignPair on the seed corpus', () => {
  test('003 and 001 share the passage about the criminal leaders of the Zionist regime', () => {
    const { passages } = alignSeeds(3, 1);
    const phrase =
      'the insistence of the criminal leaders of the Zionist regime on continuing their aggression against the nation, the land and the';
    // 003 capitalizes the first word ("The insistence …"); 001 has the phrase as is.
    const p = passages.find((q) => q.text.toLowerCase().includes(phrase.toLowerCase()));
    expect(p).toBeDefined();
    expect(seedTexts[1]!.slice(p!.b.start, p!.b.end)).toContain(phrase);
  });

  test('003 and 002 share the passage about the brutal crimes', () => {
    const { passages } = alignSeeds(3, 2);
    const phrase = 'to prevent the Zionist enemy from continuing its brutal crimes against the Palestinian people and its land and';
    expect(passages.some((p) => p.text.includes(phrase))).toBe(true);
    // The same passage read from 002's side.
    const p = passages.find((q) => q.text.includes(phrase))!;
    expect(seedTexts[2]!.slice(p.b.start, p.b.end)).toContain(phrase);
  });

  test('000 and 001 (the same article) cover more than 90 % of each other', () => {
    const r = alignSeeds(0, 1);
    expect(r.coveredA / seedTokens[0]!.count).toBeGreaterThan(0.9);
    expect(r.coveredB / seedTokens[1]!.count).toBeGreaterThan(0.9);
  });

  test('every pair satisfies the contract: offsets, order, disjointness, coverage', () => {
    for (let a = 0; a < SEEDS.length; a++) {
      for (let b = 0; b < SEEDS.length; b++) {
        if (a === b) continue;
        for (const options of [OPTIONS, { minPassage: 8, maxGap: 0 }, { minPassage: 12, maxGap: 2 }]) {
          const r = alignSeeds(a, b, options);
          checkInvariants(seedTexts[a]!, seedTokens[a]!, seedTexts[b]!, seedTokens[b]!, r, options);
        }
      }
    }
  });

  test('a document aligned with itself is one passage covering it all', () => {
    const r = alignSeeds(4, 4);
    expect(r.passages).toHaveLength(1);
    expect(r.coveredA).toBe(seedTokens[4]!.count);
    expect(r.passages[0]!.gaps).toBe(0);
  });

  test('an excerpt (the first 40 %) covers itself and 40 % of its article', () => {
    const article = seedTexts[4]!;
    const tokens = seedTokens[4]!;
    const cut = tokens.ends[Math.floor(tokens.count * 0.4) - 1]!;
    const excerpt = article.slice(0, cut);
    const tokEx = tokenize(excerpt);
    const r = alignPair(excerpt, tokEx, article, tokens, K, OPTIONS);
    expect(r.coveredA / tokEx.count).toBeGreaterThan(0.99);
    expect(r.coveredB / tokens.count).toBeGreaterThan(0.38);
    expect(r.coveredB / tokens.count).toBeLessThan(0.42);
  });

  test('prepared documents give the same result, and results are deterministic', () => {
    const docs = seedTexts.map((t, i) => prepareAlignDoc(t, seedTokens[i]!, K));
    for (const [a, b] of [[3, 1], [0, 1], [2, 3], [0, 2]] as const) {
      expect(alignPrepared(docs[a]!, docs[b]!, OPTIONS)).toEqual(alignSeeds(a, b));
      expect(alignSeeds(a, b)).toEqual(alignSeeds(a, b));
    }
  });
});

describe('alignPair on planted passages', () => {
  const rand = rng(2024);
  const fillA = draw(rand, vocabulary(rand, 400, 'a'), 120);
  const fillB = draw(rand, vocabulary(rand, 400, 'b'), 150);
  const quote = draw(rand, vocabulary(rand, 400, 'q'), 40);

  test('one changed word inside a 40-word quote: one passage with maxGap >= 1, two with maxGap = 0', () => {
    const changed = [...quote];
    changed[20] = 'zzzchanged';
    const A = build(rand, plant(fillA, quote, 50));
    const B = build(rand, plant(fillB, changed, 70));
    const tokA = tokenize(A.text);
    const tokB = tokenize(B.text);
    const merged = alignPair(A.text, tokA, B.text, tokB, K, { minPassage: 10, maxGap: 1 });
    expect(merged.passages).toHaveLength(1);
    expect(merged.passages[0]!.words).toBe(40);
    expect(merged.passages[0]!.gaps).toBe(1);
    expect(merged.passages[0]!.a).toEqual({ start: A.starts[50], end: A.ends[89] });
    expect(merged.passages[0]!.b).toEqual({ start: B.starts[70], end: B.ends[109] });
    const split = alignPair(A.text, tokA, B.text, tokB, K, { minPassage: 10, maxGap: 0 });
    expect(split.passages.map((p) => p.words)).toEqual([20, 19]);
    expect(split.passages.every((p) => p.gaps === 0)).toBe(true);
    checkInvariants(A.text, tokA, B.text, tokB, merged, { minPassage: 10, maxGap: 1 });
  });

  test('an inserted word and a deleted word are bridged too', () => {
    const inserted = [...quote.slice(0, 15), 'zzzextra', ...quote.slice(15, 30), ...quote.slice(31)];
    const A = build(rand, plant(fillA, quote, 10));
    const B = build(rand, plant(fillB, inserted, 10));
    const r = alignPair(A.text, tokenize(A.text), B.text, tokenize(B.text), K, { minPassage: 10, maxGap: 2 });
    expect(r.passages).toHaveLength(1);
    expect(r.passages[0]!.words).toBe(40);
    expect(r.passages[0]!.gaps).toBe(2);
    expect(r.coveredB).toBe(40);
  });

  test('passages shorter than minPassage are dropped', () => {
    const A = build(rand, plant(fillA, quote.slice(0, 9), 30));
    const B = build(rand, plant(fillB, quote.slice(0, 9), 30));
    const tokA = tokenize(A.text);
    const tokB = tokenize(B.text);
    expect(alignPair(A.text, tokA, B.text, tokB, K, { minPassage: 10, maxGap: 4 }).passages).toHaveLength(0);
    expect(alignPair(A.text, tokA, B.text, tokB, K, { minPassage: 9, maxGap: 4 }).passages).toHaveLength(1);
  });

  test('a quote moved elsewhere in B is still found, in A order', () => {
    const second = draw(rand, vocabulary(rand, 400, 'r'), 30);
    const A = build(rand, plant(plant(fillA, second, 100), quote, 10)); // quote first, then second
    const B = build(rand, plant(plant(fillB, quote, 120), second, 5)); // second first, then quote
    const r = alignPair(A.text, tokenize(A.text), B.text, tokenize(B.text), K, OPTIONS);
    expect(r.passages.map((p) => p.words)).toEqual([40, 30]);
    expect(r.passages[0]!.b.start).toBeGreaterThan(r.passages[1]!.b.start);
  });

  test('a passage repeated twice in B is reported once (passages are disjoint on both sides)', () => {
    const A = build(rand, plant(fillA, quote, 60));
    const B = build(rand, plant(plant(fillB, quote, 100), quote, 20));
    const tokA = tokenize(A.text);
    const tokB = tokenize(B.text);
    const r = alignPair(A.text, tokA, B.text, tokB, K, OPTIONS);
    expect(r.passages).toHaveLength(1);
    expect(r.passages[0]!.b.start).toBe(B.starts[20]);
    checkInvariants(A.text, tokA, B.text, tokB, r, OPTIONS);
  });

  test('repetitive text seeds nothing, but runs through it are found from the text around it', () => {
    const la = Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? 'la' : 'lo'));
    const A = build(rand, [...la, ...quote, ...la]);
    const B = build(rand, [...la.slice(0, 100), ...quote, ...fillB]);
    const tokA = tokenize(A.text);
    const tokB = tokenize(B.text);
    const r = alignPair(A.text, tokA, B.text, tokB, K, OPTIONS);
    // "la lo" shingles occur far more than MAX_OCCURRENCES times: they seed nothing. The run
    // seeded by the quote walks back through them to the start of B.
    expect(r.passages).toHaveLength(1);
    const p = r.passages[0]!;
    expect(p.gaps).toBe(0);
    expect(p.tokens).toEqual({ aStart: 200, aEnd: 340, bStart: 0, bEnd: 140 });
    checkInvariants(A.text, tokA, B.text, tokB, r, OPTIONS);
  });

  test('documents shorter than k align when identical; empty documents never', () => {
    const a = 'Hello, world!';
    const b = 'hello   WORLD';
    const r = alignPair(a, tokenize(a), b, tokenize(b), K, { minPassage: 2, maxGap: 0 });
    expect(r.passages).toHaveLength(1);
    expect(r.passages[0]!.a).toEqual({ start: 0, end: 12 });
    expect(r.passages[0]!.b).toEqual({ start: 0, end: 13 });
    const c = 'hello there';
    expect(alignPair(a, tokenize(a), c, tokenize(c), K, { minPassage: 1, maxGap: 0 }).passages).toHaveLength(0);
    expect(alignPair('', tokenize(''), a, tokenize(a), K, { minPassage: 1, maxGap: 0 }).passages).toHaveLength(0);
  });
});

describe('alignPair with a boilerplate predicate', () => {
  test('a shared footer is cut out; the shared quote stays', () => {
    const rand = rng(99);
    const vocab = vocabulary(rand, 300, '');
    const footer = draw(rand, vocabulary(rand, 60, 'f'), 25);
    const quote = draw(rand, vocabulary(rand, 60, 'q'), 30);
    const texts: string[] = [];
    for (let d = 0; d < 32; d++) {
      let body = draw(rand, vocab, 100 + Math.floor(rand() * 100));
      if (d < 2) body = plant(body, quote, 40);
      // Docs 0 and 1 end with the same word: their shared run is that word plus the footer.
      texts.push(build(rand, [...body, d < 2 ? 'samelast' : `last${d}`, ...footer]).text);
    }
    const toks = texts.map((t) => tokenize(t));
    const shingles = toks.map((t) => shingleSequence(t.hashes, t.count, K));
    const w = windowFor(OPTIONS.minPassage, K);
    const fps = shingles.map((s) => winnow(s, w).hashes);
    const cand = overlapCandidates(
      { count: texts.length, fingerprints: (d) => fps[d]!, shingles: (d) => shingles[d]! },
      resolveMaxDf(undefined, texts.length),
    );
    expect([...cand.pairs]).toEqual([0 * 32 + 1]);

    const plain = alignPair(texts[0]!, toks[0]!, texts[1]!, toks[1]!, K, OPTIONS);
    expect(plain.passages.map((p) => p.words)).toEqual([30, 26]);
    const options = { ...OPTIONS, boilerplate: sortedHashSet(cand.boilerplate) };
    const clean = alignPair(texts[0]!, toks[0]!, texts[1]!, toks[1]!, K, options);
    expect(clean.passages.map((p) => p.words)).toEqual([30]);
    expect(normalized(clean.passages[0]!.text)).toBe(quote.join(' '));
    checkInvariants(texts[0]!, toks[0]!, texts[1]!, toks[1]!, clean, options);

    // A pair sharing only the footer has no passage at all.
    const none = alignPair(texts[5]!, toks[5]!, texts[9]!, toks[9]!, K, options);
    expect(none.passages).toHaveLength(0);
    expect(alignPair(texts[5]!, toks[5]!, texts[9]!, toks[9]!, K, OPTIONS).passages).toHaveLength(1);
  });

  test('a quote running into boilerplate keeps the quote', () => {
    const rand = rng(5);
    const quote = draw(rand, vocabulary(rand, 200, 'q'), 30);
    const footer = draw(rand, vocabulary(rand, 200, 'f'), 20);
    const A = build(rand, [...draw(rand, vocabulary(rand, 200, 'a'), 50), ...quote, ...footer]);
    const B = build(rand, [...draw(rand, vocabulary(rand, 200, 'b'), 70), ...quote, ...footer]);
    const ft = tokenize(footer.join(' '));
    const footerShingles = toSorted(shingleSequence(ft.hashes, ft.count, K));
    const tokA = tokenize(A.text);
    const tokB = tokenize(B.text);
    const r = alignPair(A.text, tokA, B.text, tokB, K, { ...OPTIONS, boilerplate: sortedHashSet(footerShingles) });
    expect(r.passages).toHaveLength(1);
    // The quote is kept whole; at most w - 1 tokens of the footer's start stay attached to it.
    const p = r.passages[0]!;
    expect(p.a.start).toBe(A.starts[50]);
    expect(p.words).toBeGreaterThanOrEqual(30);
    expect(p.words).toBeLessThan(30 + windowFor(OPTIONS.minPassage, K));
  });
});

function toSorted(a: Uint32Array): Uint32Array {
  return Uint32Array.from(a).sort();
}
