/**
 * Pair records rendered on worker threads (render-pool.ts) must be the bytes one thread writes:
 * in order across runs of pairs, with passages quoted from texts that were in memory or spilled,
 * non-ASCII and lone surrogates included, in JSON and JSON Lines, to stdout and to a file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTmp, removeTmp, runCli } from './run-cli.js';

let tmp: string;
let corpus: string;

beforeAll(async () => {
  tmp = await makeTmp();
  let s = 7;
  const rand = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const vocab = Array.from({ length: 2000 }, (_, i) => `слово${i.toString(36)}${Math.floor(rand() * 1e4).toString(36)}`);
  const words = (n: number): string => Array.from({ length: n }, () => vocab[Math.floor(rand() * vocab.length)]).join(' ');
  const quotes = [words(40), words(30), `${words(20)} 上海 Çavuşoğlu ${words(20)}`];
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) {
    // Quote q is shared by the articles with i % (q + 2) === 0: dozens of overlapping pairs.
    const shared = quotes.filter((_, q) => i % (q + 2) === 0).join(' \n ');
    // A lone surrogate (a JSONL escape) inside some quoted passages.
    const body = `${words(120)} ${shared} ${i % 5 === 0 ? '\ud800' : ''} ${words(80)}`;
    lines.push(JSON.stringify({ id: `doc-${i}`, text: body }));
  }
  lines.push(JSON.stringify({ id: 'copy-of-0', text: JSON.parse(lines[0]!).text + ' end' }));
  corpus = path.join(tmp, 'corpus.jsonl');
  await mkdir(tmp, { recursive: true });
  await writeFile(corpus, lines.join('\n') + '\n');
});

afterAll(async () => removeTmp(tmp));

describe('pair records rendered on threads', () => {
  it('are the bytes one thread writes, in JSON and JSON Lines, on stdout and in a file', async () => {
    for (const format of [['--json'], ['--format', 'jsonl']]) {
      const one = await runCli([corpus, ...format, '--jobs', '1']);
      const two = await runCli([corpus, ...format, '--jobs', '2', '-v']);
      expect(one.code).toBe(0);
      expect(two.code).toBe(0);
      expect(two.stderr).toMatch(/pair records rendered on 2 threads/);
      expect(one.stderr).not.toMatch(/rendered on/);
      expect(two.stdoutBytes.equals(one.stdoutBytes)).toBe(true);
      const file = path.join(tmp, `out-${format.length}.json`);
      const toFile = await runCli([corpus, ...format, '--jobs', '2', '-o', file]);
      expect(toFile.code).toBe(0);
      expect((await readFile(file)).equals(one.stdoutBytes)).toBe(true);
    }
    const report = JSON.parse((await runCli([corpus, '--json', '--jobs', '2'])).stdout) as {
      pairs: { kind: string; passages: { text: string }[] }[];
    };
    // Enough pairs for many runs of pairs per thread, and the hard texts among the passages.
    expect(report.pairs.length).toBeGreaterThan(100);
    expect(report.pairs.filter((p) => p.kind === 'duplicate')).toHaveLength(1);
    const texts = report.pairs.flatMap((p) => p.passages.map((q) => q.text));
    expect(texts.some((t) => t.includes('上海 Çavuşoğlu'))).toBe(true);
    expect(texts.some((t) => t.includes('\ud800'))).toBe(true);
  });

  it('without a usable temporary directory: a warning, texts kept in memory, the same report rendered here', async () => {
    const normal = await runCli([corpus, '--json', '--jobs', '2']);
    const noTmp = await runCli([corpus, '--json', '--jobs', '2', '-v'], { env: { TMPDIR: path.join(tmp, 'missing', 'dir') } });
    expect(noTmp.code).toBe(0);
    expect(noTmp.stderr).toMatch(/^dedupe: warning: .*missing\/dir: cannot write texts to a temporary file \(ENOENT\); keeping them in memory$/m);
    expect(noTmp.stderr).not.toMatch(/rendered on/);
    expect(noTmp.stdoutBytes.equals(normal.stdoutBytes)).toBe(true);
  });
});
