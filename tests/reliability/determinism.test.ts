/**
 * Results are reproducible: byte-identical output across runs, across --jobs, and whatever
 * order the file system lists a directory's entries in.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { makeBadFixtures } from '../../scripts/make-bad-fixtures.mjs';
import { ROOT, makeTmp, removeTmp, runCli } from '../cli/run-cli.js';

let tmp: string;
let bad: string;

beforeAll(async () => {
  tmp = await makeTmp('dedupe-determinism-');
  bad = path.join(tmp, 'bad');
  await (makeBadFixtures as (dir: string) => Promise<string[]>)(bad);
});
afterAll(() => removeTmp(tmp));

const INPUTS = ['fixtures/seeds', 'fixtures/multilingual', 'fixtures/io'];

describe('determinism', () => {
  it('two runs give byte-identical --json, --format jsonl and text', async () => {
    for (const format of [['--json'], ['--format', 'jsonl'], []]) {
      const a = await runCli([...INPUTS, bad, ...format]);
      const b = await runCli([...INPUTS, bad, ...format]);
      expect(a.code).toBe(0);
      expect(a.stdoutBytes.length).toBeGreaterThan(1000);
      expect(b.stdoutBytes.equals(a.stdoutBytes)).toBe(true);
      expect(b.stderr).toBe(a.stderr);
    }
  });

  it('--jobs 1 and --jobs 2 give byte-identical --json', async () => {
    const one = await runCli([...INPUTS, bad, '--json', '--jobs', '1']);
    const two = await runCli([...INPUTS, bad, '--json', '--jobs', '2']);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('--jobs 1 and --jobs 2 agree where document frequencies decide (boilerplate counted in two threads)', async () => {
    // 40 articles from one vocabulary, each with the same footer (df 40 > 20: boilerplate),
    // and a quoted paragraph shared by articles 0-9 (df 10: content). With --jobs 2 the document
    // frequencies are counted by two worker threads over halves of the corpus, then summed.
    let s = 11;
    const rand = (): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 2 ** 32;
    };
    const vocab = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}${Math.floor(rand() * 1e5).toString(36)}`);
    const words = (n: number): string => Array.from({ length: n }, () => vocab[Math.floor(rand() * vocab.length)]).join(' ');
    const footer = words(40);
    const quote = words(30);
    const dir = path.join(tmp, 'df');
    await mkdir(dir, { recursive: true });
    for (let i = 0; i < 40; i++) {
      await writeFile(path.join(dir, `a${String(i).padStart(2, '0')}.txt`), `${words(150)} ${i < 10 ? quote : ''} ${words(100)} ${footer}`);
    }
    const one = await runCli([dir, '--json', '--jobs', '1']);
    const two = await runCli([dir, '--json', '--jobs', '2']);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(one.stdout) as { pairs: { kind: string }[]; stats: { boilerplate: { documents: number }[] } };
    expect(report.stats.boilerplate.length).toBeGreaterThan(0);
    expect(report.stats.boilerplate[0]!.documents).toBe(40);
    // The quote links its 10 articles pairwise; the footer links nothing.
    expect(report.pairs.filter((p) => p.kind === 'overlap')).toHaveLength(45);
  });

  it('the same files created in different orders (same relative names) give byte-identical --json', async () => {
    // Names whose order differs between byte order, code-unit order and locale order.
    const seeds = (await readdir(path.join(ROOT, 'fixtures/seeds'))).sort();
    const files: [string, string][] = [];
    for (const [i, name] of seeds.entries()) {
      const text = await readFile(path.join(ROOT, 'fixtures/seeds', name), 'utf8');
      files.push([`${['B', 'a', 'é', '\u{1F600}', '\uFF21'][i]}-${name}`, text]);
      files.push([`sub/${['z', 'Z', '_', '0', 'ß'][i]}/copy-${name}`, text.replace(/\.\s/, '. Indeed, ')]);
    }
    files.push(['sub/empty.txt', ''], ['notes.md', 'a markdown note with a handful of words in it']);
    const orders = [files, [...files].reverse(), files.map((_, i) => files[(i * 7) % files.length]!)];
    const outputs: string[] = [];
    for (const [k, order] of orders.entries()) {
      const dir = path.join(tmp, `order-${k}`);
      for (const [rel, text] of order) {
        await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
        await writeFile(path.join(dir, rel), text);
      }
      const r = await runCli(['.', '--json'], { cwd: dir });
      expect(r.code).toBe(0);
      outputs.push(r.stdout);
    }
    expect(JSON.parse(outputs[0]!).documents).toHaveLength(files.length);
    expect(JSON.parse(outputs[0]!).clusters.length).toBe(4) // each seed with its copy; 000 and 001 together;
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
  });
});
