import { chmod, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { isDedupeError } from '../../src/errors.js';
import { createInputStats, type InputStats } from '../../src/io/input-stats.js';
import { readInputs, type InputWarning, type ReadOptions } from '../../src/io/read-inputs.js';
import type { SourceDoc } from '../../src/types.js';
import { makeTree, removeTree } from './tmp-dir.js';

const roots: string[] = [];
afterEach(async () => {
  for (const r of roots.splice(0)) await removeTree(r);
});

async function tree(files: Record<string, string | Buffer> = {}): Promise<string> {
  const root = await makeTree(files);
  roots.push(root);
  return root;
}

function options(cwd: string, over: Partial<ReadOptions> = {}): ReadOptions {
  return {
    include: [],
    exclude: [],
    textField: 'text',
    idField: 'id',
    stdinFormat: 'text',
    maxDocBytes: 1 << 20,
    strict: false,
    cwd,
    ...over,
  };
}

interface Run {
  docs: SourceDoc[];
  warnings: InputWarning[];
  stats: InputStats;
}

async function run(
  inputs: string[],
  opts: ReadOptions,
  stdin?: NodeJS.ReadableStream,
  onDoc?: (d: SourceDoc) => Promise<void>,
): Promise<Run> {
  const docs: SourceDoc[] = [];
  const warnings: InputWarning[] = [];
  const stats = createInputStats();
  for await (const d of readInputs(inputs, opts, (w) => warnings.push(w), stdin, stats)) {
    docs.push(d);
    if (onDoc) await onDoc(d);
  }
  return { docs, warnings, stats };
}

const ids = (r: Run): string[] => r.docs.map((d) => d.id);

describe('readInputs: discovery', () => {
  it('walks directories in code-unit order, skipping hidden, node_modules and unknown extensions', async () => {
    const root = await tree({
      'corpus/b.txt': 'b',
      'corpus/B.md': 'B',
      'corpus/a/z.html': '<p>z</p>',
      'corpus/a/y.text': 'y',
      'corpus/a.txt': 'a-file',
      'corpus/é.txt': 'accent',
      'corpus/Z.htm': '<p>Z</p>',
      'corpus/.hidden.txt': 'hidden',
      'corpus/.git/config.txt': 'git',
      'corpus/node_modules/pkg/readme.md': 'nm',
      'corpus/image.jpg': 'not read',
      'corpus/notes.csv': 'not read',
      'corpus/data.ndjson': '{"text":"j"}\n',
      'corpus/x.XHTML': '<p>x</p>',
    });
    const r = await run(['corpus'], options(root));
    expect(r.warnings).toEqual([]);
    // Code-unit order: upper case before lower case, 'a' (a directory) before 'a.txt', 'é' last.
    expect(ids(r)).toEqual([
      'corpus/B.md',
      'corpus/Z.htm',
      'corpus/a/y.text',
      'corpus/a/z.html',
      'corpus/a.txt',
      'corpus/b.txt',
      'corpus/data.ndjson#1',
      'corpus/x.XHTML',
      'corpus/é.txt',
    ]);
    expect(r.docs.map((d) => d.format)).toEqual(['text', 'html', 'text', 'html', 'text', 'text', 'jsonl', 'html', 'text']);
    expect(r.stats.skippedUnknownExtension).toBe(2);
    expect(r.stats.skippedHidden).toBe(3);
    expect(r.stats.documents).toBe(9);
  });

  it('gives the same order whatever the creation order', async () => {
    // U+FF5A sorts after U+1F600 in UTF-8 byte order (EF… < F0…) but before it in UTF-16 code-unit
    // order (0xFF5A > 0xD83D): libuv returns byte order, dedupe promises code-unit order.
    const names = ['m.txt', 'b.txt', 'k/a.txt', 'a.txt', '\uFF5A.txt', 'k.txt', 'C.txt', '\u{1F600}.txt', 'k/0.txt'];
    const forward = await tree(Object.fromEntries(names.map((n) => [`d/${n}`, n])));
    const backward = await tree(Object.fromEntries([...names].reverse().map((n) => [`d/${n}`, n])));
    const a = await run(['d'], options(forward));
    const b = await run(['d'], options(backward));
    expect(ids(a)).toEqual([
      'd/C.txt',
      'd/a.txt',
      'd/b.txt',
      'd/k/0.txt',
      'd/k/a.txt',
      'd/k.txt',
      'd/m.txt',
      'd/\u{1F600}.txt',
      'd/\uFF5A.txt',
    ]);
    expect(ids(b)).toEqual(ids(a));
  });

  it('keeps inputs in the order given, reads named files with any extension, and skips binaries', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const root = await tree({
      'z.txt': 'zed',
      'notes.csv': 'a,b,c',
      'README': 'no extension',
      'img.png': png,
      'dir/pic.txt': png,
      'dir/nul.txt': Buffer.from('abc\0def'),
      '.hidden.txt': 'named hidden files are read',
    });
    const r = await run(['z.txt', 'notes.csv', 'README', 'img.png', 'dir', '.hidden.txt'], options(root));
    expect(ids(r)).toEqual(['z.txt', 'notes.csv', 'README', '.hidden.txt']);
    expect(r.docs[1]).toEqual({ id: 'notes.csv', path: 'notes.csv', format: 'text', text: 'a,b,c', bytes: 5 });
    expect(r.warnings.map((w) => [w.path, w.reason, w.failed])).toEqual([
      ['img.png', 'binary', false],
      ['dir/nul.txt', 'binary', false],
      ['dir/pic.txt', 'binary', false],
    ]);
    expect(r.warnings[0]?.message).toBe('img.png: binary file (PNG image); skipped');
  });

  it('makes paths relative to cwd with forward slashes, ../ outside it', async () => {
    const root = await tree({ 'work/a.txt': 'a', 'other/b.txt': 'b' });
    const cwd = path.join(root, 'work');
    const r = await run(['./a.txt', '../other', path.join(root, 'other', 'b.txt')], options(cwd));
    // b.txt reached by the directory walk first, then named by absolute path: read once, silently.
    expect(ids(r)).toEqual(['a.txt', '../other/b.txt']);
    expect(r.warnings).toEqual([]);
  });

  it('reads a path named twice once, with a duplicate-path warning', async () => {
    const root = await tree({ 'a.txt': 'a', 'd/b.txt': 'b' });
    const r = await run(['a.txt', 'd', './a.txt', 'd/', 'd/b.txt'], options(root));
    expect(ids(r)).toEqual(['a.txt', 'd/b.txt']);
    expect(r.warnings.map((w) => [w.path, w.reason, w.failed])).toEqual([
      ['a.txt', 'duplicate-path', false],
      ['d', 'duplicate-path', false],
    ]);
  });

  it('reads overlapping directory arguments once, silently', async () => {
    const root = await tree({ 'c/x.txt': 'x', 'c/sub/y.txt': 'y' });
    const r = await run(['c/sub', 'c'], options(root));
    expect(ids(r)).toEqual(['c/sub/y.txt', 'c/x.txt']);
    expect(r.warnings).toEqual([]);
  });

  it('applies include and exclude globs relative to the directory argument', async () => {
    const root = await tree({
      'c/keep.md': 'k',
      'c/skip.txt': 's',
      'c/sub/deep.md': 'd',
      'c/drafts/d.md': 'draft',
      'c/sub/old.md': 'old',
    });
    const r = await run(['c', 'c/skip.txt'], options(root, { include: ['*.md'], exclude: ['drafts', 'sub/old.*'] }));
    // Named files bypass the globs.
    expect(ids(r)).toEqual(['c/keep.md', 'c/sub/deep.md', 'c/skip.txt']);
    expect(r.stats.skippedExcluded).toBe(3);
  });

  it('treats an include glob with a slash as relative to the directory argument', async () => {
    const root = await tree({ 'c/sub/a.txt': 'a', 'c/b.txt': 'b', 'c/x/sub/c.txt': 'c' });
    const r = await run(['c'], options(root, { include: ['sub/**'] }));
    expect(ids(r)).toEqual(['c/sub/a.txt']);
  });

  it('walks a directory with many entries and deep nesting without recursion', async () => {
    const root = await tree();
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`wide/f${String(i).padStart(5, '0')}.txt`] = `doc ${i}`;
    await Promise.all(
      Object.entries(files).map(async ([rel, text]) => {
        await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
        await writeFile(path.join(root, rel), text);
      }),
    );
    let deep = 'deep';
    for (let i = 0; i < 200; i++) deep += '/d';
    await mkdir(path.join(root, deep), { recursive: true });
    await writeFile(path.join(root, deep, 'leaf.txt'), 'leaf');
    const r = await run(['wide', 'deep'], options(root));
    expect(r.docs).toHaveLength(3001);
    expect(r.docs[0]?.id).toBe('wide/f00000.txt');
    expect(r.docs[2999]?.text).toBe('doc 2999');
    expect(r.docs[3000]?.id).toBe(`${deep}/leaf.txt`);
  });
});

describe('readInputs: symlinks', () => {
  it('follows links to files and directories, warns about loops and broken links', async () => {
    const root = await tree({ 'real/a.txt': 'a', 'outside/o.txt': 'o', 'target.txt': 't' });
    await symlink(path.join(root, 'target.txt'), path.join(root, 'real', 'link.txt'));
    await symlink(path.join(root, 'outside'), path.join(root, 'real', 'linkdir'));
    await symlink('..', path.join(root, 'real', 'up')); // leads to root, whose child `real` is an ancestor: a loop
    await symlink('.', path.join(root, 'real', 'self')); // loop: points at real itself
    await symlink(path.join(root, 'missing.txt'), path.join(root, 'real', 'broken.txt'));
    await symlink('ping', path.join(root, 'real', 'pong'));
    await symlink('pong', path.join(root, 'real', 'ping'));
    const r = await run(['real'], options(root));
    // `up` leads to root, which holds outside (walked via linkdir: silent), target.txt (read through
    // link.txt: silent) and real, which is on the walk's own path (real/up/real): a loop warning.
    expect(ids(r)).toEqual(['real/a.txt', 'real/link.txt', 'real/linkdir/o.txt']);
    const byPath = Object.fromEntries(r.warnings.map((w) => [w.path, [w.reason, w.failed]]));
    expect(byPath).toEqual({
      'real/broken.txt': ['unreadable', true],
      'real/ping': ['unsupported', false],
      'real/pong': ['unsupported', false],
      'real/self': ['unsupported', false],
      'real/up/real': ['unsupported', false],
    });
    expect(r.warnings.find((w) => w.path === 'real/broken.txt')?.message).toMatch(/^real\/broken\.txt: broken symbolic link/);
    expect(r.warnings.find((w) => w.path === 'real/self')?.message).toMatch(/^real\/self: symbolic link loop/);
  });

  it('reads a named symlink to a file under the name given', async () => {
    const root = await tree({ 'data/t.txt': 'text' });
    await symlink(path.join(root, 'data', 't.txt'), path.join(root, 'alias.txt'));
    await symlink(path.join(root, 'nothing'), path.join(root, 'dangling.txt'));
    const r = await run(['alias.txt', 'data', 'dangling.txt'], options(root));
    expect(ids(r)).toEqual(['alias.txt']);
    expect(r.warnings).toEqual([
      {
        path: 'dangling.txt',
        reason: 'unreadable',
        message: 'dangling.txt: broken symbolic link (target does not exist)',
        failed: true,
      },
    ]);
  });
});

describe('readInputs: formats and problems', () => {
  it('decodes UTF-16 LE/BE and UTF-8 with BOM, and warns once about invalid UTF-8', async () => {
    const text = 'Ünïcödé text';
    const root = await tree({
      'le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
      'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      'bad.txt': Buffer.concat([Buffer.from('ok Ünïcödé '), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(' ok')]),
    });
    const r = await run(['le.txt', 'be.txt', 'bom.txt', 'bad.txt'], options(root));
    expect(r.docs.map((d) => d.text.slice(0, text.length))).toEqual([text, text, text, expect.stringMatching(/^ok Ünïcödé \uFFFD/)]);
    expect(r.docs[0]?.bytes).toBe(2 + text.length * 2);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ path: 'bad.txt', reason: 'encoding', failed: false });
    expect(r.warnings[0]?.message).toMatch(/^bad\.txt: invalid UTF-8/);
  });

  it('extracts visible text from HTML files', async () => {
    const root = await tree({ 'p.html': '<html><head><title>t</title></head><body><p><b>Hel</b>lo</p><p>there</p></body></html>' });
    const r = await run(['p.html'], options(root));
    expect(r.docs[0]).toMatchObject({ id: 'p.html', format: 'html', text: 'Hello\n\nthere' });
  });

  it('gives the HTML and text versions of the article the same words', async () => {
    const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../fixtures/io');
    const r = await run(['article.txt', 'article.html'], options(fixtures));
    const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    expect(r.docs).toHaveLength(2);
    expect(words(r.docs[1]?.text ?? '')).toEqual(words(r.docs[0]?.text ?? 'x'));
    expect(r.docs[1]?.bytes).toBe(readFileSync(path.join(fixtures, 'article.html')).length);
  });

  it('yields empty files as documents without warnings', async () => {
    const root = await tree({ 'e.txt': '', 'e.html': '<script>x</script>', 'e.jsonl': '\n\n' });
    const r = await run(['e.txt', 'e.html', 'e.jsonl'], options(root));
    expect(r.docs.map((d) => [d.id, d.text])).toEqual([
      ['e.txt', ''],
      ['e.html', ''],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('skips files larger than maxDocBytes, naming --max-doc-bytes', async () => {
    const root = await tree({ 'big.txt': 'x'.repeat(101), 'ok.txt': 'x'.repeat(100) });
    const r = await run(['big.txt', 'ok.txt'], options(root, { maxDocBytes: 100 }));
    expect(ids(r)).toEqual(['ok.txt']);
    expect(r.warnings).toEqual([
      {
        path: 'big.txt',
        reason: 'too-large',
        message: 'big.txt: 101 bytes is larger than --max-doc-bytes (100); skipped',
        failed: false,
      },
    ]);
  });

  it('reports a missing named input as failed and continues', async () => {
    const root = await tree({ 'a.txt': 'a' });
    const r = await run(['nope.txt', 'a.txt'], options(root));
    expect(ids(r)).toEqual(['a.txt']);
    expect(r.warnings).toEqual([
      { path: 'nope.txt', reason: 'unreadable', message: 'nope.txt: no such file or directory', failed: true },
    ]);
  });

  it('reports a file that vanished between listing and reading as failed', async () => {
    const root = await tree({ 'd/a.txt': 'a', 'd/b.txt': 'b', 'd/c.txt': 'c', 'd/d.jsonl': '{"text":"j"}\n' });
    const r = await run(['d'], options(root, { readAhead: 1 }), undefined, async (doc) => {
      if (doc.id === 'd/a.txt') {
        await rm(path.join(root, 'd', 'b.txt'));
        await rm(path.join(root, 'd', 'd.jsonl'));
      }
    });
    expect(ids(r)).toEqual(['d/a.txt', 'd/c.txt']);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'd/b.txt: no such file or directory',
      'd/d.jsonl: no such file or directory',
    ]);
    expect(r.warnings.every((w) => w.reason === 'unreadable' && w.failed)).toBe(true);
  });

  it('reports an unreadable file as failed (skipped when running as root)', async () => {
    const root = await tree({ 'secret.txt': 's', 'open.txt': 'o' });
    const secret = path.join(root, 'secret.txt');
    await chmod(secret, 0o000);
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const r = await run(['secret.txt', 'open.txt'], options(root));
    await chmod(secret, 0o600);
    if (isRoot) {
      // root ignores file modes, so the file is readable; nothing to assert about EACCES here
      // (the vanished-file test above covers the read-error path).
      expect(ids(r)).toEqual(['secret.txt', 'open.txt']);
      return;
    }
    expect(ids(r)).toEqual(['open.txt']);
    expect(r.warnings).toEqual([
      { path: 'secret.txt', reason: 'unreadable', message: 'secret.txt: permission denied', failed: true },
    ]);
  });

  it('reads JSONL files among other inputs in order, with path#id ids', async () => {
    const root = await tree({
      'a.txt': 'a',
      'data.jsonl': '{"id":"x","text":"one"}\r\n{"text":"two"}\r\nnot json\r\n{"id":"x","text":"three"}',
      'z.txt': 'z',
    });
    const r = await run(['a.txt', 'data.jsonl', 'z.txt'], options(root, { readAhead: 4 }));
    expect(ids(r)).toEqual(['a.txt', 'data.jsonl#x', 'data.jsonl#2', 'data.jsonl#x~2', 'z.txt']);
    expect(r.docs[2]).toEqual({ id: 'data.jsonl#2', path: 'data.jsonl', format: 'jsonl', text: 'two', bytes: 14, line: 2 });
    expect(r.warnings.map((w) => [w.reason, w.line])).toEqual([
      ['jsonl', 3],
      ['duplicate-id', 4],
    ]);
  });

  it('reads a .json file as its records: an array, one element a record, or one object', async () => {
    const root = await tree({
      'arr.json': '\ufeff[\n {"id": "p", "text": "one"},\n {"text": "two"},\n "not a record",\n {"id": "p", "text": "three"}\n]',
      'one.json': '{"id": "solo", "text": "alone"}',
      'bad.json': '[{"id": "x", "text": ',
      'dir/nested.JSON': '[{"text": "found in a directory"}]',
      'dir/package.json': '{"name": "not a dataset"}',
    });
    const r = await run(['arr.json', 'one.json', 'bad.json', 'dir'], options(root));
    // Named on the command line: read. Met in a directory: skipped like an unknown extension.
    expect(ids(r)).toEqual(['arr.json#p', 'arr.json#2', 'arr.json#p~2', 'one.json#solo']);
    expect(r.docs.map((d) => d.text)).toEqual(['one', 'two', 'three', 'alone']);
    expect(r.stats.skippedUnknownExtension).toBe(2);
    // Named by an --include glob: read.
    const included = await run(['dir'], options(root, { include: ['nested.JSON'] }));
    expect(ids(included)).toEqual(['dir/nested.JSON#1']);
    expect(included.warnings).toEqual([]);
    expect(r.docs[1]).toMatchObject({ format: 'jsonl', line: 2 }); // "line": the record's number in the array
    expect(r.warnings.map((w) => w.message)).toEqual([
      'arr.json:3: not a JSON object (got string); line skipped',
      'arr.json:4: duplicate id "p" (first on line 1); kept as arr.json#p~2',
      expect.stringMatching(/^bad\.json: invalid JSON \(.+\); file skipped$/),
    ]);
    const err = await run(['bad.json'], options(root, { strict: true })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDedupeError(err) && err.message).toMatch(/^bad\.json: invalid JSON/);
  });

  it('stops with E_INPUT on a malformed JSONL line in strict mode', async () => {
    const root = await tree({ 'data.jsonl': '{"text":"a"}\n{"txt":"b"}\n' });
    const err = await run(['data.jsonl'], options(root, { strict: true })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDedupeError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'E_INPUT', path: 'data.jsonl', line: 2 });
  });
});

describe('readInputs: stdin', () => {
  it('reads text from the given stream as "-"', async () => {
    const root = await tree({ 'a.txt': 'a' });
    const r = await run(['a.txt', '-', '-'], options(root), Readable.from([Buffer.from('from '), Buffer.from('stdin')]));
    expect(r.docs.map((d) => [d.id, d.path, d.text, d.format])).toEqual([
      ['a.txt', 'a.txt', 'a', 'text'],
      ['-', '-', 'from stdin', 'text'],
    ]);
    expect(r.warnings.map((w) => [w.path, w.reason])).toEqual([['-', 'duplicate-path']]);
  });

  it('parses stdin as HTML or JSONL when asked', async () => {
    const root = await tree();
    const html = await run(['-'], options(root, { stdinFormat: 'html' }), Readable.from(['<p>a</p><p>b</p>']));
    expect(html.docs[0]).toMatchObject({ id: '-', format: 'html', text: 'a\n\nb' });
    const jsonl = await run(
      ['-'],
      options(root, { stdinFormat: 'jsonl' }),
      Readable.from([Buffer.from('{"id":"q","text":"one"}\n{"te'), Buffer.from('xt":"two"}\n')]),
    );
    expect(jsonl.docs.map((d) => [d.id, d.path, d.line])).toEqual([
      ['-#q', '-', 1],
      ['-#2', '-', 2],
    ]);
  });

  it('skips too-large stdin with a warning', async () => {
    const root = await tree();
    const r = await run(['-'], options(root, { maxDocBytes: 4 }), Readable.from([Buffer.from('12345')]));
    expect(r.docs).toEqual([]);
    expect(r.warnings[0]).toMatchObject({ path: '-', reason: 'too-large', failed: false });
  });
});
