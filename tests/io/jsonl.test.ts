import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDedupeError } from '../../src/errors.js';
import { parseJsonlRecord } from '../../src/io/jsonl-record.js';
import { openJsonlFile, readJsonl, type JsonlOptions } from '../../src/io/jsonl.js';
import type { InputWarning } from '../../src/io/warnings.js';
import type { SourceDoc } from '../../src/types.js';
import { makeTree, removeTree } from './tmp-dir.js';

const OPTS: JsonlOptions = { textField: 'text', idField: 'id', maxDocBytes: 1 << 20, strict: false };

async function* chunksOf(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p) : p;
}

async function collect(
  chunks: AsyncIterable<Buffer>,
  options: JsonlOptions = OPTS,
  file = 'data.jsonl',
): Promise<{ docs: SourceDoc[]; warnings: InputWarning[] }> {
  const warnings: InputWarning[] = [];
  const docs: SourceDoc[] = [];
  for await (const d of readJsonl(chunks, file, options, (w) => warnings.push(w))) docs.push(d);
  return { docs, warnings };
}

describe('parseJsonlRecord', () => {
  it('reads text and a string or number id', () => {
    expect(parseJsonlRecord('{"id":"a","text":"hi"}', 'text', 'id')).toEqual({ ok: true, text: 'hi', id: 'a' });
    expect(parseJsonlRecord('{"id":7,"text":"hi"}', 'text', 'id')).toEqual({ ok: true, text: 'hi', id: '7' });
    expect(parseJsonlRecord('{"text":""}', 'text', 'id')).toEqual({ ok: true, text: '', id: undefined });
    expect(parseJsonlRecord('{"id":null,"text":"x"}', 'text', 'id')).toEqual({ ok: true, text: 'x', id: undefined });
    // A text kept as a list of paragraphs is one text, a blank line between paragraphs.
    expect(parseJsonlRecord('{"paragraphs":["First one.","Second one."]}', 'paragraphs', 'id')).toEqual({ ok: true, text: 'First one.\n\nSecond one.', id: undefined });
  });

  it('uses the configured field names, and dotted paths into nested objects', () => {
    expect(parseJsonlRecord('{"key":"k","body":"b","text":1}', 'body', 'key')).toEqual({ ok: true, text: 'b', id: 'k' });
    const nested = '{"meta":{"url":"https://x.example/a","lang":"en"},"content":{"body":"nested text"}}';
    expect(parseJsonlRecord(nested, 'content.body', 'meta.url')).toEqual({ ok: true, text: 'nested text', id: 'https://x.example/a' });
    // A top-level key with a dot in its name wins over the path.
    expect(parseJsonlRecord('{"a.b":"flat","a":{"b":"deep"}}', 'a.b', 'id')).toEqual({ ok: true, text: 'flat', id: undefined });
    expect(parseJsonlRecord('{"a":{"b":["x"]}}', 'a.b.0', 'id')).toEqual({ ok: false, reason: 'no string field "a.b.0"' });
    expect(parseJsonlRecord('{"a":{}}', 'a.constructor', 'id').ok).toBe(false); // own keys only, at every level
  });

  it('explains what is wrong with a bad line', () => {
    const bad = parseJsonlRecord('{"text": "unterminated', 'text', 'id');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toMatch(/^invalid JSON \(.+\)$/);
    expect(parseJsonlRecord('[1,2]', 'text', 'id')).toEqual({ ok: false, reason: 'not a JSON object (got array)' });
    expect(parseJsonlRecord('"str"', 'text', 'id')).toEqual({ ok: false, reason: 'not a JSON object (got string)' });
    expect(parseJsonlRecord('{"body":"x"}', 'text', 'id')).toEqual({ ok: false, reason: 'no string field "text" (its string fields: "body"; --text-field chooses one)' });
    expect(parseJsonlRecord('{"n":1,"o":{}}', 'text', 'id')).toEqual({ ok: false, reason: 'no string field "text"' });
    const wide = JSON.stringify(Object.fromEntries('abcdefgh'.split('').map((k) => [k, k])));
    expect(parseJsonlRecord(wide, 'text', 'id')).toEqual({ ok: false, reason: 'no string field "text" (its string fields: "a", "b", "c", "d", "e", "f", …; --text-field chooses one)' });
    expect(parseJsonlRecord('{"text":42}', 'text', 'id')).toEqual({ ok: false, reason: 'no string field "text" (got number)' });
    expect(parseJsonlRecord('{"text":["a",1]}', 'text', 'id')).toEqual({ ok: false, reason: 'no string field "text" (got array)' });
    expect(parseJsonlRecord('{"text":[]}', 'text', 'id')).toEqual({ ok: false, reason: 'no string field "text" (got array)' });
    // An inherited property is not a field.
    expect(parseJsonlRecord('{}', 'constructor', 'id').ok).toBe(false);
  });
});

describe('readJsonl', () => {
  it('handles CRLF, blank lines, a BOM and a last line without newline', async () => {
    const { docs, warnings } = await collect(
      chunksOf(Buffer.from([0xef, 0xbb, 0xbf]), '{"id":"a","text":"alpha"}\r\n\r\n   \n{"text":"gam', 'ma"}'),
    );
    expect(warnings).toEqual([]);
    expect(docs).toEqual([
      { id: 'data.jsonl#a', path: 'data.jsonl', format: 'jsonl', text: 'alpha', bytes: 28, line: 1 },
      { id: 'data.jsonl#4', path: 'data.jsonl', format: 'jsonl', text: 'gamma', bytes: 16, line: 4 },
    ]);
  });

  it('reads a record holding a whole HTML page (a crawl) as its visible text, and leaves text mentioning tags alone', async () => {
    const page = '<!DOCTYPE html><html><head><title>T</title></head><body><nav>Menu</nav><main><p>Page <i>te</i>xt.</p></main></body></html>';
    const { docs, warnings } = await collect(chunksOf(`${JSON.stringify({ id: 'p', text: page })}\n${JSON.stringify({ id: 'q', text: 'Write <b>bold</b> like this.' })}\n`));
    expect(warnings).toEqual([]);
    expect(docs.map((d) => [d.id, d.text])).toEqual([
      ['data.jsonl#p', 'Page text.'],
      ['data.jsonl#q', 'Write <b>bold</b> like this.'],
    ]);
  });

  it('warns and skips bad lines with path:line messages', async () => {
    const { docs, warnings } = await collect(
      chunksOf('{"text":"ok"}\n{oops\n{"body":"x"}\n{"text":5}\n[]\n{"text":"ok2"}\n'),
    );
    expect(docs.map((d) => d.line)).toEqual([1, 6]);
    expect(warnings.map((w) => [w.reason, w.line, w.failed])).toEqual([
      ['jsonl', 2, false],
      ['jsonl', 3, false],
      ['jsonl', 4, false],
      ['jsonl', 5, false],
    ]);
    expect(warnings[0]?.message).toMatch(/^data\.jsonl:2: invalid JSON \(.+\); line skipped$/);
    expect(warnings[1]?.message).toBe('data.jsonl:3: no string field "text" (its string fields: "body"; --text-field chooses one); line skipped');
    expect(warnings[2]?.message).toBe('data.jsonl:4: no string field "text" (got number); line skipped');
  });

  it('throws a DedupeError E_INPUT with path and line in strict mode', async () => {
    const run = collect(chunksOf('{"text":"ok"}\n{"text":1}\n'), { ...OPTS, strict: true });
    const err = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDedupeError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'E_INPUT', path: 'data.jsonl', line: 2, exitCode: 2 });
    expect((err as Error).message).toBe('data.jsonl:2: no string field "text" (got number)');
  });

  it('keeps duplicate ids with distinct suffixes and warns', async () => {
    const { docs, warnings } = await collect(
      chunksOf('{"id":"x","text":"1"}\n{"id":"x","text":"2"}\n{"id":"x~2","text":"3"}\n{"id":"x","text":"4"}\n{"text":"5"}\n{"id":5,"text":"6"}\n'),
    );
    expect(docs.map((d) => d.id)).toEqual([
      'data.jsonl#x',
      'data.jsonl#x~2',
      'data.jsonl#x~2~2',
      'data.jsonl#x~3',
      'data.jsonl#5',
      'data.jsonl#5~2',
    ]);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    expect(warnings.every((w) => w.reason === 'duplicate-id' && !w.failed)).toBe(true);
    expect(warnings.map((w) => w.line)).toEqual([2, 3, 4, 6]);
    expect(warnings[0]?.message).toBe('data.jsonl:2: duplicate id "x" (first on line 1); kept as data.jsonl#x~2');
  });

  it('skips a line longer than maxDocBytes with a warning naming --max-doc-bytes', async () => {
    const long = `{"text":"${'z'.repeat(200)}"}`;
    const { docs, warnings } = await collect(chunksOf(`{"text":"a"}\n${long}\n{"text":"b"}`), { ...OPTS, maxDocBytes: 50 });
    expect(docs.map((d) => d.text)).toEqual(['a', 'b']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ reason: 'too-large', line: 2, failed: false });
    expect(warnings[0]?.message).toContain('--max-doc-bytes');
  });

  it('warns once per file about invalid UTF-8 and keeps the records', async () => {
    const bad = Buffer.concat([Buffer.from('{"text":"a'), Buffer.from([0xff]), Buffer.from('b"}\n')]);
    const { docs, warnings } = await collect(chunksOf(bad, bad));
    expect(docs.map((d) => d.text)).toEqual(['a\uFFFDb', 'a\uFFFDb']);
    expect(warnings.map((w) => [w.reason, w.line])).toEqual([['encoding', 1]]);
  });

  it('streams a real file', async () => {
    const root = await makeTree();
    try {
      const file = path.join(root, 'f.ndjson');
      const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `record ${i} ${'w '.repeat(i % 50)}` }));
      await writeFile(file, lines.join('\r\n'));
      const { docs, warnings } = await collect(openJsonlFile(file), OPTS, 'f.ndjson');
      expect(warnings).toEqual([]);
      expect(docs).toHaveLength(5000);
      expect(docs[4999]).toMatchObject({ id: 'f.ndjson#r4999', line: 5000, bytes: Buffer.byteLength(lines[4999] ?? '') });
    } finally {
      await removeTree(root);
    }
  });
});


describe('JSONL records with mojibake', () => {
  it('are repaired, with one warning for the file at the first such line', async () => {
    const good = 'São Paulo’s “mayor” said — déjà vu.';
    const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    const bad = Buffer.from(good, 'utf8').toString('latin1').replace(/[\x80-\x9f]/g, (c) => high[c.charCodeAt(0) - 0x80]!);
    const lines = [{ id: 'a', text: good }, { id: 'b', text: bad }, { id: 'c', text: bad }].map((r) => JSON.stringify(r)).join('\n');
    const { docs, warnings } = await collect(chunksOf(lines));
    expect(docs.map((d) => d.text)).toEqual([good, good, good]);
    expect(warnings.map((w) => [w.reason, w.line])).toEqual([['encoding', 2]]);
    expect(warnings[0]!.message).toMatch(/^data\.jsonl:2: mojibake repaired \(\d+ UTF-8 sequences .*\(and in any later record of this file, not warned about again\)$/);
  });
});
