/**
 * The byte writers of the render threads must give exactly the UTF-8 of what JSON.stringify and
 * the string writers (pairLines) give: any text, any cut of it (a surrogate pair cut in two
 * included), any number, every record layout.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { JsonBytes } from '../../src/report/json-bytes.js';
import { pairLines, share } from '../../src/report/json.js';
import { idBytes, renderPacked, unpackPairs, type RenderRequest } from '../../src/parallel/render-protocol.js';

/** Strings with every kind of code unit: ASCII, control characters, quotes, backslashes, 2- and 3-byte characters, pairs and lone surrogates. */
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }),
  fc.constantFrom(0, 8, 9, 10, 12, 13, 0x1f, 0x22, 0x5c, 0x7f, 0x80, 0x7ff, 0x800, 0x2028, 0xfeff, 0xffff, 0xd800, 0xdbff, 0xdc00, 0xdfff),
  fc.integer({ min: 0x80, max: 0xffff }),
);
const text = fc.oneof(
  fc.array(unit, { maxLength: 60 }).map((units) => String.fromCharCode(...units)),
  // Surrogates in every order: pairs, lone highs and lows, a low before a high.
  fc.array(fc.constantFrom(0xd800, 0xdbff, 0xdc00, 0xdfff, 0x41), { maxLength: 12 }).map((units) => String.fromCharCode(...units)),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('JsonBytes', () => {
  test('string(text, from, to) is the UTF-8 of JSON.stringify(text.slice(from, to))', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, x, y) => {
        const from = x % (t.length + 1);
        const to = from + (y % (t.length - from + 1));
        const out = new JsonBytes(16);
        out.ascii('[');
        out.string(t, from, to);
        // JSON.stringify escapes a lone surrogate, so its output is always well-formed UTF-16.
        expect(Buffer.from(out.bytes()).equals(utf8(`[${JSON.stringify(t.slice(from, to))}`))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('int writes integers as String does, others as JSON.stringify does', () => {
    const cases = [0, 1, 9, 10, 99, 100, 12345, 999_999_999, 1_000_000_000, 0xffffffff, 2 ** 32, -1, -42, 1.5, NaN, Infinity];
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(...cases)), (x) => {
        const out = new JsonBytes(4);
        out.int(x);
        expect(Buffer.from(out.bytes()).toString()).toBe(JSON.stringify(x));
      }),
      { numRuns: 1000 },
    );
  });

  test('share writes what share (json.ts) does', () => {
    const cases = [0, 1, 0.5, 0.1, 0.000001, 0.0000004, 0.0000005, 0.9999994, 0.9999996, 0.12345649, 0.0045, 1 / 3, 2 / 3, -0.2, 1.7, NaN];
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...cases)), (x) => {
        const out = new JsonBytes(4);
        out.share(x);
        expect(Buffer.from(out.bytes()).toString()).toBe(share(x));
      }),
      { numRuns: 2000 },
    );
  });

  test('grows past its first capacity without losing bytes', () => {
    const out = new JsonBytes(16);
    const long = 'x"é\n'.repeat(5000);
    out.string(long);
    out.ascii(',');
    out.int(123);
    expect(Buffer.from(out.bytes()).toString()).toBe(`${JSON.stringify(long)},123`);
  });
});

describe('renderPacked', () => {
  /** A random request over documents with texts `texts`: pairs with and without coverage, article Jaccard and passages. */
  const request = (texts: string[]) =>
    fc
      .array(
        fc.record({
          a: fc.nat({ max: texts.length - 1 }),
          b: fc.nat({ max: texts.length - 1 }),
          kind: fc.nat({ max: 2 }),
          scores: fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.5)), { minLength: 6, maxLength: 6 }),
          coverage: fc.boolean(),
          article: fc.boolean(),
          passages: fc.option(fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 1000 }), fc.nat({ max: 9 })), { maxLength: 4 }), { nil: undefined }),
        }),
        { maxLength: 12 },
      )
      .chain((pairs) =>
        fc.record({ first: fc.nat({ max: 3 }), layout: fc.constantFrom('json' as const, 'jsonl' as const) }).map(({ first, layout }): RenderRequest => {
          const meta = new Int32Array(4 * pairs.length);
          const nums = new Float64Array(6 * pairs.length);
          const ints: number[] = [];
          pairs.forEach((p, i) => {
            meta.set([p.a, p.b, p.kind, p.passages ? p.passages.length : -1], 4 * i);
            nums.set(p.scores, 6 * i);
            if (!p.coverage) nums[6 * i + 3] = NaN;
            if (!p.article) nums[6 * i + 5] = NaN;
            const len = texts[p.a]!.length;
            for (const [x, y, words, gaps] of p.passages ?? []) {
              const start = x % (len + 1);
              const end = start + (y % (len - start + 1));
              ints.push(start, end, words, words + 7, words, gaps);
            }
          });
          return { seq: 0, first, layout, meta, nums, ints: Int32Array.from(ints) };
        }),
      );

  test('writes the UTF-8 of pairLines over the unpacked pairs, in JSON and JSON Lines', () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 5 }),
        fc.array(fc.oneof(fc.string(), text), { minLength: 5, maxLength: 5 }),
        (texts, names) =>
          fc.assert(
            fc.property(request(texts), (req) => {
              const ids = texts.map((_, i) => JSON.stringify(`${names[i]!}#${i}`));
              const out = new JsonBytes(8);
              renderPacked(req, idBytes(ids), (d) => texts[d]!, out);
              const want = pairLines(ids, unpackPairs(req, (d) => texts[d]!), req.first, req.layout);
              expect(Buffer.from(out.bytes()).equals(utf8(want))).toBe(true);
            }),
            { numRuns: 20 },
          ),
      ),
      { numRuns: 100 },
    );
  });
});
