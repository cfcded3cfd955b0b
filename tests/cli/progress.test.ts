import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { formatDuration, knownInputBytes, makeProgress, makeStageProgress } from '../../src/cli/progress.js';
import { parseJson, runCli } from './run-cli.js';

const SEEDS = 'fixtures/seeds';

const root = path.resolve(import.meta.dirname, '../..');

/** A stderr stand-in that records what is written, synchronously. */
const sink = (into: string[]): NodeJS.WritableStream =>
  ({
    write: (s: string) => {
      into.push(s);
      return true;
    },
  }) as unknown as NodeJS.WritableStream;

describe('progress', () => {
  it('knows the total input size only when every input is a regular file', () => {
    const one = knownInputBytes(['fixtures/seeds/000_8e656ef614cc4b96.txt'], root);
    expect(one).toBe(5417);
    expect(knownInputBytes(['fixtures/seeds'], root)).toBeUndefined();
    expect(knownInputBytes(['-'], root)).toBeUndefined();
    expect(knownInputBytes(['no-such-file.txt'], root)).toBeUndefined();
  });

  it('formats the time left', () => {
    expect(formatDuration(5.4)).toBe('5 s');
    expect(formatDuration(65)).toBe('1 min 05 s');
  });

  it('writes nothing when disabled, and a final line with the totals when enabled', () => {
    const chunks: string[] = [];
    const off = sink(chunks);
    const p0 = makeProgress(off, false, 100);
    p0.update(1, 50);
    p0.done();
    expect(chunks.join('')).toBe('');

    const seen: string[] = [];
    const on = sink(seen);
    const p = makeProgress(on, true, 2_000_000);
    p.update(3, 1_000_000);
    p.done();
    const text = seen.join('');
    expect(text).toMatch(/3 documents, 1\.0 MB/);
    expect(text).toMatch(/50%/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('a counted stage: share done, then a final line; nothing when disabled', () => {
    const off: string[] = [];
    const q0 = makeStageProgress(sink(off), false, 'aligning', 'candidate pairs');
    q0.update(5, 10);
    q0.done();
    expect(off.join('')).toBe('');

    const seen: string[] = [];
    const q = makeStageProgress(sink(seen), true, 'aligning', 'candidate pairs');
    q.update(1234, 5000);
    q.done();
    const text = seen.join('');
    expect(text).toMatch(/dedupe: aligning 5,000 candidate pairs, 24%, \d+ s left/);
    expect(text).toMatch(/aligning 5,000 candidate pairs, 24% {3}\n$/);
  });

  it('--progress shows the alignment stage on stderr; stdout stays the report', async () => {
    const r = await runCli([SEEDS, '--json', '--progress']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/dedupe: aligning 5 documents, 100%/);
    expect(parseJson(r).documents).toHaveLength(5);
  });
});
