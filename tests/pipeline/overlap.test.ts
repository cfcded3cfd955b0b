import { describe, expect, it } from 'vitest';
import { findDuplicates, type DedupeResult } from '../../src/dedupe.js';
import { tokenize } from '../../src/text/tokenize.js';
import { normalizeText } from '../../src/text/normalize.js';
import type { SourceDoc } from '../../src/types.js';
import { doc, editWords, fixtureDocs, randomArticle, seeds, text, vocabulary } from './helpers.js';

const norm = (s: string): string => normalizeText(s, tokenize(s));
const name = (r: DedupeResult, i: number): string => r.documents[i]!.id.replace(/^.*\//, '').slice(0, 3);
const pairKey = (r: DedupeResult, a: number, b: number): string => [name(r, a), name(r, b)].sort().join('-');

/** Every passage's offsets, applied to the original texts, give the passage's words. */
function checkPassages(docs: readonly SourceDoc[], r: DedupeResult): number {
  let checked = 0;
  for (const p of r.pairs) {
    for (const ps of p.passages ?? []) {
      const ta = docs[p.a]!.text;
      const tb = docs[p.b]!.text;
      expect(ps.a.start).toBeLessThan(ps.a.end);
      expect(ps.a.end).toBeLessThanOrEqual(ta.length);
      expect(ps.b.end).toBeLessThanOrEqual(tb.length);
      const sliceA = ta.slice(ps.a.start, ps.a.end);
      expect(sliceA).toBe(ps.text);
      expect(tokenize(sliceA).count).toBe(ps.words);
      // Without bridged gaps both sides hold exactly the same normalized words.
      if ((ps.gaps ?? 0) === 0) expect(norm(tb.slice(ps.b.start, ps.b.end))).toBe(norm(sliceA));
      checked++;
    }
  }
  return checked;
}

describe('overlap on the seed corpus', () => {
  const docs = seeds();
  const r = findDuplicates(docs);
  const overlaps = r.pairs.filter((p) => p.kind !== 'duplicate');
  const keys = overlaps.map((p) => pairKey(r, p.a, p.b));

  it('finds 003 overlapping 000, 001 and 002, with the quoted sentences', () => {
    expect(keys).toEqual(expect.arrayContaining(['000-003', '001-003', '002-003']));
    const with001 = overlaps.find((p) => pairKey(r, p.a, p.b) === '001-003')!;
    expect(with001.kind).toBe('overlap');
    expect(with001.passages!.some((ps) => /insistence of the criminal leaders of the Zionist regime/i.test(ps.text))).toBe(true);
    const with002 = overlaps.find((p) => pairKey(r, p.a, p.b) === '002-003')!;
    expect(with002.passages!.some((ps) => /prevent the Zionist enemy from continuing its brutal crimes/.test(ps.text))).toBe(true);
    // 003 is only ~5% similar to 001 as a whole, yet ~15-25% of it is in shared passages
    expect(with001.jaccard).toBeLessThan(0.1);
    const cover003 = with001.a === 3 ? with001.coverage!.aInB : with001.coverage!.bInA;
    expect(cover003).toBeGreaterThan(0.12);
    expect(cover003).toBeLessThan(0.3);
  });

  it('finds nothing shared between 004 and the others', () => {
    expect(overlaps.filter((p) => p.a === 4 || p.b === 4)).toEqual([]);
  });

  it('leaves the duplicate clusters exactly as they were without overlap detection', () => {
    const plain = findDuplicates(seeds(), { overlap: false });
    expect(r.clusters.map((c) => c.members)).toEqual(plain.clusters.map((c) => c.members));
  });

  it('groups the documents that share passages', () => {
    const g = r.groups.find((x) => x.members.includes(3))!;
    expect(g.members).toEqual(expect.arrayContaining([0, 1, 2, 3]));
    expect(g.members).not.toContain(4);
  });
});

describe('passage offsets', () => {
  it('point at the passage words in both original texts, on every fixture', () => {
    let total = 0;
    for (const dir of ['fixtures/seeds', 'fixtures/multilingual', 'fixtures/io']) {
      const docs = fixtureDocs(dir);
      // add an edited copy and an excerpt of each document, so every folder has passages
      // and an excerpt with HTML character references for its apostrophes, quotes and spaces
      const escaped = (t: string): string => t.replace(/['’]/g, '&#8217;').replace(/"/g, '&quot;').replace(/ (?=\w)/g, (m, at: number) => (at % 5 === 0 ? '&nbsp;' : m));
      const extra = docs.flatMap((d, i) => [
        doc(`${d.id}.edited`, editWords(d.text, 0.03, i)),
        doc(`${d.id}.excerpt`, d.text.slice(0, Math.floor(d.text.length * 0.4))),
        doc(`${d.id}.escaped`, escaped(d.text.slice(Math.floor(d.text.length * 0.5)))),
      ]);
      const all = [...docs, ...extra];
      total += checkPassages(all, findDuplicates(all));
    }
    expect(total).toBeGreaterThan(20);
  });
});

describe('derived copies', () => {
  const source = text('fixtures/seeds/002_93d5165a94d3fa71.txt');

  it('reports an excerpt (first 40%) as contained in its source, ~100% covered one way', () => {
    const excerpt = source.slice(0, Math.floor(source.length * 0.4));
    const r = findDuplicates([doc('source', source), doc('excerpt', excerpt)]);
    const p = r.pairs.find((x) => x.kind === 'contained')!;
    expect(p).toBeDefined();
    expect(p.coverage!.bInA).toBeGreaterThan(0.97); // excerpt in source
    expect(p.coverage!.aInB).toBeGreaterThan(0.3);
    expect(p.coverage!.aInB).toBeLessThan(0.5);
    expect(r.clusters).toHaveLength(1);
    expect(r.clusters[0]!.keep).toBe(0);
    expect(r.clusters[0]!.derived).toEqual([1]);
  });

  it('finds a trimmed, lightly rewritten agency copy far below the Jaccard threshold', () => {
    const sentences = source.split(/(?<=\.)\s+/);
    // drop the last third, rewrite every fourth sentence's words a little, add a paragraph
    const kept = sentences.slice(0, Math.ceil((sentences.length * 2) / 3)).map((s, i) => (i % 4 === 3 ? editWords(s, 0.25, i) : s));
    const copy = `${kept.join(' ')}\n\nOur correspondent adds that the reaction in the region was swift and mixed, with several governments calling for calm.`;
    const r = findDuplicates([doc('agency', source), doc('paper', copy), doc('other', text('fixtures/seeds/004_866d47ab6ad8327c.txt'))]);
    const p = r.pairs.find((x) => x.a === 0 && x.b === 1)!;
    expect(p.kind).toBe('contained');
    expect(p.jaccard).toBeLessThan(0.6);
    expect(r.clusters.map((c) => c.members)).toEqual([[0, 1]]);
    expect(r.clusters[0]!.keep).toBe(0);
  });

  it('keeps a copy of the version most sites carry, not an edited version derived from it that is a few characters longer', () => {
    const story = text('fixtures/seeds/000_8e656ef614cc4b96.txt');
    // Three sites carry the story; one of them drops its last sentence (fewer words than the
    // edited version, so the two are derived from each other); a fourth rewrites one word in ten
    // with longer words (the longest text: `--keep longest` alone would keep it).
    const trimmed = story.slice(0, story.lastIndexOf('.', story.length - 2) + 1);
    const edited = editWords(story, 0.1, 5);
    const docs = [doc('a', story), doc('b', story), doc('c', trimmed), doc('d', edited)];
    const r = findDuplicates(docs);
    expect(r.pairs.find((p) => p.a === 2 && p.b === 3)?.kind).toBe('contained');
    expect(r.pairs.find((p) => p.a === 0 && p.b === 3)?.kind).toBe('contained');
    expect(r.documents[3]!.chars).toBeGreaterThan(r.documents[0]!.chars);
    expect(r.clusters).toHaveLength(1);
    const c = r.clusters[0]!;
    expect(c.members).toEqual([0, 1, 2, 3]);
    expect(c.keep).toBe(0);
    expect(c.derived).toEqual([3]);
    expect(r.stats.redundant).toBe(2);
  });

  it('keeps the copy that holds the most of the story, not merely the longest text', () => {
    // Three sites carry a story; a fourth rewrites one word in fifty with longer words: still a
    // duplicate (Jaccard above 0.6) and the longest text, but the three agree on more of it.
    const story = text('fixtures/seeds/000_8e656ef614cc4b96.txt');
    const edited = editWords(story, 0.02, 9);
    const docs = [doc('a', story), doc('b', story), doc('c', story), doc('d', edited)];
    const r = findDuplicates(docs);
    expect(r.pairs.find((p) => p.a === 0 && p.b === 3)?.kind).toBe('duplicate');
    expect(r.documents[3]!.chars).toBeGreaterThan(r.documents[0]!.chars);
    expect(r.clusters.map((c) => c.members)).toEqual([[0, 1, 2, 3]]);
    expect(r.clusters[0]!.keep).toBe(0);
    // Without overlap detection (no articles) the longest text is kept, as --keep longest says.
    expect(findDuplicates(docs, { overlap: false }).clusters[0]!.keep).toBe(3);
    // A story and its update (a paragraph more): the update holds all of the story and more.
    const update = `${story}\n\nUpdate: the ministry later confirmed that the letter had been delivered to the secretary-general on Monday.`;
    const u = findDuplicates([doc('a', story), doc('b', story), doc('u', update)]);
    expect(u.clusters[0]!.keep).toBe(2);
  });

  it('attaches each derived copy to one source: no chains through a long quoting document', () => {
    const vocab = vocabulary(800, 3);
    const shorts = [0, 1, 2, 3].map((i) => randomArticle(100 + i, 150, vocab));
    const digest = shorts.join('\n\n') + '\n\n' + randomArticle(99, 200, vocab);
    const docs = [...shorts.map((t, i) => doc(`s${i}`, t)), doc('digest', digest)];
    const r = findDuplicates(docs);
    expect(r.pairs.filter((p) => p.kind === 'contained')).toHaveLength(4);
    // every short article's only relation is with the digest: none is linked to another short one
    for (const p of r.pairs) expect(p.a === 4 || p.b === 4).toBe(true);
    for (const c of r.clusters) expect(c.derived.length).toBe(c.members.length - 1);
    expect(r.stats.largestGroup).toBeLessThanOrEqual(5);
  });
});

describe('boilerplate', () => {
  const vocab = vocabulary(2000, 7);
  const footer =
    'Leave a comment below. This article is distributed by the Northern Press Agency to its member papers; ' +
    'republishing is allowed with credit and a link to the original story on our website.';

  it('ignores a footer shared by 30+ different articles and lists it as boilerplate', () => {
    const docs = Array.from({ length: 34 }, (_, i) => doc(`a${i}`, `${randomArticle(1000 + i, 250, vocab)}\n\n${footer}`));
    const r = findDuplicates(docs);
    expect(r.pairs).toEqual([]);
    expect(r.stats.boilerplate.length).toBeGreaterThan(0);
    expect(r.stats.boilerplate[0]!.documents).toBe(34);
    expect(footer).toContain(r.stats.boilerplate[0]!.text.split(' ').slice(2, 8).join(' '));
  });

  it('still finds a real quote shared by two of those articles', () => {
    const quote = randomArticle(5, 40, vocab);
    const docs = Array.from({ length: 34 }, (_, i) =>
      doc(`a${i}`, `${randomArticle(2000 + i, 250, vocab)}${i === 3 || i === 20 ? `\n\n${quote}` : ''}\n\n${footer}`),
    );
    const r = findDuplicates(docs);
    expect(r.pairs.map((p) => [p.a, p.b, p.kind])).toEqual([[3, 20, 'overlap']]);
    const ps = r.pairs[0]!.passages!;
    expect(ps).toHaveLength(1);
    expect(norm(ps[0]!.text)).toContain(norm(quote));
    expect(norm(ps[0]!.text)).not.toContain(norm('Leave a comment below'));
  });

  it('treats the texts of --boilerplate as boilerplate even on a small corpus', () => {
    const a = `${randomArticle(1, 200, vocab)}\n\n${footer}`;
    const b = `${randomArticle(2, 200, vocab)}\n\n${footer}`;
    expect(findDuplicates([doc('a', a), doc('b', b)]).pairs).toHaveLength(1);
    expect(findDuplicates([doc('a', a), doc('b', b)], {}, { boilerplateTexts: [footer] }).pairs).toHaveLength(0);
  });
});

describe('syndicated stories', () => {
  const vocab = vocabulary(3000, 11);
  const story = randomArticle(42, 300, vocab);
  // 60 copies of one story with a changed word or two, 30 unrelated articles, one article quoting the story
  const copies = Array.from({ length: 60 }, (_, i) => doc(`copy${i}`, editWords(story, 0.005, i)));
  const others = Array.from({ length: 30 }, (_, i) => doc(`other${i}`, randomArticle(500 + i, 250, vocab)));
  const quote = story.split(' ').slice(100, 140).join(' ');
  const quoting = doc('quoting', `${randomArticle(900, 200, vocab)} ${quote} ${randomArticle(901, 100, vocab)}`);
  const docs = [...copies, ...others, quoting];
  const r = findDuplicates(docs);

  it('are one cluster, verified against representatives: linear, not all 1,770 pairs', () => {
    expect(r.clusters).toHaveLength(1);
    expect(r.clusters[0]!.members).toHaveLength(60);
    const dup = r.pairs.filter((p) => p.kind === 'duplicate');
    expect(dup.length).toBeGreaterThanOrEqual(59);
    expect(dup.length).toBeLessThan(60 * 12);
  });

  it('are not boilerplate however often copied: duplicates keep their passages, a quote of them is found', () => {
    for (const p of r.pairs.filter((x) => x.kind === 'duplicate')) expect(p.passages!.length).toBeGreaterThan(0);
    const q = r.pairs.filter((p) => p.a === 90 || p.b === 90);
    expect(q.length).toBeGreaterThan(0);
    expect(q.every((p) => p.kind === 'overlap')).toBe(true);
    expect(norm(q[0]!.passages![0]!.text)).toContain(norm(quote).split(' ').slice(5, 30).join(' '));
  });
});

describe('copies of one story', () => {
  it('a passage only one copy has is found with that copy, whichever copy comes first', () => {
    // 000 and 001 are one story from two sites; only 000 starts with a paragraph of background,
    // which 002 quotes in its middle.
    const [s0, s1, s2, s3, s4] = seeds();
    const background = 'The resistance movement has governed the coastal enclave since it won the legislative elections and later took full control of its administration.';
    const half = Math.floor(s2!.text.length / 2);
    const with0 = { ...s0!, text: `${background}\n\n${s0!.text}` };
    const with2 = { ...s2!, text: `${s2!.text.slice(0, half)} ${background} ${s2!.text.slice(half)}` };
    for (const docs of [
      [with0, s1!, with2, s3!, s4!],
      [s1!, with0, with2, s3!, s4!],
    ]) {
      const r = findDuplicates(docs);
      expect(r.clusters.map((c) => c.members.map((m) => name(r, m)).sort())).toEqual([['000', '001']]);
      const shared = r.pairs.find((p) => pairKey(r, p.a, p.b) === '000-002');
      expect(shared?.passages?.map((ps) => norm(ps.text))).toEqual([norm(background)]);
      expect(r.pairs.some((p) => pairKey(r, p.a, p.b) === '001-002')).toBe(false);
    }
  });

  it('a copyright or licence notice at the end of two articles is no overlap; a quote beside it still is', () => {
    // The seeds: 002 and 000 end with Mehr News Agency's licence line (in five documents its
    // frequency cannot tell it from a quote; its place and words do).
    const r = findDuplicates(seeds());
    expect(r.pairs.some((p) => pairKey(r, p.a, p.b) === '000-002')).toBe(false);
    expect(r.stats.templatePairs).toBe(1);
    const vocab = vocabulary(2000, 9);
    const notice = '© 2024 Northern Press Agency. All rights reserved. This material may not be published, broadcast or redistributed.';
    const quote = randomArticle(31, 30, vocab);
    const docs = [
      doc('a', `${randomArticle(32, 200, vocab)}\n\n${notice}`),
      doc('b', `${randomArticle(33, 200, vocab)}\n\n${notice}`),
      doc('c', `${randomArticle(34, 100, vocab)} ${quote} ${randomArticle(35, 100, vocab)}\n\n${notice}`),
      doc('d', `${randomArticle(36, 100, vocab)} ${quote} ${randomArticle(37, 100, vocab)}\n\n${notice}`),
      // The same notice quoted in the middle of a text is a passage like any other.
      doc('e', `${randomArticle(38, 100, vocab)} ${notice} ${randomArticle(39, 100, vocab)}`),
    ];
    const s = findDuplicates(docs);
    const keys = s.pairs.map((p) => `${s.documents[p.a]!.id}-${s.documents[p.b]!.id}`);
    expect(keys.filter((k) => !k.includes('e'))).toEqual(['c-d']);
    expect(s.pairs.find((p) => p.a === 2 && p.b === 3)!.passages!.map((ps) => norm(ps.text))).toEqual([norm(quote)]);
    expect(keys.filter((k) => k.includes('e'))).toHaveLength(4);
    expect(s.stats.templatePairs).toBe(5);
  });

  it('a story copied 20 times is not boilerplate: a quote of it is found with every copy', () => {
    const vocab = vocabulary(3000, 12);
    const story = randomArticle(43, 300, vocab);
    const copies = Array.from({ length: 20 }, (_, i) => doc(`copy${i}`, editWords(story, 0.005, 100 + i)));
    const others = Array.from({ length: 20 }, (_, i) => doc(`other${i}`, randomArticle(700 + i, 250, vocab)));
    const quoting = doc('quoting', `${randomArticle(990, 200, vocab)} ${story.split(' ').slice(150, 190).join(' ')} ${randomArticle(991, 100, vocab)}`);
    const r = findDuplicates([...copies, ...others, quoting]);
    expect(r.clusters).toHaveLength(1);
    expect(r.stats.maxDf).toBe(20);
    const q = r.pairs.filter((p) => p.a === 40 || p.b === 40);
    expect(q).toHaveLength(20);
    expect(q.every((p) => p.kind === 'overlap' && p.passages!.length === 1)).toBe(true);
  });
});

describe('passages in scripts written without spaces', () => {
  it('are measured in words: a 13-character stock phrase is not a passage, a 29-character sentence is', () => {
    const [a, b] = [text('fixtures/multilingual/zh-a.txt'), text('fixtures/multilingual/zh-b.txt')];
    const phrase = '中华人民共和国外交部发言人'; // "spokesperson of the Foreign Ministry of the PRC": ~4 words
    const sentence = '市长在新闻发布会上表示，这些公园将主要分布在人口密集的老城区'; // a sentence of a, ~15 words
    expect(a).toContain(sentence);
    const withPhrase = doc('b-phrase', `${b.slice(0, 80)}，${phrase}在例行记者会上说，${b.slice(80)}`);
    const withBoth = doc('b-both', `${b.slice(0, 80)}，${phrase}在例行记者会上说。${sentence}。${b.slice(80)}`);
    const aPhrase = doc('a', `${a.slice(0, 100)}${phrase}表示，${a.slice(100)}`);
    const r1 = findDuplicates([aPhrase, withPhrase]);
    expect(r1.pairs).toEqual([]);
    const r2 = findDuplicates([aPhrase, withBoth]);
    expect(r2.pairs).toHaveLength(1);
    expect(r2.pairs[0]!.passages!.map((p) => p.text)).toEqual([sentence]);
  });
});

describe('passages as read from the result', () => {
  const docs = seeds();
  const r = findDuplicates(docs);
  const withPassages = r.pairs.filter((p) => (p.passages ?? []).length > 0);

  it('read in any order (last pair first), each quotes its own document a', () => {
    expect(withPassages.length).toBeGreaterThan(2);
    const reversed = [...withPassages].reverse();
    const reRead = { ...r, pairs: reversed };
    expect(checkPassages(docs, reRead)).toBeGreaterThan(2);
  });

  it('are an own enumerable field: JSON, Object.keys and spreads see them; each read is a new, equal array', () => {
    const p = withPassages[0]!;
    expect(Object.keys(p)).toEqual(['a', 'b', 'kind', 'jaccard', 'aInB', 'bInA', 'passages', 'coverage']);
    expect(JSON.parse(JSON.stringify(p)).passages).toEqual(p.passages);
    expect({ ...p }.passages).toEqual(p.passages);
    expect(p.passages).not.toBe(p.passages);
  });
});
