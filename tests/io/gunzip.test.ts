import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDedupeError } from '../../src/errors.js';
import { formatOfName } from '../../src/io/formats.js';
import { gunzippedIfGzip } from '../../src/io/gunzip.js';
import { openJsonlFile, readJsonl, type JsonlOptions } from '../../src/io/jsonl.js';
import type { InputWarning } from '../../src/io/warnings.js';
import { knownInputBytes } from '../../src/cli/progress.js';
import { parseJson, ROOT, runCli, warnings } from '../cli/run-cli.js';
import { makeTree, removeTree } from './tmp-dir.js';

const OPTS: JsonlOptions = { textField: 'text', idField: 'id', maxDocBytes: 1 << 20, strict: false };
const SEEDS = path.join(ROOT, 'fixtures/seeds');

/** The five seed articles as JSON Lines, one record each. */
const seedLines = readdirSync(SEEDS)
  .sort()
  .map((f) => `${JSON.stringify({ id: f, text: readFileSync(path.join(SEEDS, f), 'utf8') })}\n`)
  .join('');
const gz = gzipSync(seedLines);

async function collect(chunks: AsyncIterable<Buffer | string>, file: string): Promise<{ ids: string[]; texts: string[]; warnings: InputWarning[] }> {
  const warns: InputWarning[] = [];
  const ids: string[] = [];
  const texts: string[] = [];
  for await (const d of readJsonl(chunks, file, OPTS, (w) => warns.push(w))) {
    ids.push(d.id);
    texts.push(d.text);
  }
  return { ids, texts, warnings: warns };
}

async function* chunksOf(...parts: Buffer[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield p;
}

describe('gzip-compressed JSON Lines', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await makeTree({
      'plain.jsonl': seedLines,
      'seeds.jsonl.gz': gz,
      // Two gzip members one after the other, as `cat a.gz b.gz` makes.
      'twice.jsonl.gz': Buffer.concat([gzipSync(seedLines.split('\n').slice(0, 2).join('\n') + '\n'), gzipSync(seedLines.split('\n').slice(2).join('\n'))]),
      'cut.jsonl.gz': gz.subarray(0, Math.floor(gz.length * 0.7)),
      'walk/s.ndjson.gz': gz,
      'walk/notes.txt.gz': gz,
    });
  });
  afterAll(async () => removeTree(dir));

  it('are JSON Lines by name: .jsonl.gz and .ndjson.gz, not other gzipped files', () => {
    expect(formatOfName('corpus.jsonl.gz')).toBe('jsonl');
    expect(formatOfName('dir/CORPUS.NDJSON.GZ')).toBe('jsonl');
    expect(formatOfName('data.json.gz')).toBeUndefined(); // a JSON array is read whole: not streamed
    expect(formatOfName('page.txt.gz')).toBeUndefined();
    expect(formatOfName('twice.jsonl.gz.gz')).toBeUndefined();
    expect(formatOfName('archive.gz')).toBeUndefined();
    expect(formatOfName('.gz')).toBeUndefined();
  });

  it('give the same records as the plain file, one gzip member or several', async () => {
    const plain = await collect(openJsonlFile(path.join(dir, 'plain.jsonl')), 'x.jsonl');
    for (const name of ['seeds.jsonl.gz', 'twice.jsonl.gz']) {
      const got = await collect(openJsonlFile(path.join(dir, name)), 'x.jsonl');
      expect(got.warnings).toEqual([]);
      expect(got.ids).toEqual(plain.ids);
      expect(got.texts).toEqual(plain.texts);
    }
    expect(plain.ids).toHaveLength(5);
  });

  it('cut short (a truncated download): the records before the damage, and one warning naming the file and line', async () => {
    const got = await collect(openJsonlFile(path.join(dir, 'cut.jsonl.gz')), 'cut.jsonl.gz');
    expect(got.ids.length).toBeGreaterThan(0);
    expect(got.ids.length).toBeLessThan(5);
    expect(got.warnings).toHaveLength(1);
    const w = got.warnings[0]!;
    expect(w.reason).toBe('damaged');
    expect(w.line).toBe(got.ids.length + 1);
    expect(w.message).toBe(`cut.jsonl.gz:${w.line}: damaged gzip data (unexpected end of file); line ${w.line} and the rest of the file skipped`);
  });

  it('cut short, stop the run with --strict (a DedupeError naming file and line)', async () => {
    const strict = readJsonl(openJsonlFile(path.join(dir, 'cut.jsonl.gz')), 'cut.jsonl.gz', { ...OPTS, strict: true }, () => undefined);
    const err = await (async () => {
      try {
        for await (const _ of strict) void _;
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(isDedupeError(err) && err.code).toBe('E_INPUT');
    expect((err as Error).message).toMatch(/^cut\.jsonl\.gz:\d+: damaged gzip data \(unexpected end of file\)$/);
  });

  it('are recognized on stdin by their bytes, even when the first chunk holds one byte; plain input passes through', async () => {
    const plain = await collect(chunksOf(Buffer.from(seedLines)), '-');
    const split = await collect(gunzippedIfGzip(chunksOf(gz.subarray(0, 1), gz.subarray(1, 100), gz.subarray(100))), '-');
    expect(split.ids).toEqual(plain.ids);
    expect(split.texts).toEqual(plain.texts);
    const untouched = await collect(gunzippedIfGzip(chunksOf(Buffer.from(seedLines.slice(0, 1)), Buffer.from(seedLines.slice(1)))), '-');
    expect(untouched.texts).toEqual(plain.texts);
    expect(await collect(gunzippedIfGzip(chunksOf()), '-')).toEqual({ ids: [], texts: [], warnings: [] });
  });

  it('through the binary: the same report as the plain file, read in directories, from stdin, and damaged with a warning', async () => {
    const plain = parseJson(await runCli(['plain.jsonl', '--json'], { cwd: dir }));
    const packed = await runCli(['seeds.jsonl.gz', '--json'], { cwd: dir });
    expect(packed.code).toBe(0);
    expect(packed.stderr).toBe('');
    expect(JSON.parse(packed.stdout.replaceAll('seeds.jsonl.gz', 'plain.jsonl'))).toEqual(plain);
    expect(plain.clusters).toHaveLength(1);

    const walked = parseJson(await runCli(['walk', '--json'], { cwd: dir }));
    expect(walked.documents.map((d) => d.id)).toEqual(plain.documents.map((d) => d.id.replace('plain.jsonl', 'walk/s.ndjson.gz')));

    const piped = await runCli(['-', '--stdin-format', 'jsonl', '--json'], { cwd: dir, input: gz });
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout.replaceAll('"-#', '"plain.jsonl#').replaceAll('"path":"-"', '"path":"plain.jsonl"'))).toEqual(plain);

    const cut = await runCli(['cut.jsonl.gz', '--json'], { cwd: dir });
    expect(cut.code).toBe(0);
    expect(warnings(cut.stderr)).toEqual([expect.stringMatching(/^dedupe: warning: cut\.jsonl\.gz:\d+: damaged gzip data \(unexpected end of file\); line \d+ and the rest of the file skipped$/)]);
    expect(parseJson(cut).documents.length).toBeGreaterThan(0);
  });

  it('have no known total for the progress line (their size is not what they inflate to)', () => {
    expect(knownInputBytes([path.join(dir, 'plain.jsonl')], dir)).toBe(Buffer.byteLength(seedLines));
    expect(knownInputBytes([path.join(dir, 'seeds.jsonl.gz')], dir)).toBeUndefined();
  });
});
