/**
 * Site templates through the binary: pages of one site saved as text files (the same header and
 * footer around different articles) give no duplicate cluster and no overlap, on one thread and
 * on worker threads alike, while a story republished by the site stays a duplicate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTmp, removeTmp, runCli } from './run-cli.js';
import { randomArticle, vocabulary } from '../pipeline/helpers.js';

let tmp: string;
let dir: string;

beforeAll(async () => {
  tmp = await makeTmp();
  dir = path.join(tmp, 'site');
  await mkdir(dir, { recursive: true });
  const vocab = vocabulary(3000, 5);
  const head = randomArticle(1, 150, vocab);
  const foot = randomArticle(2, 150, vocab);
  const story = randomArticle(3, 70, vocab);
  const pages: [string, string][] = Array.from({ length: 12 }, (_, i) => [`brief-${String(i).padStart(2, '0')}.txt`, randomArticle(10 + i, 60, vocab)]);
  pages.push(['story.txt', story], ['story-republished.txt', story]);
  for (const [name, body] of pages) await writeFile(path.join(dir, name), `${head}\n\n${body}\n\n${foot}\n`);
});

afterAll(async () => removeTmp(tmp));

describe('pages of one site', () => {
  it('share only their template: one cluster (the republished story), no overlaps, the same on two threads', async () => {
    const one = await runCli([dir, '--json', '--jobs', '1']);
    const two = await runCli([dir, '--json', '--jobs', '2'], { env: { DEDUPE_PARALLEL_FROM_BYTES: '0' } });
    expect(one.code).toBe(0);
    expect(two.stdoutBytes.equals(one.stdoutBytes)).toBe(true);
    const r = JSON.parse(one.stdout) as { clusters: { members: string[] }[]; pairs: unknown[]; stats: { template_pairs: number } };
    expect(r.clusters.map((c) => c.members.map((m) => path.basename(m)).sort())).toEqual([['story-republished.txt', 'story.txt']]);
    expect(r.pairs).toHaveLength(1);
    expect(r.stats.template_pairs).toBeGreaterThan(50);
    // The text report says how many pairs were set aside.
    const text = await runCli([dir]);
    expect(text.stdout.split('\n')[0]).toMatch(new RegExp(`^dedupe: 14 documents, 1 duplicate cluster, 1 redundant copy, 0 overlapping pairs, ${r.stats.template_pairs} pairs sharing only a site template or notice set aside$`));
    const html = await runCli([dir, '--format', 'html']);
    expect(html.stdout).toContain(`${r.stats.template_pairs} sharing only a site template or notice set aside`);
    // Without overlap detection the template makes them all duplicates (no alignment, no test).
    const plain = JSON.parse((await runCli([dir, '--json', '--no-overlap'])).stdout) as { clusters: { members: string[] }[] };
    expect(plain.clusters).toHaveLength(1);
    expect(plain.clusters[0]!.members).toHaveLength(14);
  });
});
