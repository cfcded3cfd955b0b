/**
 * Degenerate documents: no crash, sensible output, exit 0.
 *
 * Decisions (docs/bad-input.md): documents without words (empty, whitespace, punctuation,
 * emoji only, script-only HTML) are kept in the report with 0 tokens and named on stderr as
 * "not compared". A document shorter than a shingle has one shingle made of all its words, so
 * two identical one-word documents ARE duplicates (Jaccard 1): they have the same text.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { makeBadFixtures } from '../../scripts/make-bad-fixtures.mjs';
import { ROOT, expectNoCrash, makeTmp, parseJson, removeTmp, runCli, warnings, type JsonReport } from '../cli/run-cli.js';

let tmp: string;
let deg: string;
let big: string;
let report: JsonReport;
let stderr: string;

beforeAll(async () => {
  tmp = await makeTmp('dedupe-degenerate-');
  await (makeBadFixtures as (dir: string) => Promise<string[]>)(tmp);
  deg = path.join(tmp, 'degenerate');
  big = path.join(tmp, 'big');
  await mkdir(big);
  await writeFile(path.join(big, 'huge-word.txt'), 'a'.repeat(1 << 20)); // one 1 MB word
  const words = Array.from({ length: 3000 }, (_, i) => `v${i.toString(36)}`);
  const line: string[] = [];
  for (let n = 0, i = 0; n < 10 * 1024 * 1024; i++) {
    const w = words[(i * 7919 + (i >> 12)) % words.length]!;
    line.push(w);
    n += w.length + 1;
  }
  await writeFile(path.join(big, 'ten-mb-line.txt'), line.join(' ')); // 10 MB, no newline
  const r = await runCli([path.relative(ROOT, deg), path.join(tmp, 'html'), big, '--json']);
  expectNoCrash(r);
  expect(r.code).toBe(0);
  report = parseJson(r);
  stderr = r.stderr;
}, 60_000);
afterAll(() => removeTmp(tmp));

const doc = (name: string): JsonReport['documents'][number] => {
  const d = report.documents.find((x) => x.id.endsWith(`/${name}`));
  if (!d) throw new Error(`no document ${name}`);
  return d;
};

describe('degenerate documents', () => {
  it('documents without words are reported on stderr as not compared, and kept in the report with 0 tokens', () => {
    const w = warnings(stderr);
    expect(w.filter((l) => l.endsWith('empty.txt: empty document; not compared'))).toHaveLength(1);
    for (const n of ['whitespace.txt', 'punctuation.txt', 'emoji-only.txt']) {
      expect(w.filter((l) => l.endsWith(`${n}: no words in document; not compared`))).toHaveLength(1);
      expect(doc(n).tokens).toBe(0);
      expect(doc(n).shingles).toBe(0);
    }
    expect(w.filter((l) => l.endsWith('script-only.html: empty document; not compared'))).toHaveLength(1);
    expect(report.stats.empty).toBe(5);
    // Documents without shingles never pair with anything.
    const empties = new Set(report.documents.filter((d) => d.tokens === 0).map((d) => d.id));
    for (const p of report.pairs) expect(empties.has(p.a) || empties.has(p.b)).toBe(false);
  });

  it('names 20 documents without words, then counts the rest (--verbose names all; the report lists all)', async () => {
    const input = Array.from({ length: 45 }, (_, i) => JSON.stringify({ id: `e${i}`, text: i % 2 ? '' : '— !!! —' })).join('\n');
    const r = await runCli(['-', '--stdin-format', 'jsonl', '--json'], { input });
    expect(r.code).toBe(0);
    expect(warnings(r.stderr).filter((l) => l.endsWith('document; not compared'))).toHaveLength(20);
    expect(r.stderr).toContain('dedupe: 25 more documents without words not shown (--verbose shows them; the report lists all with tokens: 0)\n');
    expect(parseJson(r).documents.filter((d) => d.tokens === 0)).toHaveLength(45);
    const all = await runCli(['-', '--stdin-format', 'jsonl', '--json', '--verbose'], { input });
    expect(warnings(all.stderr).filter((l) => l.endsWith('document; not compared'))).toHaveLength(45);
  });

  it('a document shorter than a shingle has one shingle; two identical one-word documents are duplicates', () => {
    expect(doc('short.txt')).toMatchObject({ tokens: 2, shingles: 1 });
    expect(doc('one-word-a.txt')).toMatchObject({ tokens: 1, shingles: 1 });
    const c = report.clusters.find((x) => x.members.some((m) => m.endsWith('one-word-a.txt')));
    expect(c?.members.map((m) => path.basename(m))).toEqual(['one-word-a.txt', 'one-word-b.txt']);
  });

  it('one enormous word, one repeated word, a 10 MB single line, combining marks: read without trouble', () => {
    expect(doc('huge-word.txt')).toMatchObject({ tokens: 1, shingles: 1, chars: 1 << 20 });
    expect(doc('repeated-word.txt')).toMatchObject({ tokens: 2000, shingles: 1 });
    expect(doc('ten-mb-line.txt').tokens).toBeGreaterThan(2_000_000);
    expect(doc('combining-marks.txt').tokens).toBe(2);
    expect(doc('unclosed.html').tokens).toBe(8);
  });

  it('the options that change the text path cope too (char shingles, stemming, stop words, extreme sizes)', async () => {
    const combos = [
      ['--unit', 'char'],
      ['--stem', '--stopwords', '--lang', 'en'],
      ['--no-overlap', '-k', '1'],
      ['-k', '64', '--min-passage', '64', '--num-perm', '1', '--sketch', 'classic'],
    ];
    for (const extra of combos) {
      const r = await runCli([deg, path.join(tmp, 'html'), '--json', ...extra]);
      expectNoCrash(r);
      expect(r.code, extra.join(' ')).toBe(0);
      expect(parseJson(r).documents.length).toBe(report.documents.length - 2);
    }
  }, 60_000);
});
