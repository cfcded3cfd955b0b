import { describe, expect, it } from 'vitest';
import { findDuplicates, type DedupeResult } from '../../src/dedupe.js';
import { atEdges, contentBounds, radixSorted, recurringInPieces } from '../../src/overlap/frame.js';
import type { TokenPassage } from '../../src/overlap/align.js';
import type { SourceDoc } from '../../src/types.js';
import { doc, editWords, randomArticle, vocabulary } from './helpers.js';
import { writeText } from '../../src/report/text.js';
import { PLAIN } from '../../src/report/style.js';

// Plain-text pages of news sites: each site puts one header and one footer around every article.
const vocab = vocabulary(3000, 11);
const site = (s: number, words: number): { head: string; foot: string } => ({
  head: randomArticle(1000 + s, words, vocab),
  foot: randomArticle(2000 + s, words, vocab),
});
const page = (t: { head: string; foot: string }, body: string): string => `${t.head}\n\n${body}\n\n${t.foot}`;
/** `count` pages of site `t` named `${name}-${i}`, each around its own article of `words` words (seeds from `seed`). */
const pages = (t: { head: string; foot: string }, name: string, count: number, words: number, seed: number): SourceDoc[] =>
  Array.from({ length: count }, (_, i) => doc(`${name}-${i}`, page(t, randomArticle(seed + i, words, vocab))));
const ids = (r: DedupeResult, members: readonly number[]): string[] => members.map((m) => r.documents[m]!.id).sort();
const clusterIds = (r: DedupeResult): string[][] => r.clusters.map((c) => ids(r, c.members)).sort((x, y) => x[0]!.localeCompare(y[0]!));
/** The pair of the documents with ids x and y (x first in input order). */
const pairOf = (r: DedupeResult, x: string, y: string) => r.pairs.find((p) => r.documents[p.a]!.id === x && r.documents[p.b]!.id === y);
const pairIds = (r: DedupeResult): string[] => r.pairs.map((p) => `${r.documents[p.a]!.id}|${r.documents[p.b]!.id}|${p.kind}`);

describe('pages that share only their site template', () => {
  it('short articles inside a long site header and footer are not duplicates of each other', () => {
    // Header and footer of 150 words each around 60-word articles: any two pages have exact
    // Jaccard ~0.65, above the threshold.
    const t = site(1, 150);
    const docs = pages(t, 'brief', 8, 60, 100);
    const plain = findDuplicates(docs, { overlap: false });
    expect(plain.clusters).toHaveLength(1);
    expect(plain.pairs[0]!.jaccard).toBeGreaterThan(0.6);
    const r = findDuplicates(docs);
    expect(r.clusters).toEqual([]);
    expect(r.pairs).toEqual([]);
    expect(r.stats.templatePairs).toBeGreaterThanOrEqual(7);
  });

  it('the same when the template is frequent enough to be boilerplate', () => {
    // 25 long pages make the template boilerplate by frequency (df > 20); the short pages' pairs
    // then share nothing but boilerplate.
    const t = site(2, 150);
    const docs = [
      ...pages(t, 'brief', 6, 60, 200),
      ...pages(t, 'long', 25, 400, 300),
    ];
    const r = findDuplicates(docs);
    expect(r.stats.boilerplate.length).toBeGreaterThan(0);
    expect(r.clusters).toEqual([]);
    expect(r.pairs.filter((p) => p.kind === 'duplicate')).toEqual([]);
  });

  it('pages of one site do not overlap through the template, nor contain each other', () => {
    // 300-word template around 120-word articles: every pair of pages shares ~70% of each.
    const t = site(3, 300);
    const docs = pages(t, 'page', 10, 120, 400);
    const r = findDuplicates(docs);
    expect(r.pairs).toEqual([]);
    expect(r.clusters).toEqual([]);
    expect(r.stats.templatePairs).toBe(45);
  });

  it('the same when the footer ends with the site\'s copyright notice', () => {
    // The notice alone would be set aside (TemplateTest.withoutNotices); the header and footer
    // together are the template, and the header must not be left over as an "overlap".
    // A long header, and a short footer that is mostly the notice (a passage short enough to be one).
    const noticed = { head: site(6, 300).head, foot: `${randomArticle(2006, 14, vocab)} Copyright 2024 Site Six Media Group. All rights reserved.` };
    const r = findDuplicates(pages(noticed, 'page', 10, 120, 420));
    expect(r.pairs).toEqual([]);
    expect(r.stats.templatePairs).toBe(45);
  });

  it('keeps what pages of one site really share: a copy, an update, a quoted passage', () => {
    const t = site(4, 150);
    const article = randomArticle(500, 400, vocab);
    const paragraphs = article.split('. ');
    const quote = randomArticle(501, 40, vocab);
    const brief = randomArticle(507, 50, vocab);
    const docs = [
      // Other pages of the site, so that its header and footer recur.
      ...pages(t, 'other', 6, 300, 600),
      doc('story', page(t, article)),
      // Republished with a few words edited.
      doc('story-edited', page(t, editWords(article, 0.02, 7))),
      // Updated: one sentence in the middle rewritten.
      doc('story-update', page(t, [...paragraphs.slice(0, 14), randomArticle(502, 20, vocab), ...paragraphs.slice(15)].join('. '))),
      // A short article published twice: nearly all the shared text is the template, but neither
      // page has anything of its own.
      doc('brief', page(t, brief)),
      doc('brief-again', page(t, brief)),
      // Two different articles of the site quoting one passage.
      doc('quoting-1', page(t, `${randomArticle(503, 150, vocab)} ${quote} ${randomArticle(504, 150, vocab)}`)),
      doc('quoting-2', page(t, `${randomArticle(505, 150, vocab)} ${quote} ${randomArticle(506, 150, vocab)}`)),
    ];
    const r = findDuplicates(docs);
    expect(clusterIds(r)).toEqual([['brief', 'brief-again'], ['story', 'story-edited', 'story-update']]);
    const quoting = pairOf(r, 'quoting-1', 'quoting-2');
    expect(quoting?.kind).toBe('overlap');
    expect(quoting!.passages!.map((ps) => ps.words)).toContain(40);
    // Nothing else: no pair of pages through the template alone.
    expect(pairIds(r).filter((p) => p.includes('other-'))).toEqual([]);
  });

  it('keeps the first paragraph of a wire story reused by rewrites, and a closing paragraph', () => {
    // Seven outlets rewrite one wire story: each keeps its 60-word lede and writes the rest; five
    // more end with the same 50-word background paragraph. Shared at one edge of each, recurring:
    // reuse to report, not a template.
    const lede = randomArticle(1100, 60, vocab);
    const closing = randomArticle(1101, 50, vocab);
    const docs = [
      ...Array.from({ length: 7 }, (_, i) => doc(`rewrite-${i}`, `${lede} ${randomArticle(1110 + i, 300, vocab)}`)),
      ...Array.from({ length: 5 }, (_, i) => doc(`closing-${i}`, `${randomArticle(1120 + i, 300, vocab)} ${closing}`)),
    ];
    const r = findDuplicates(docs);
    expect(r.stats.templatePairs).toBe(0);
    expect(r.pairs.filter((p) => p.kind === 'overlap')).toHaveLength(21 + 10);
  });

  it('keeps one story published by several sites, each with its own header and footer', () => {
    const story = randomArticle(700, 300, vocab);
    const docs: SourceDoc[] = [];
    for (let s = 0; s < 4; s++) {
      const t = site(10 + s, 100);
      docs.push(...pages(t, `site${s}-page`, 6, 250, 800 + s * 10));
      docs.push(doc(`site${s}-story`, page(t, editWords(story, 0.01, s))));
    }
    const r = findDuplicates(docs);
    expect(clusterIds(r)).toEqual([['site0-story', 'site1-story', 'site2-story', 'site3-story']]);
    expect(pairIds(r).filter((p) => p.includes('-page'))).toEqual([]);
  });

  it('keeps a story that six sites carry when each site\'s template is boilerplate by frequency', () => {
    // 22 pages a site make its header and footer boilerplate (df > 20): each page's own text is
    // then the story alone, which the copies share from its first word to its last and which
    // recurs (six copies). One copy has a sentence rewritten (two passages, one at each edge,
    // the rewritten words between): its own text is that sentence, too short for an article.
    const story = randomArticle(710, 300, vocab);
    const sentences = story.split('. ');
    const rewritten = [...sentences.slice(0, 10), randomArticle(711, 14, vocab), ...sentences.slice(11)].join('. ');
    const docs: SourceDoc[] = [];
    for (let s = 0; s < 6; s++) {
      const t = site(20 + s, 60);
      docs.push(...pages(t, `site${s}-page`, 22, 250, 900 + s * 30));
      docs.push(doc(`site${s}-story`, page(t, s === 5 ? rewritten : s === 4 ? editWords(story, 0.02, s) : story)));
    }
    const r = findDuplicates(docs);
    expect(r.stats.boilerplate.length).toBeGreaterThan(0);
    expect(clusterIds(r)).toEqual([Array.from({ length: 6 }, (_, s) => `site${s}-story`)]);
    expect(pairIds(r).filter((p) => p.includes('-page'))).toEqual([]);
    expect(r.stats.templatePairs).toBe(0);
    // The sites' headers and footers keep the whole texts below the threshold; their articles
    // (the texts without that boilerplate) are duplicates, and so are the pages.
    expect(r.pairs).toHaveLength(15);
    for (const p of r.pairs) {
      expect(p.kind).toBe('duplicate');
      expect(p.jaccard).toBeLessThan(0.6);
      expect(p.articleJaccard).toBeGreaterThan(0.7);
      expect(p.coverage!.aInB).toBeGreaterThan(0.9);
    }
    expect(r.stats.redundant).toBe(5);
    // The text report gives both figures.
    let out = '';
    writeText(r, (chunk) => (out += chunk), { style: PLAIN });
    const lines = out.split('\n').filter((l) => /^ {2}dup +site\d-story/.test(l));
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(l).toMatch(/Jaccard 0\.[0-5]\d\d \(0\.[7-9]\d\d without the sites' boilerplate\)/);
    // With --no-overlap no boilerplate is known: the whole texts are compared.
    expect(findDuplicates(docs, { overlap: false }).clusters).toEqual([]);
  });

  it('learns a small site\'s template from its pages\' template pairs: a story on three such sites is one cluster', () => {
    // Six pages a site: the templates recur (template pairs) but are not boilerplate by
    // frequency (max_df is 20). Each page's header and footer passages in those pairs mark
    // where its own text is, so the story's copies are judged by their articles.
    const story = randomArticle(730, 200, vocab);
    const words = story.split(' ');
    const docs: SourceDoc[] = [];
    for (let s = 0; s < 3; s++) {
      const t = site(40 + s, 150);
      docs.push(...pages(t, `site${s}-page`, 5, 200, 1200 + s * 10));
      const text = s === 2 ? words.slice(0, 100).join(' ') : s === 1 ? editWords(story, 0.01, 3) : story;
      docs.push(doc(`site${s}-story`, page(t, text)));
    }
    const r = findDuplicates(docs);
    expect(r.stats.boilerplate).toEqual([]);
    expect(r.stats.templatePairs).toBeGreaterThanOrEqual(3 * 15);
    expect(clusterIds(r)).toEqual([['site0-story', 'site1-story', 'site2-story']]);
    expect(pairOf(r, 'site0-story', 'site1-story')!.kind).toBe('duplicate');
    expect(pairOf(r, 'site0-story', 'site1-story')!.jaccard).toBeLessThan(0.6);
    expect(pairOf(r, 'site0-story', 'site1-story')!.articleJaccard).toBeGreaterThan(0.9);
    expect(pairOf(r, 'site0-story', 'site2-story')!.kind).toBe('contained');
    expect(pairOf(r, 'site0-story', 'site2-story')!.coverage!.bInA).toBeGreaterThan(0.95);
    expect(pairIds(r).filter((p) => p.includes('-page'))).toEqual([]);
  });

  it('measures coverage over articles: a shortened copy inside another site\'s template is derived from the story', () => {
    const story = randomArticle(720, 300, vocab);
    const words = story.split(' ');
    const docs: SourceDoc[] = [];
    for (let s = 0; s < 2; s++) {
      const t = site(30 + s, 120);
      docs.push(...pages(t, `site${s}-page`, 22, 250, 1100 + s * 30));
    }
    docs.push(doc('a-story', page(site(30, 120), story)), doc('b-short', page(site(31, 120), words.slice(0, 150).join(' '))));
    const r = findDuplicates(docs);
    const p = pairOf(r, 'a-story', 'b-short')!;
    expect(p.kind).toBe('contained');
    expect(p.articleJaccard).toBeUndefined();
    // 150 of its 390 words are the story's: its article is all inside the passages.
    expect(p.coverage!.bInA).toBeGreaterThan(0.97);
    expect(p.coverage!.aInB).toBeGreaterThan(0.45);
    expect(p.coverage!.aInB).toBeLessThan(0.55);
    expect(clusterIds(r)).toEqual([['a-story', 'b-short']]);
    expect(r.clusters[0]!.derived.map((d) => r.documents[d]!.id)).toEqual(['b-short']);
  });
});

const piece = (aStart: number, aEnd: number, bStart: number, bEnd: number): TokenPassage => ({ aStart, aEnd, bStart, bEnd, gaps: 0 });

describe('a large cluster joined through template pairs', () => {
  it('verifies its copies again once those pairs are gone', () => {
    // One brief published 30 times and two other briefs, all in one long template. Every pair is
    // above the threshold; verified in input order, the first brief joins all 30 copies at once,
    // and the copies' own pairs are not verified (a large cluster is verified against a
    // representative). The first brief's pairs are template pairs: the copies must still be one cluster.
    const t = site(5, 150);
    const brief = randomArticle(950, 60, vocab);
    const docs = [
      doc('a-other', page(t, randomArticle(951, 60, vocab))),
      ...Array.from({ length: 30 }, (_, i) => doc(`b-copy-${String(i).padStart(2, '0')}`, page(t, brief))),
      doc('c-other', page(t, randomArticle(952, 60, vocab))),
      // More pages of the site, so that its template recurs.
      ...pages(t, 'd-page', 4, 300, 960),
    ];
    const r = findDuplicates(docs);
    expect(clusterIds(r)).toEqual([Array.from({ length: 30 }, (_, i) => `b-copy-${String(i).padStart(2, '0')}`)]);
    expect(r.stats.redundant).toBe(29);
    expect(pairIds(r).filter((p) => p.includes('other'))).toEqual([]);
  });
});

describe('template tests, one by one', () => {
  const whole = (n: number) => ({ first: 0, end: n });

  it('atEdges: passages at the start or end of both documents', () => {
    expect(atEdges([piece(0, 50, 2, 52), piece(120, 160, 90, 130)], whole(160), whole(130), 8)).toBe(true);
    // One edge only (a shared first paragraph): not a header and footer.
    expect(atEdges([piece(0, 50, 2, 52)], whole(160), whole(130), 8)).toBe(false);
    expect(atEdges([piece(120, 160, 90, 130)], whole(160), whole(130), 8)).toBe(false);
    // One passage from start to end is the article itself, not a header and a footer.
    expect(atEdges([piece(0, 160, 0, 130)], whole(160), whole(130), 8)).toBe(false);
    expect(atEdges([piece(25, 140, 0, 130)], { first: 25, end: 140 }, whole(130), 8)).toBe(false);
    // In the middle of one of them.
    expect(atEdges([piece(0, 50, 2, 52), piece(100, 140, 90, 130)], whole(160), whole(130), 8)).toBe(false);
    // At the start of A but the end of B: not a shared header.
    expect(atEdges([piece(0, 40, 90, 130)], whole(160), whole(130), 8)).toBe(false);
    // Leading boilerplate counts as the edge.
    expect(atEdges([piece(30, 60, 3, 33), piece(150, 160, 125, 130)], { first: 25, end: 160 }, whole(130), 8)).toBe(true);
    expect(atEdges([piece(30, 60, 3, 33), piece(150, 160, 125, 130)], whole(160), whole(130), 8)).toBe(false);
    expect(atEdges([], whole(10), whole(10), 8)).toBe(true);
    // One edge is enough when asked (a notice ends a page); the middle never is.
    expect(atEdges([piece(120, 160, 90, 130)], whole(160), whole(130), 8, true)).toBe(true);
    expect(atEdges([piece(0, 50, 2, 52)], whole(160), whole(130), 8, true)).toBe(true);
    expect(atEdges([piece(60, 100, 40, 80)], whole(160), whole(130), 8, true)).toBe(false);
  });

  it('contentBounds: boilerplate shingles chained from either end', () => {
    const bp = (h: number): boolean => h >= 100;
    // k = 5, window 8, 30 shingles (34 tokens): boilerplate at 0, 6, 12 (chained) and 22 (too
    // far), and at the last position 29.
    const seq = new Uint32Array(30).fill(1);
    for (const p of [0, 6, 12, 22, 29]) seq[p] = 100 + p;
    expect(contentBounds(seq, 34, 5, 8, bp)).toEqual({ first: 17, end: 22 });
    expect(contentBounds(new Uint32Array(30).fill(1), 34, 5, 8, bp)).toEqual({ first: 0, end: 34 });
    // The first boilerplate shingle too far from the start: none leading.
    const late = new Uint32Array(30).fill(1);
    late[9] = 100;
    expect(contentBounds(late, 34, 5, 8, bp)).toEqual({ first: 0, end: 34 });
    // All boilerplate: no text of its own.
    expect(contentBounds(new Uint32Array(5).fill(100), 9, 5, 8, bp)).toEqual({ first: 9, end: 9 });
  });

  it('radixSorted sorts like the native sort, repeats and the extremes included', () => {
    let x = 5;
    const values = Uint32Array.from({ length: 5000 }, (_, i) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return i % 7 === 0 ? 0xffffffff : i % 11 === 0 ? 0 : i % 13 === 0 ? 65536 : x;
    });
    expect(Array.from(radixSorted(values))).toEqual(Array.from(values.slice().sort()));
    expect(Array.from(radixSorted(new Uint32Array(0)))).toEqual([]);
  });

  it('recurringInPieces counts the fingerprints inside passages', () => {
    const hashes = Uint32Array.of(5, 6, 7, 8);
    const positions = Uint32Array.of(0, 3, 10, 30);
    // k = 5: position 3 covers tokens 3..7 (inside [0, 8)), 10 covers 10..14 (outside).
    const r = recurringInPieces([piece(0, 8, 0, 8), piece(28, 40, 28, 40)], hashes, positions, 5, (h) => h !== 6);
    expect(r).toEqual({ inside: 3, recurring: 2 });
  });

});

describe('a derived copy that has copies of its own', () => {
  it('keeps one of them as the derived copy; the others are removable duplicates', () => {
    const source = randomArticle(900, 600, vocab);
    const excerpt = source.split(' ').slice(100, 300).join(' ');
    const docs = [doc('source', source), doc('excerpt', excerpt), doc('excerpt-copy', excerpt), doc('excerpt-edited', editWords(excerpt, 0.01, 3))];
    const r = findDuplicates(docs);
    expect(r.clusters).toHaveLength(1);
    const c = r.clusters[0]!;
    expect(r.documents[c.keep]!.id).toBe('source');
    // One copy of the excerpt stays (derived from the source); the other two are its duplicates.
    expect(c.derived).toHaveLength(1);
    expect(r.stats.redundant).toBe(2);
    expect(r.stats.derived).toBe(1);
  });
});
