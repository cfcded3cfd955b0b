/**
 * Regression tests for bugs the reliability work found in the core: merged passages overlapping
 * in B and 32-bit shingle collisions (fixed in ca493c6), and quadratic seeded alignment (fixed by
 * indexing found runs by diagonal).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTmp, parseJson, removeTmp, runCli } from '../cli/run-cli.js';
import { findDuplicates } from '../../src/dedupe.js';
import { alignPair } from '../../src/overlap/align.js';
import { tokenize } from '../../src/text/tokenize.js';

describe('regressions (src/overlap, src/sketch)', () => {
  // align.ts promises passages "disjoint in A and in B". Step 5 used to merge (A1,B0) with (A2,B3)
  // because both gaps are <= maxGap, though B1 between them belongs to the passage (A0,B1).
  it('alignPair: merged passages stay disjoint in B (and coveredB stays within the tokens of B)', () => {
    const a = 'x y z';
    const b = 'y x q z';
    const tb = tokenize(b);
    const r = alignPair(a, tokenize(a), b, tb, 1, { minPassage: 1, maxGap: 2 });
    // Was: [x] a 0–1 / b 2–3, and [y z] a 2–5 / b 0–7, which contains b 2–3.
    const ranges = r.passages.map((p) => [p.b.start, p.b.end] as const).sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBeGreaterThanOrEqual(ranges[i - 1]![1]);
    expect(r.coveredB).toBeLessThanOrEqual(tb.count); // was 5 > 4
  });

  // Documents with at most k tokens have one shingle; with 32-bit shingle hashes, two different
  // short documents collide with probability 2^-32 per pair (about one pair per 100k short
  // documents, and MurmurHash3's xor structure makes collisions come in twos). Such a pair was
  // then "verified" at Jaccard 1. Found by the 100,000-file test (4 false clusters).
  it('two different 5-word documents whose single shingles collide are not duplicates', () => {
    const r = findDuplicates([
      { id: 'a', path: 'a', format: 'text', text: 'doc 4 641 alpha beta', bytes: 20 },
      { id: 'b', path: 'b', format: 'text', text: 'doc 91 658 alpha beta', bytes: 21 },
    ]);
    expect(r.clusters).toEqual([]); // was: one cluster, Jaccard 1
    // The same words are still duplicates of themselves.
    const same = findDuplicates([
      { id: 'a', path: 'a', format: 'text', text: 'doc 4 641 alpha beta', bytes: 20 },
      { id: 'b', path: 'b', format: 'text', text: 'Doc 4 641, alpha beta!', bytes: 22 },
    ]);
    expect(same.clusters).toHaveLength(1);
  });
});

describe('fixed: quadratic alignment of long shared runs', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await makeTmp('dedupe-known-bugs-');
  });
  afterAll(() => removeTmp(tmp));

  // Since 72995a5 (alignSeeded), every seed of a pair walks back to the start of its diagonal
  // and measures the run again: O(seeds × run length), quadratic in a long shared passage.
  // Overlap stage for a text and its copy, at 1a8221b → at 72995a5: 80,000 words 0.13 s → 4.7 s;
  // 150,000: 0.16 s → 3.5 s; 300,000: 0.24 s → 13 s; 600,000: 0.36 s → 52 s. Two copies of a
  // 10 MB document would take minutes. The random fuzz corpus: 0.4 s → 11.7 s. Here: a ~4 MB
  // text (600,000 words) and its copy; the run is killed after 30 s.
  it('a ~4 MB document and its copy are aligned in about linear time', { timeout: 120_000 }, async () => {
    let s = 1;
    const rand = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const vocab = Array.from({ length: 50_000 }, (_, i) => `${i.toString(36)}${Math.floor(rand() * 1e6).toString(36)}`);
    const text = Array.from({ length: 600_000 }, () => vocab[Math.floor(rand() * vocab.length)]).join(' ');
    await writeFile(path.join(tmp, 'a.txt'), text);
    await writeFile(path.join(tmp, 'b.txt'), `A new first sentence. ${text}`);
    const r = await runCli([tmp, '--json'], { onSpawn: (child) => void setTimeout(() => child.kill('SIGKILL'), 30_000).unref() });
    expect(r.signal, 'killed after 30 s').toBeNull();
    expect(r.code).toBe(0);
    const report = parseJson(r);
    expect(report.clusters).toHaveLength(1);
    expect(report.pairs[0]!.passages).toHaveLength(1);
  });
});
