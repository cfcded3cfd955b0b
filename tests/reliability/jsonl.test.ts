/**
 * Malformed JSONL: each bad line is `file.jsonl:LINE: reason; line skipped` and the run goes on;
 * --strict stops at the first one with exit 2 and no report. Oversized lines are skipped by
 * --max-doc-bytes without being buffered.
 *
 * Large lines: a 100 MB line is generated and skipped under the default limit (cheap: it is
 * counted, not kept). Reading one that big with `--max-doc-bytes 200M` works but takes ~5 s and
 * ~800 MB of memory, too much for CI, so the "raise the limit and it is read" mechanism is
 * tested on a 20 MB line with --max-doc-bytes 30M (read) and 10M (skipped).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { makeBadFixtures } from '../../scripts/make-bad-fixtures.mjs';
import { ROOT, expectNoCrash, makeTmp, parseJson, removeTmp, runCli, warnings } from '../cli/run-cli.js';

let tmp: string;
let jsonl: string;

beforeAll(async () => {
  tmp = await makeTmp('dedupe-jsonl-');
  await (makeBadFixtures as (dir: string) => Promise<string[]>)(tmp);
  jsonl = path.relative(ROOT, path.join(tmp, 'jsonl'));
});
afterAll(() => removeTmp(tmp));

/** Writes `{"id":"big","text":"w w w …"}` with a text of about `bytes` bytes, then a small record. */
async function writeBigLine(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file);
  const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
  const chunk = Array.from({ length: 20000 }, (_, i) => words[(i * 7919) % words.length]).join(' ') + ' ';
  const write = (s: string): Promise<void> => new Promise((resolve) => (out.write(s) ? resolve() : out.once('drain', resolve)));
  await write('{"id":"big","text":"');
  for (let n = 0; n < bytes; n += chunk.length) await write(chunk);
  await write('end"}\n{"id":"small","text":"a small record after the big one"}\n');
  await new Promise((resolve) => out.end(resolve));
}

describe('malformed JSONL', () => {
  it('every bad line is reported as file:LINE: reason and skipped; good lines are kept; exit 0', async () => {
    const file = `${jsonl}/malformed.jsonl`;
    const r = await runCli([file, '--json']);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(warnings(r.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^dedupe: warning: ${file}:2: invalid JSON \\(.+\\); line skipped$`)),
      `dedupe: warning: ${file}:3: not a JSON object (got array); line skipped`,
      `dedupe: warning: ${file}:4: no string field "text" (its string fields: "id", "body"; --text-field chooses one); line skipped`,
      `dedupe: warning: ${file}:5: no string field "text" (got number); line skipped`,
      `dedupe: warning: ${file}:6: duplicate id "a" (first on line 1); kept as ${file}#a~2`,
      `dedupe: warning: ${file}:9: not a JSON object (got null); line skipped`,
    ]);
    expect(r.stderr).toContain('dedupe: skipped 5 JSONL lines\n');
    const docs = parseJson(r).documents;
    expect(docs.map((d) => [d.id, d.line])).toEqual([
      [`${file}#a`, 1],
      [`${file}#a~2`, 6], // duplicate ids: both kept, under distinct ids
      [`${file}#e`, 10],
      [`${file}#f`, 11], // the last line has no newline
    ]);
    // CRLF: the \r is not part of the record ("windows line ending" is 19 characters).
    expect(docs[2]!.chars).toBe('windows line ending'.length);
  });

  it('--strict stops at the first malformed line: exit 2, the line named, nothing on stdout', async () => {
    const file = `${jsonl}/malformed.jsonl`;
    const r = await runCli(['fixtures/seeds', file, '--json', '--strict', '-o', path.join(tmp, 'strict.json')]);
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^dedupe: error: ${file}:2: invalid JSON \\(.+\\)\\n$`));
    const r2 = await runCli([file, '--strict']);
    expect(r2.code).toBe(2);
    expect(r2.stdout).toBe(''); // no partial text report either
  });

  it('--strict accepts a clean file with CRLF endings, a BOM, duplicate ids and no final newline', async () => {
    const r = await runCli([`${jsonl}/crlf.jsonl`, `${jsonl}/bom.jsonl`, `${jsonl}/empty.jsonl`, '--strict', '--json']);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(parseJson(r).documents.map((d) => d.id)).toEqual([`${jsonl}/crlf.jsonl#1`, `${jsonl}/crlf.jsonl#2`, `${jsonl}/bom.jsonl#x`]);
  });

  it('invalid UTF-8 inside a record: replaced, one warning naming the line', async () => {
    const r = await runCli([`${jsonl}/invalid-utf8.jsonl`, '--json']);
    expect(r.code).toBe(0);
    expect(warnings(r.stderr)).toEqual([`dedupe: warning: ${jsonl}/invalid-utf8.jsonl:1: invalid UTF-8; undecodable bytes replaced with U+FFFD`]);
    expect(parseJson(r).documents).toHaveLength(1);
  });

  it('.json files: records read, an invalid one skipped with a warning and counted in the summary; --strict stops at it', async () => {
    const dir = path.join(tmp, 'json-files');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'a.json'), JSON.stringify([{ id: 'r1', text: 'the first record of the array' }, { id: 'r2', text: 'the second record' }]));
    await writeFile(path.join(dir, 'b.json'), '[{"id": "broken", ');
    const r = await runCli([path.join(dir, 'a.json'), path.join(dir, 'b.json'), '--json']);
    expect(r.code).toBe(0);
    expect(parseJson(r).documents.map((d) => d.id.replace(/^.*\//, ''))).toEqual(['a.json#r1', 'a.json#r2']);
    expect(r.stderr).toMatch(/dedupe: warning: .*b\.json: invalid JSON \(.+\); file skipped\n/);
    expect(r.stderr).toMatch(/skipped 1 file: 1 not valid JSON/);
    const strict = await runCli([dir, '--include', '*.json', '--json', '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toMatch(/dedupe: error: .*b\.json: invalid JSON/);
  });

  it('a file whose every line lacks the text field warns 20 times, then counts (--verbose shows all)', async () => {
    const input = Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: i, content: `article ${i}` })).join('\n');
    const r = await runCli(['-', '--stdin-format', 'jsonl', '--json'], { input });
    expect(r.code).toBe(0);
    const shown = warnings(r.stderr);
    expect(shown).toHaveLength(20);
    expect(shown[19]).toBe('dedupe: warning: -:20: no string field "text" (its string fields: "content"; --text-field chooses one); line skipped');
    expect(r.stderr).toContain('dedupe: skipped 50 JSONL lines; 30 more line warnings not shown (20 a file; --verbose shows all)\n');
    const all = await runCli(['-', '--stdin-format', 'jsonl', '--json', '--verbose'], { input });
    expect(warnings(all.stderr)).toHaveLength(50);
    expect(all.stderr).not.toContain('not shown');
  });

  it('--text-field and --id-field choose the fields', async () => {
    const r = await runCli(['-', '--stdin-format', 'jsonl', '--text-field', 'body', '--id-field', 'key', '--json'], {
      input: '{"key":"k1","body":"some words here"}\n{"key":"k2","text":"no body field"}\n',
    });
    expect(r.code).toBe(0);
    expect(warnings(r.stderr)).toEqual(['dedupe: warning: -:2: no string field "body" (its string fields: "key", "text"; --text-field chooses one); line skipped']);
    expect(parseJson(r).documents.map((d) => d.id)).toEqual(['-#k1']);
  });
});

describe('oversized JSONL lines', () => {
  it('a 100 MB line is skipped under the default --max-doc-bytes (64M), with a message naming the flag; the next line is read', { timeout: 60_000 }, async () => {
    const file = path.join(tmp, 'huge-line.jsonl');
    await writeBigLine(file, 100 * 1024 * 1024);
    const r = await runCli([file, '--json']);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(warnings(r.stderr)).toEqual([
      expect.stringMatching(/huge-line\.jsonl:1: line of 10\d{7} bytes is larger than --max-doc-bytes \(67108864\); line skipped$/),
    ]);
    expect(parseJson(r).documents.map((d) => d.id)).toEqual([`${path.relative(ROOT, file)}#small`]);
    await unlink(file);
  });

  it('a 20 MB line: skipped with --max-doc-bytes 10M, read with --max-doc-bytes 30M', { timeout: 60_000 }, async () => {
    const file = path.join(tmp, 'big-line.jsonl');
    await writeBigLine(file, 20 * 1024 * 1024);
    const skipped = await runCli([file, '--json', '--max-doc-bytes', '10M', '--no-overlap']);
    expect(skipped.code).toBe(0);
    expect(warnings(skipped.stderr)).toEqual([expect.stringContaining('is larger than --max-doc-bytes (10485760); line skipped')]);
    expect(parseJson(skipped).documents).toHaveLength(1);

    const read = await runCli([file, '--json', '--max-doc-bytes', '30M', '--no-overlap']);
    expectNoCrash(read);
    expect(read.code).toBe(0);
    expect(warnings(read.stderr)).toEqual([]);
    const docs = parseJson(read).documents;
    expect(parseJson(read).stats.max_df).toBeNull(); // no overlap stage, no boilerplate cut-off
    expect(docs.map((d) => d.id.split('#')[1])).toEqual(['big', 'small']);
    expect(docs[0]!.tokens).toBeGreaterThan(3_000_000);
    await unlink(file);
  });
});
