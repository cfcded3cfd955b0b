/**
 * Property tests (fast-check) of the pure core on arbitrary Unicode: nothing throws; token
 * offsets are inside the text, ascending, non-empty and on code-point boundaries; identical
 * inputs give identical signatures; Jaccard is symmetric and in [0, 1]; passages lie inside
 * both texts. Strings mix full-range code points with the troublemakers: lone surrogates,
 * stacks of combining marks, RTL scripts and marks, CJK, emoji sequences, joiners.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_OCCURRENCES, SeededAligner, alignPair, alignSeeded, sortSeeds, type SeedDoc } from '../../src/overlap/align.js';
import { winnow } from '../../src/overlap/winnow.js';
import { overlapCandidates } from '../../src/overlap/fingerprint-index.js';
import { EMPTY, classicCoefficients, signatureClassic, signatureOph } from '../../src/sketch/minhash.js';
import { setSimilarity } from '../../src/sketch/similarity.js';
import { hashToken } from '../../src/text/hash.js';
import { loadTokenFilter } from '../../src/text/languages.js';
import { normalizeToken } from '../../src/text/normalize.js';
import { shingleSequence, toShingleSet } from '../../src/text/shingle.js';
import { scanTokens, tokenize } from '../../src/text/tokenize.js';
import type { Tokens } from '../../src/types.js';

/** Runs per property; DEDUPE_PROPERTY_RUNS=20000 for a deeper local hunt. */
const RUNS = { numRuns: Number(process.env.DEDUPE_PROPERTY_RUNS ?? 300) };

const pick = (chars: string): fc.Arbitrary<string> => fc.constantFrom(...Array.from(chars));

/** Pieces of hostile text. */
const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }), // any code point, astral included
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), // a lone surrogate
  fc.string({ unit: pick('\u0300\u0301\u0308\u0327\u0338\u20dd\u1ab0\u0651\u064e\u05b7'), minLength: 1, maxLength: 8 }), // combining marks
  fc.string({ unit: pick('שלוםעבריתسلامعربيةفارسیاردو\u200f\u200e\u202b\u202c\u061c'), minLength: 1, maxLength: 10 }), // RTL and bidi marks
  fc.string({ unit: pick('中文字漢語日本語ひらがなカタカナ한국어'), minLength: 1, maxLength: 10 }), // CJK
  fc.constantFrom('😀', '👍🏽', '👩‍👩‍👧‍👦', '🇫🇷', '1️⃣', '🏳️‍🌈', '\u{1F9D1}\u200D\u{1F4BB}'), // emoji sequences
  fc.constantFrom("don't", 'l’homme', 'co\u00adop', 'a\u200db', 'Straße', 'ΣΊΣΥΦΟΣ', 'ﬁne', 'Ｆｕｌｌ', 'İstanbul', 'ǅ'), // joiners, folds
  fc.string({ unit: pick('abc XYZ 019-_.,;:!?\'"()\n\t\r'), maxLength: 12 }), // ASCII words and punctuation
  fc.string({ unit: pick(' \u00a0\u2003\u3000\u2028\u2029\ufeff\u200b'), minLength: 1, maxLength: 3 }), // odd spaces
  // character references (whole, broken, doubly encoded, out of range) and line-break hyphens
  fc.constantFrom('&amp;', '&#39;', 'caf&eacute;', '&amp;#8217;', '&amp;quot;', '&#xD800;', '&#0;', '&#20013;', '&quot;', 'a&b;', '&nbsp;', '&shy;', '&#x', '&;', '&amp', '-\n', '-\r\n  ', 'x-\ny', 'É-\nÀ', '\u00ad\n', '\u2010\nb'),
);

/** Arbitrary hostile text. */
const text = fc.oneof(
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 3, arbitrary: fc.array(piece, { maxLength: 40 }).map((ps) => ps.join('')) },
);

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
/** True when `i` splits a surrogate pair of `s`. */
const splitsPair = (s: string, i: number): boolean => i > 0 && i < s.length && isHigh(s.charCodeAt(i - 1)) && isLow(s.charCodeAt(i));

/** Checks the offset invariants of a tokenization of `s`. */
function checkOffsets(s: string, t: Tokens): void {
  expect(t.count).toBeLessThanOrEqual(t.hashes.length);
  let prevEnd = 0;
  for (let i = 0; i < t.count; i++) {
    const start = t.starts[i]!;
    const end = t.ends[i]!;
    expect(start).toBeGreaterThanOrEqual(prevEnd); // ascending, not overlapping
    expect(start).toBeLessThan(end); // never empty
    expect(end).toBeLessThanOrEqual(s.length); // inside the text
    expect(splitsPair(s, start), `token ${i} starts inside a surrogate pair`).toBe(false);
    expect(splitsPair(s, end), `token ${i} ends inside a surrogate pair`).toBe(false);
    prevEnd = end;
  }
}

const stemmer = loadTokenFilter('en', true, true);

describe('tokenize', () => {
  it('never throws; offsets inside the text, non-empty, ascending, on code-point boundaries', () => {
    fc.assert(
      fc.property(text, (s) => {
        checkOffsets(s, tokenize(s));
      }),
      RUNS,
    );
  });

  it('the same with stemming and stop words', () => {
    fc.assert(
      fc.property(text, (s) => {
        checkOffsets(s, tokenize(s, stemmer));
      }),
      RUNS,
    );
  });

  it('the plain scanner hands over to the full one where it must: the same tokens as the full scanner alone', () => {
    // Mostly ASCII prose, so that the plain scanner goes some way before what it does not handle.
    const prose = fc
      .array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom('word ', 'Two ', "it's ", 'x', '-', '. ', '\n', "'", ' 42 ', '“', '—', '’', 'infor-\nmation ', 'co\u2010\nop ', 'co\u00ad\nop ', "l'été ", 'AT&T ', 'caf&eacute; ', "'’", "'\u00ad", '’’', '\u00ad') }, { weight: 1, arbitrary: piece }), { maxLength: 60 })
      .map((ps) => ps.join(''));
    fc.assert(
      fc.property(fc.oneof(text, prose), (s) => {
        const plain = scanTokens(s);
        const full = scanTokens(s, false);
        expect(plain.count).toBe(full.count);
        expect(plain.quarters).toBe(full.quarters);
        expect([...plain.hashes.subarray(0, plain.count)]).toEqual([...full.hashes.subarray(0, full.count)]);
        expect([...plain.starts.subarray(0, plain.count)]).toEqual([...full.starts.subarray(0, full.count)]);
        expect([...plain.ends.subarray(0, plain.count)]).toEqual([...full.ends.subarray(0, full.count)]);
      }),
      RUNS,
    );
  });

  it('is deterministic, and each token hash is hashToken(normalizeToken(its slice))', () => {
    fc.assert(
      fc.property(text, (s) => {
        const a = tokenize(s);
        const b = tokenize(s);
        expect(b.count).toBe(a.count);
        for (let i = 0; i < a.count; i++) {
          expect(b.hashes[i]).toBe(a.hashes[i]);
          expect(a.hashes[i]).toBe(hashToken(normalizeToken(s.slice(a.starts[i], a.ends[i]))));
        }
      }),
      RUNS,
    );
  });

  it('tokens of a text are found again in a copy embedded in other text (offsets shift, hashes do not)', () => {
    fc.assert(
      fc.property(text, (s) => {
        const t = tokenize(s);
        const u = tokenize(`\n${s}\n`);
        expect(u.count).toBe(t.count);
        for (let i = 0; i < t.count; i++) {
          expect(u.hashes[i]).toBe(t.hashes[i]);
          expect(u.starts[i]).toBe(t.starts[i]! + 1);
        }
      }),
      RUNS,
    );
  });
});

describe('normalizeToken', () => {
  it('never throws on any string and returns a string', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(typeof normalizeToken(s)).toBe('string');
      }),
      RUNS,
    );
  });

  it('folds case and compatibility forms the same way for equivalent spellings', () => {
    expect(normalizeToken('Straße')).toBe(normalizeToken('STRASSE'));
    expect(normalizeToken('ﬁne')).toBe('fine');
    expect(normalizeToken('Ｆｕｌｌ')).toBe('full');
    expect(normalizeToken('e\u0301')).toBe(normalizeToken('\u00e9'));
    expect(normalizeToken("don't")).toBe('dont');
  });
});

describe('shingles', () => {
  it('shingleSequence has max(count − k + 1, 1) entries (0 for no tokens); toShingleSet is its sorted distinct values', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 12 }), (s, k) => {
        const t = tokenize(s);
        const seq = shingleSequence(t.hashes, t.count, k);
        expect(seq.length).toBe(t.count === 0 ? 0 : Math.max(t.count - k + 1, 1));
        const set = toShingleSet(seq);
        for (let i = 1; i < set.length; i++) expect(set[i - 1]!).toBeLessThan(set[i]!);
        expect([...set]).toEqual([...new Set(seq)].sort((x, y) => x - y));
        expect(shingleSequence(t.hashes, t.count, k)).toEqual(seq); // deterministic
      }),
      RUNS,
    );
  });
});

describe('signatures', () => {
  const hashSet = fc.uniqueArray(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 300 }).map((xs) => Uint32Array.from(xs));

  it('identical sets give identical signatures, whatever their order and repeats (OPH and classic)', () => {
    fc.assert(
      fc.property(hashSet, fc.integer({ min: 1, max: 256 }), fc.integer({ min: 0, max: 0xffffffff }), (set, k, seed) => {
        const shuffled = Uint32Array.from([...set].reverse().concat([...set].slice(0, 3)));
        const coeffs = classicCoefficients(k, seed);
        const oph = signatureOph(set, k, seed);
        expect(oph).toHaveLength(k);
        expect(signatureOph(shuffled, k, seed)).toEqual(oph);
        expect(signatureOph(Uint32Array.from(set), k, seed)).toEqual(oph);
        const classic = signatureClassic(set, coeffs);
        expect(classic).toHaveLength(k);
        expect(signatureClassic(shuffled, classicCoefficients(k, seed))).toEqual(classic);
        // Empty only for the empty set.
        const empty = (sig: Uint32Array): boolean => sig.every((v) => v === EMPTY);
        expect(empty(oph)).toBe(set.length === 0);
        if (set.length === 0) expect(empty(classic)).toBe(true);
      }),
      RUNS,
    );
  });

  it('identical texts give identical signatures', () => {
    fc.assert(
      fc.property(text, (s) => {
        const set = (x: string): Uint32Array => {
          const t = tokenize(x);
          return toShingleSet(shingleSequence(t.hashes, t.count, 3));
        };
        expect(signatureOph(set(s), 64, 1)).toEqual(signatureOph(set(String(s)), 64, 1));
      }),
      RUNS,
    );
  });
});

describe('setSimilarity', () => {
  const sortedSet = fc
    .uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 120 })
    .map((xs) => Uint32Array.from(xs.sort((a, b) => a - b)));

  it('Jaccard is symmetric and in [0, 1]; containments swap; J(A, A) = 1 for non-empty A', () => {
    fc.assert(
      fc.property(sortedSet, sortedSet, (a, b) => {
        const ab = setSimilarity(a, b);
        const ba = setSimilarity(b, a);
        expect(ab.jaccard).toBe(ba.jaccard);
        expect(ab.aInB).toBe(ba.bInA);
        expect(ab.bInA).toBe(ba.aInB);
        for (const x of [ab.jaccard, ab.aInB, ab.bInA]) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
        }
        const exact = new Set(a);
        const inter = [...b].filter((x) => exact.has(x)).length;
        const union = a.length + b.length - inter;
        expect(ab.jaccard).toBe(union === 0 ? 0 : inter / union);
        expect(setSimilarity(a, a).jaccard).toBe(a.length === 0 ? 0 : 1);
      }),
      RUNS,
    );
  });
});

describe('alignPair', () => {
  /** Two texts that share some material: a common middle wrapped in different hostile text. */
  const pair = fc
    .tuple(text, text, text, fc.array(fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'épsilon', '中', '😀', 'שלום'), { maxLength: 60 }))
    .map(([x, y, z, words]) => {
      const shared = words.join(' ');
      return [`${x} ${shared} ${y}`, `${z} ${shared}`] as const;
    });

  it('never throws; passages lie inside both texts, are ordered and disjoint, quote A exactly', () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 5 }), ([ta, tb], k, minPassage, maxGap) => {
        const a = tokenize(ta);
        const b = tokenize(tb);
        const r = alignPair(ta, a, tb, b, k, { minPassage, maxGap });
        let prevA = 0;
        const bRanges: [number, number][] = [];
        for (const p of r.passages) {
          expect(0 <= p.a.start && p.a.start < p.a.end && p.a.end <= ta.length).toBe(true);
          expect(0 <= p.b.start && p.b.start < p.b.end && p.b.end <= tb.length).toBe(true);
          expect(p.a.start).toBeGreaterThanOrEqual(prevA);
          prevA = p.a.end;
          bRanges.push([p.b.start, p.b.end]);
          expect(p.text).toBe(ta.slice(p.a.start, p.a.end));
          expect(p.words).toBeGreaterThanOrEqual(minPassage);
          for (const [s, side] of [[p.a.start, ta], [p.a.end, ta], [p.b.start, tb], [p.b.end, tb]] as const) {
            expect(splitsPair(side, s)).toBe(false);
          }
        }
        bRanges.sort((x, y) => x[0] - y[0]);
        for (let i = 1; i < bRanges.length; i++) expect(bRanges[i]![0]).toBeGreaterThanOrEqual(bRanges[i - 1]![1]);
        expect(r.coveredA).toBeLessThanOrEqual(a.count);
        expect(r.coveredB).toBeLessThanOrEqual(b.count);
      }),
      RUNS,
    );
  });

  it('a text aligned with itself is one passage covering all its tokens (when it has at least minPassage of them)', () => {
    fc.assert(
      fc.property(text, (s) => {
        const t = tokenize(s);
        const r = alignPair(s, t, s, t, 3, { minPassage: 1, maxGap: 0 });
        if (t.count === 0) {
          expect(r.passages).toEqual([]);
          return;
        }
        for (const p of r.passages) expect(p.b).toEqual(p.a);
        // Unless some shingle is too repetitive to seed (> MAX_OCCURRENCES), the diagonal wins whole.
        const counts = new Map<number, number>();
        for (const h of shingleSequence(t.hashes, t.count, 3)) counts.set(h, (counts.get(h) ?? 0) + 1);
        if (Math.max(...counts.values()) <= MAX_OCCURRENCES) {
          expect(r.passages).toHaveLength(1);
          expect(r.coveredA).toBe(t.count);
          expect(r.passages[0]!.a).toEqual({ start: t.starts[0], end: t.ends[t.count - 1] });
        }
      }),
      RUNS,
    );
  });
});

describe('SeededAligner', () => {
  /** A document over a tiny vocabulary: many short shared runs, gaps and repeats between any two. */
  const doc = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 120 }).map((ws) => ws.join(' '));
  const seedDocOf = (s: string, k: number, w: number): SeedDoc => {
    const t = tokenize(s);
    const shingles = shingleSequence(t.hashes, t.count, k);
    const win = winnow(shingles, w);
    return { shingles, count: t.count, ...sortSeeds(win.hashes, win.positions) };
  };

  it('candidate pairs with their shared hashes (overlapCandidates.hashes): alignOn gives what align gives', () => {
    let checked = 0;
    let several = 0;
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'), { maxLength: 80 }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 14 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 2, max: 6 }),
        (texts, k, minPassage, maxGap, maxDf) => {
          const w = Math.max(1, minPassage - k + 1);
          const docs = texts.map((ws) => seedDocOf(ws.join(' '), k, w));
          const cands = overlapCandidates({ count: docs.length, fingerprints: (d) => docs[d]!.seedHashes, shingles: (d) => docs[d]!.shingles }, maxDf);
          const bp = new Set(cands.boilerplate);
          const options = { minPassage, maxGap, boilerplate: (h: number) => bp.has(h) };
          const aligner = new SeededAligner(k, options, (h) => !bp.has(h));
          let from = 0;
          cands.pairs.forEach((p, i) => {
            const to = from + cands.shared[i]!;
            const a = Math.floor(p / docs.length);
            const b = p - a * docs.length;
            const want = new SeededAligner(k, options, (h) => !bp.has(h)).align(docs[a]!, docs[b]!);
            expect(aligner.alignOn(docs[a]!, docs[b]!, cands.hashes, from, to)).toEqual(want);
            // The index's hashes are all seeds: not asking the filter gives the same.
            expect(aligner.alignOn(docs[a]!, docs[b]!, cands.hashes, from, to, true)).toEqual(want);
            from = to;
            checked++;
            if (cands.shared[i]! > 1) several++;
          });
          expect(from).toBe(cands.hashes.length);
        },
      ),
      RUNS,
    );
    expect(checked).toBeGreaterThan(50);
    expect(several).toBeGreaterThan(0);
  });

  it('one aligner reused over many pairs gives what a fresh one gives for each pair', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 14 }),
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        (texts, k, minPassage, maxGap, withBoilerplate) => {
          const w = Math.max(1, minPassage - k + 1);
          const docs = texts.map((s) => seedDocOf(s, k, w));
          // A boilerplate predicate that holds for about a quarter of the hashes.
          const options = { minPassage, maxGap, ...(withBoilerplate ? { boilerplate: (h: number) => (h & 3) === 0 } : {}) };
          const reused = new SeededAligner(k, options);
          for (let x = 0; x < docs.length; x++) {
            for (let y = 0; y < docs.length; y++) {
              const once = alignSeeded(docs[x]!, docs[y]!, k, options);
              expect(reused.align(docs[x]!, docs[y]!)).toEqual(once);
              for (const p of once.pieces) expect(p.aEnd - p.aStart).toBeGreaterThanOrEqual(minPassage);
            }
          }
        },
      ),
      RUNS,
    );
  });
});
