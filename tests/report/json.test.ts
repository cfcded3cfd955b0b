import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../../src/dedupe.js';
import { documentIds, jsonReport, pairJson, pairRecord, round, share, writeJson, writeJsonl, SCHEMA_VERSION } from '../../src/report/json.js';
import fc from 'fast-check';
import { doc, fixtureDocs, seeds } from '../pipeline/helpers.js';

describe('JSON report', () => {
  const r = findDuplicates(seeds());

  it('streams in chunks that parse to exactly the report object', () => {
    const chunks: string[] = [];
    writeJson(r, (s) => chunks.push(s), { timings: false });
    expect(chunks.length).toBeGreaterThan(10); // never one giant string
    expect(JSON.parse(chunks.join(''))).toEqual(jsonReport(r, { timings: false }));
  });

  it('writes JSON Lines records that each parse, params first and summary last', () => {
    const chunks: string[] = [];
    writeJsonl(r, (s) => chunks.push(s), { timings: false });
    const lines = chunks.join('').trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; version?: number });
    expect(lines[0]!.type).toBe('params');
    expect(lines[0]!.version).toBe(SCHEMA_VERSION);
    expect(lines.at(-1)!.type).toBe('summary');
    expect(lines.filter((l) => l.type === 'document')).toHaveLength(5);
    expect(lines.filter((l) => l.type === 'pair')).toHaveLength(r.pairs.length);
  });

  it('adds timings only when asked (byte-reproducible otherwise)', () => {
    expect(jsonReport(r, { timings: false }).stats).not.toHaveProperty('timings');
    expect(jsonReport(r, { timings: true, seconds: 1 }).stats).toHaveProperty('timings');
  });

  it('writes each pair (pairJson) exactly as JSON.stringify writes its record', () => {
    // A shared passage full of what JSON must escape: quotes, backslashes, control characters,
    // U+2028, a lone surrogate, and ids that need escaping too.
    const odd = 'He said "stop" \\ then\tleft \u2028 at \ud800 dawn \u0001 again; "quotes" and C:\\path\\to\\file remain';
    const shared = `${odd} ${'the long shared passage goes on and on for a while '.repeat(3)}`;
    const mixed = [
      doc('q"uote\\one', `Intro words of the first piece. ${shared} The end of one.`),
      doc('two\n', `Another opening here entirely different. ${shared} Closing words for two, also different.`),
      doc('three', `${shared}`),
    ];
    const runs = [
      findDuplicates(seeds()),
      findDuplicates(seeds(), { overlap: false }),
      findDuplicates(fixtureDocs('fixtures/multilingual')),
      findDuplicates(mixed),
    ];
    let passages = 0;
    for (const run of runs) {
      const ids = documentIds(run);
      for (const p of run.pairs) {
        expect(pairJson(ids, p)).toBe(JSON.stringify(pairRecord(run, p)));
        expect(pairJson(ids, p, '"type":"pair",')).toBe(JSON.stringify({ type: 'pair', ...pairRecord(run, p) }));
        passages += p.passages?.length ?? 0;
      }
    }
    // A duplicate made one by its articles carries article_jaccard, after jaccard.
    const withArticle = { ...runs[0]!.pairs[0]!, articleJaccard: 0.9312345 };
    const ids0 = documentIds(runs[0]!);
    expect(pairJson(ids0, withArticle)).toBe(JSON.stringify(pairRecord(runs[0]!, withArticle)));
    expect(Object.keys(JSON.parse(pairJson(ids0, withArticle))).slice(3, 5)).toEqual(['jaccard', 'article_jaccard']);
    expect(JSON.parse(pairJson(ids0, withArticle)).article_jaccard).toBe(0.931235);
    expect(runs[1]!.pairs.length).toBeGreaterThan(0);
    expect(runs[3]!.pairs.some((p) => p.passages?.some((q) => q.text.includes('"stop" \\ then\tleft \u2028 at \ud800')))).toBe(true);
    expect(passages).toBeGreaterThan(8);
  });

  it('writes shares (share) exactly as JSON.stringify writes the rounded number', () => {
    const edges = [0, 1, 0.5, 1e-7, 4.9e-7, 5e-7, 1e-6, 0.0000015, 0.1, 0.123456, 0.1234565, 0.9999994, 0.9999995, 0.999999, 1 / 3, 2 / 3, 0.7, 1.5, -0.25, Number.NaN];
    for (const x of edges) expect(share(x), String(x)).toBe(JSON.stringify(round(x)) ?? 'null');
    for (let k = 0; k <= 1e6; k += 7) expect(share(k / 1e6)).toBe(JSON.stringify(round(k / 1e6)));
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (x) => share(x) === JSON.stringify(round(x))),
      { numRuns: 20000 },
    );
  });
});
