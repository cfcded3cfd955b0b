import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../../src/dedupe.js';
import { readInputs } from '../../src/io/read-inputs.js';
import { htmlToText } from '../../src/io/html.js';
import type { SourceDoc } from '../../src/types.js';
import { doc, editWords, fixtureDocs, root, seeds, text } from './helpers.js';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as OpenCC from 'opencc-js';

const ids = (r: ReturnType<typeof findDuplicates>, members: readonly number[]): string[] =>
  members.map((m) => path.basename(r.documents[m]!.id));

describe('duplicates on the seed corpus', () => {
  const r = findDuplicates(seeds());

  it('finds exactly one duplicate cluster, {000, 001}, with Jaccard ≈ 0.96', () => {
    expect(r.clusters).toHaveLength(1);
    const c = r.clusters[0]!;
    expect(ids(r, c.members)).toEqual(['000_8e656ef614cc4b96.txt', '001_642219283869cf8a.txt']);
    expect(c.derived).toEqual([]);
    const dup = r.pairs.filter((p) => p.kind === 'duplicate');
    expect(dup).toHaveLength(1);
    expect(dup[0]!.jaccard).toBeGreaterThan(0.95);
    expect(dup[0]!.jaccard).toBeLessThan(0.97);
  });

  it('keeps the longest copy by default, the first or shortest when asked', () => {
    const longest = r.documents[r.clusters[0]!.keep]!;
    expect(longest.chars).toBe(Math.max(r.documents[0]!.chars, r.documents[1]!.chars));
    const first = findDuplicates(seeds(), { keep: 'first', overlap: false });
    expect(first.clusters[0]!.keep).toBe(0);
    const shortest = findDuplicates(seeds(), { keep: 'shortest', overlap: false });
    expect(shortest.documents[shortest.clusters[0]!.keep]!.chars).toBe(Math.min(r.documents[0]!.chars, r.documents[1]!.chars));
  });

  it('reports only verified pairs: every duplicate pair is at or above the threshold by exact Jaccard', () => {
    const loose = findDuplicates(seeds(), { threshold: 0.3, overlap: false });
    for (const p of loose.pairs) expect(p.jaccard).toBeGreaterThanOrEqual(0.3);
  });

  it('does not cluster different articles about the same event (002, 003, 004)', () => {
    const clustered = new Set(r.clusters.flatMap((c) => c.members));
    for (const i of [2, 3, 4]) expect(clustered.has(i)).toBe(false);
  });
});

describe('copies a user would call duplicates', () => {
  const base = text('fixtures/seeds/002_93d5165a94d3fa71.txt');
  const other = text('fixtures/seeds/004_866d47ab6ad8327c.txt');

  it('finds a copy with ~2% and ~3% of words edited, not one with 50%', () => {
    const r = findDuplicates(
      [doc('orig', base), doc('edit2', editWords(base, 0.02, 1)), doc('edit3', editWords(base, 0.03, 2)), doc('edit50', editWords(base, 0.5, 3))],
      { overlap: false },
    );
    expect(r.clusters).toHaveLength(1);
    expect(ids(r, r.clusters[0]!.members)).toEqual(['orig', 'edit2', 'edit3']);
  });

  it('finds a copy with another site header and footer', () => {
    const copy = `Daily Herald — Home | World | Politics | Sport\nShare this article\n\n${base}\n\nRelated stories: Markets rally as oil falls. Subscribe to our newsletter. © 2021 Daily Herald. All rights reserved.`;
    const r = findDuplicates([doc('orig', base), doc('copy', copy), doc('other', other)]);
    expect(r.clusters).toHaveLength(1);
    expect(ids(r, r.clusters[0]!.members)).toEqual(['orig', 'copy']);
    expect(r.pairs.find((p) => p.kind === 'duplicate')!.jaccard).toBeGreaterThan(0.8);
  });

  it('finds a story on two sites\' HTML pages whatever the page around it, and keeps a site\'s other story apart', () => {
    const paragraphs = (t: string): string => t.split(/\n+/).map((p) => `<p>${p}</p>`).join('\n');
    const headlines = (site: string): string =>
      Array.from({ length: 12 }, (_, i) => `<li><a href="/${i}">${site} exclusive: ${['council', 'weather', 'markets', 'football'][i % 4]} story number ${i} of the week, read the full report here</a></li>`).join('');
    // Each site's page: a masthead with its name and slogan, trending links, a box of most-read
    // stories and a long footer: ~300 words of chrome, more than a short story. One site marks
    // its chrome with header, aside and footer; the other uses plain divs and marks only <main>.
    const page = (site: string, story: string, semantic: boolean): string => {
      const [header, aside, footer] = semantic ? ['header', 'aside', 'footer'] : ['div', 'div', 'div'];
      return (
        `<html><head><title>${site}</title></head><body><${header}><h2>${site}</h2><p>Independent news from the valley since 1901, read by everyone who matters in the region and beyond</p><ul>${headlines(`${site} trending`)}</ul></${header}>` +
        `<main><h1>Story</h1>${paragraphs(story)}</main><${aside}><h3>Most read</h3><ul>${headlines(`${site} most read`)}</ul></${aside}>` +
        `<${footer}><p>About ${site}: founded by readers for readers, ${site} publishes local, national and international news, opinion and analysis every day of the year. Contact the newsroom, advertise with us, read our privacy policy, terms of use and cookie policy, or subscribe to the morning newsletter.</p></${footer}></body></html>`
      );
    };
    const htmlDoc = (id: string, html: string): SourceDoc => ({ id, path: id, format: 'html', text: htmlToText(html), bytes: html.length });
    const docs = [htmlDoc('gazette-story.html', page('Valley Gazette', base, true)), htmlDoc('post-story.html', page('River Post', base, false)), doc('story.txt', base), htmlDoc('gazette-other.html', page('Valley Gazette', other, true))];
    const r = findDuplicates(docs);
    expect(r.clusters.map((c) => ids(r, c.members))).toEqual([['gazette-story.html', 'post-story.html', 'story.txt']]);
    for (const p of r.pairs.filter((x) => x.kind === 'duplicate')) expect(p.jaccard).toBeGreaterThan(0.99);
    // The other story shares no page chrome with the first: no overlap reported between them.
    expect(r.pairs.filter((p) => p.a === 3 || p.b === 3)).toEqual([]);
  });

  it('clusters the same article given as .txt, .html and a .jsonl record', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dedupe-formats-'));
    copyFileSync(path.join(root, 'fixtures/io/article.txt'), path.join(dir, 'a.txt'));
    copyFileSync(path.join(root, 'fixtures/io/article.html'), path.join(dir, 'b.html'));
    writeFileSync(
      path.join(dir, 'c.jsonl'),
      `${JSON.stringify({ id: 'x', text: 'An unrelated short note about the weather in Oslo, which was cold and grey all week long.' })}\n` +
        `${JSON.stringify({ id: 'art', text: text('fixtures/io/article.txt') })}\n`,
    );
    const docs: SourceDoc[] = [];
    const opts = { include: [], exclude: [], textField: 'text', idField: 'id', stdinFormat: 'text' as const, maxDocBytes: 1e8, strict: false, cwd: dir };
    for await (const d of readInputs(['.'], opts, () => {})) docs.push(d);
    expect(docs.map((d) => d.id)).toEqual(['a.txt', 'b.html', 'c.jsonl#x', 'c.jsonl#art']);
    const r = findDuplicates(docs);
    expect(r.clusters).toHaveLength(1);
    expect(r.clusters[0]!.members.map((m) => docs[m]!.id)).toEqual(['a.txt', 'b.html', 'c.jsonl#art']);
  });
});

describe('duplicates the LSH bands miss', () => {
  it('are found by the overlap stage, verified, and join their cluster', () => {
    const base = text('fixtures/seeds/002_93d5165a94d3fa71.txt');
    const docs = [doc('orig', base), doc('edit2', editWords(base, 0.02, 1)), doc('other', text('fixtures/seeds/004_866d47ab6ad8327c.txt'))];
    // One band of all 128 rows: only identical signatures are candidates, so the LSH stage misses
    // the edited copy (Jaccard ~0.8).
    const strict = { bands: 1, rows: 128 };
    expect(findDuplicates(docs, { ...strict, overlap: false }).clusters).toEqual([]);
    const r = findDuplicates(docs, strict);
    expect(r.clusters.map((c) => ids(r, c.members))).toEqual([['orig', 'edit2']]);
    expect(r.clusters[0]!.derived).toEqual([]);
    const dup = r.pairs.filter((p) => p.kind === 'duplicate');
    expect(dup).toHaveLength(1);
    expect(dup[0]!.jaccard).toBeGreaterThan(0.7);
    expect(dup[0]!.passages!.length).toBeGreaterThan(0);
    expect(r.stats.duplicatePairs).toBe(1);
    // No reported pair has an exact Jaccard at or above the threshold without being a duplicate.
    for (const p of findDuplicates(seeds(), strict).pairs) expect(p.kind === 'duplicate').toBe(p.jaccard >= 0.6);
  });
});

describe('copies disguised to defeat exact matching', () => {
  it('finds a copy with Cyrillic look-alike letters and zero-width characters slipped into its words', () => {
    const base = text('fixtures/seeds/002_93d5165a94d3fa71.txt');
    const lookalike: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043e', p: '\u0440', c: '\u0441', x: '\u0445', T: '\u0422', H: '\u041d' };
    let n = 0;
    // Every third candidate letter swapped; a zero-width space or joiner after every fourth long word's third letter.
    const disguised = base
      .replace(/[aeopcxTH]/g, (ch) => (n++ % 3 === 0 ? lookalike[ch]! : ch))
      .replace(/\b(\w{3})(\w{3,})/g, (m, a: string, b: string) => (n++ % 4 === 0 ? `${a}${n % 8 === 0 ? '\u200b' : '\u2060'}${b}` : m));
    expect(disguised).not.toBe(base);
    const r = findDuplicates([doc('orig', base), doc('disguised', disguised), doc('other', text('fixtures/seeds/004_866d47ab6ad8327c.txt'))]);
    expect(r.clusters.map((c) => ids(r, c.members))).toEqual([['orig', 'disguised']]);
    expect(r.pairs.find((p) => p.kind === 'duplicate')!.jaccard).toBe(1);
  });
});

describe('any script', () => {
  const langs = ['ru', 'ur', 'ar', 'zh'];
  for (const lang of langs) {
    it(`finds ${lang} near-copies and keeps different ${lang} texts apart`, () => {
      const [a, b] = [text(`fixtures/multilingual/${lang}-a.txt`), text(`fixtures/multilingual/${lang}-b.txt`)];
      // Chinese has no spaces: edit characters instead of space-separated words.
      const edit = (s: string): string =>
        lang === 'zh' ? s.replace('市长', '官员').replace('专家', '学者') : editWords(s, 0.02, 11);
      const docs = [doc('a', a), doc('b', b), doc('a-copy', `${edit(a)}\n\n${lang === 'zh' ? '责任编辑：王明' : 'Source: agency'}`)];
      const r = findDuplicates(docs);
      expect(r.clusters).toHaveLength(1);
      expect(ids(r, r.clusters[0]!.members)).toEqual(['a', 'a-copy']);
      expect(r.pairs.filter((p) => p.kind === 'duplicate')).toHaveLength(1);
      expect(r.pairs.some((p) => (p.a === 0 && p.b === 1) || (p.a === 1 && p.b === 0))).toBe(false);
    });
  }
});

describe('Chinese in traditional characters', () => {
  it('finds a mainland story republished in Hong Kong characters, and keeps another story apart', () => {
    const zh = text('fixtures/multilingual/zh-a.txt');
    const hk = OpenCC.Converter({ from: 'cn', to: 'hk' })(zh);
    const twOther = OpenCC.Converter({ from: 'cn', to: 'tw' })(text('fixtures/multilingual/zh-b.txt'));
    expect(hk).not.toBe(zh);
    const r = findDuplicates([doc('cn', zh), doc('hk', hk), doc('tw-other', twOther)]);
    expect(r.clusters.map((c) => ids(r, c.members))).toEqual([['cn', 'hk']]);
    expect(r.pairs.find((p) => p.kind === 'duplicate')!.jaccard).toBe(1);
    expect(r.pairs.some((p) => p.b === 2 || p.a === 2)).toBe(false);
  });
});

describe('copies without diacritics', () => {
  it('finds a French article copied by a site that writes without accents (and œ as oe)', () => {
    const fr = text('fixtures/multilingual/fr-a.txt');
    const plain = fr.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/g, 'oe');
    expect(plain).not.toBe(fr);
    const r = findDuplicates([doc('fr', fr), doc('plain', plain), doc('other', text('fixtures/seeds/004_866d47ab6ad8327c.txt'))]);
    expect(r.clusters.map((c) => ids(r, c.members))).toEqual([['fr', 'plain']]);
    const pair = r.pairs.find((p) => p.kind === 'duplicate')!;
    expect(pair.jaccard).toBe(1);
  });
});

describe('copies from typeset text', () => {
  it('finds an article re-wrapped at 60 columns with words hyphenated across the line breaks', () => {
    const base = text('fixtures/seeds/002_93d5165a94d3fa71.txt');
    let wrapped = '';
    let column = 0;
    for (const w of base.split(/\s+/)) {
      if (column + w.length > 60 && /^[a-z]{7,}$/.test(w)) {
        const k = w.length >> 1;
        wrapped += ` ${w.slice(0, k)}-\n${w.slice(k)}`;
        column = w.length - k;
      } else {
        wrapped += column + w.length > 60 ? `\n${w}` : ` ${w}`;
        column = column + w.length > 60 ? w.length : column + w.length + 1;
      }
    }
    expect(wrapped.match(/-\n/g)!.length).toBeGreaterThan(15);
    const r = findDuplicates([doc('base', base), doc('wrapped', wrapped), doc('other', text('fixtures/seeds/004_866d47ab6ad8327c.txt'))]);
    expect(r.clusters.map((c) => ids(r, c.members))).toEqual([['base', 'wrapped']]);
    expect(r.pairs.find((p) => p.kind === 'duplicate')!.jaccard).toBe(1);
  });
});

describe('copies with HTML character references', () => {
  it('finds an article scraped with its apostrophes, quotes and spaces left as references', () => {
    const base = text('fixtures/seeds/002_93d5165a94d3fa71.txt');
    const scraped = base.replace(/'/g, '&#39;').replace(/’/g, '&amp;#8217;').replace(/"/g, '&quot;').replace(/\. /g, '.&nbsp;').replace(/, /g, ',&#32;');
    expect(scraped.match(/&[#a-z0-9]+;/g)!.length).toBeGreaterThan(30);
    const r = findDuplicates([doc('base', base), doc('scraped', scraped), doc('other', text('fixtures/seeds/004_866d47ab6ad8327c.txt'))]);
    expect(r.clusters.map((c) => ids(r, c.members))).toEqual([['base', 'scraped']]);
    expect(r.pairs.find((p) => p.kind === 'duplicate')!.jaccard).toBe(1);
  });
});

describe('copies across Arabic-script sites', () => {
  it('finds an Urdu article re-typed with Arabic letter forms, diacritics and Arabic-Indic digits', () => {
    const urdu = text('fixtures/multilingual/ur-a.txt');
    const arabicForms = urdu.replace(/ی/g, 'ي').replace(/ک/g, 'ك').replace(/ہ/g, 'ه').replace(/ا/g, 'اَ');
    const r = findDuplicates([doc('urdu', urdu), doc('retyped', arabicForms), doc('other', text('fixtures/multilingual/ur-b.txt'))], { overlap: false });
    expect(r.clusters.map((c) => c.members)).toEqual([[0, 1]]);
    expect(r.pairs[0]!.jaccard).toBe(1);
  });
});

describe('degenerate documents', () => {
  it('reports empty and word-less documents without clustering them together', () => {
    const r = findDuplicates([doc('e1', ''), doc('e2', ''), doc('p', '!!! ---'), doc('w1', 'word'), doc('w2', 'word'), doc('s', text('fixtures/seeds/004_866d47ab6ad8327c.txt'))]);
    expect(r.stats.empty).toBe(3);
    const clustered = r.clusters.flatMap((c) => c.members);
    expect(clustered).not.toContain(0);
    expect(clustered).not.toContain(1);
    expect(clustered).not.toContain(2);
    // two one-word documents are identical texts: a duplicate pair (Jaccard 1 over their single shingle)
    expect(r.clusters.map((c) => c.members)).toEqual([[3, 4]]);
  });

  it('fingerprints a document shorter than a shingle on what it has', () => {
    const r = findDuplicates([doc('a', 'three short words'), doc('b', 'Three short words!'), doc('c', 'three other words')], { overlap: false });
    expect(r.clusters.map((c) => c.members)).toEqual([[0, 1]]);
    expect(r.documents[0]!.shingles).toBe(1);
  });
});

describe('determinism', () => {
  it('gives the same result for the same inputs, and the seed changes only signatures, not verified pairs', () => {
    const a = findDuplicates(fixtureDocs('fixtures/seeds'));
    const b = findDuplicates(fixtureDocs('fixtures/seeds'));
    const strip = (r: typeof a) => JSON.stringify({ ...r, stats: { ...r.stats, timings: {} }, text: undefined });
    expect(strip(a)).toBe(strip(b));
    const c = findDuplicates(fixtureDocs('fixtures/seeds'), { seed: 12345 });
    expect(c.pairs.map((p) => [p.a, p.b, p.kind, p.jaccard])).toEqual(a.pairs.map((p) => [p.a, p.b, p.kind, p.jaccard]));
  });
});
