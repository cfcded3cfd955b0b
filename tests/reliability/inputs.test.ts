/**
 * Issue 5: every bad input gets a clear answer and nothing is lost. Inputs are never modified;
 * binaries are skipped with one warning each and a summary; odd encodings are decoded; unreadable
 * and vanishing inputs are warned about and the run goes on (exit 2 at the end); huge inputs are
 * refused by size without being read; deep and wide trees are walked without recursion.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createWriteStream, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, open, readFile, readdir, stat, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { makeBadFixtures } from '../../scripts/make-bad-fixtures.mjs';
import { readInputs } from '../../src/io/read-inputs.js';
import type { InputWarning } from '../../src/io/read-inputs.js';
import { ROOT, expectNoCrash, makeFastTmp, makeTmp, parseJson, removeTmp, runCli, warnings } from '../cli/run-cli.js';

let tmp: string;
let bad: string;

beforeAll(async () => {
  tmp = await makeTmp('dedupe-inputs-');
  bad = path.join(tmp, 'bad');
  await (makeBadFixtures as (dir: string) => Promise<string[]>)(bad);
});
afterAll(() => removeTmp(tmp));

/** Every regular file under `dir` → "sha256 mtimeMs size". */
async function fingerprintTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) await walk(abs);
      else if (e.isFile()) {
        const st = await stat(abs);
        const hash = createHash('sha256').update(await readFile(abs)).digest('hex');
        out.set(path.relative(dir, abs), `${hash} ${st.mtimeMs} ${st.size}`);
      }
    }
  };
  await walk(dir);
  return out;
}

describe('inputs are never modified', () => {
  it('hashes, sizes and mtimes of fixtures/** and the bad corpus are the same after runs (stdout, -o)', async () => {
    const before = [await fingerprintTree(path.join(ROOT, 'fixtures')), await fingerprintTree(bad)];
    expect(before[0]!.size).toBeGreaterThan(10);
    const out = path.join(tmp, 'out', 'report.json');
    await mkdir(path.dirname(out), { recursive: true });
    const runs = [
      await runCli(['fixtures', bad, '--json']),
      await runCli(['fixtures', bad, '--format', 'html', '-o', out]),
      await runCli(['fixtures', bad, '--redundant', '--include-contained', '--stem', '--stopwords']),
    ];
    for (const r of runs) {
      expectNoCrash(r);
      expect(r.code).toBe(0);
    }
    const after = [await fingerprintTree(path.join(ROOT, 'fixtures')), await fingerprintTree(bad)];
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).toEqual(before[1]);
    expect((await readdir(path.dirname(out))).sort()).toEqual(['report.json']); // no temp file left behind
  });
});

describe('binary files', () => {
  // paper.pdf is read as a PDF (and is a damaged one: see below); the rest are binaries.
  const named = ['image.png', 'archive.zip', 'photo.jpg', 'data.gz', 'nul-bytes.txt', 'disguised-png.txt', 'disguised-pdf.md'];

  it('named binaries are skipped with one warning each and a summary line; their words are never read', async () => {
    const r = await runCli([...named.map((n) => path.join(bad, 'binary', n)), 'fixtures/seeds', '--json']);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    const w = warnings(r.stderr);
    for (const n of named) expect(w.filter((l) => l.includes(`binary/${n}: binary file (`))).toHaveLength(1);
    expect(w.filter((l) => l.includes('binary file'))).toHaveLength(named.length);
    expect(r.stderr).toContain(`dedupe: skipped ${named.length} files: ${named.length} binary\n`);
    const report = parseJson(r);
    expect(report.documents.map((d) => d.id).filter((id) => id.includes('binary/'))).toEqual([]);
    expect(report.documents).toHaveLength(5);
  });

  it('a .pdf without a readable page tree is one warning, counted as damaged; its words are never read', async () => {
    const r = await runCli([path.join(bad, 'binary', 'paper.pdf'), 'fixtures/seeds', '--json']);
    expect(r.code).toBe(0);
    const w = warnings(r.stderr);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^dedupe: warning: \S*binary\/paper\.pdf: cannot read as \.pdf: Invalid PDF structure; skipped$/);
    expect(r.stderr).toContain('dedupe: skipped 1 file: 1 damaged (.docx, .odt, .pdf)\n');
    expect(parseJson(r).documents).toHaveLength(5);
  });

  it('in a directory walk: binary text-named files warned, other extensions skipped silently, --verbose lists them', async () => {
    const dir = path.join(bad, 'binary');
    const quiet = await runCli([dir, '--json']);
    expectNoCrash(quiet);
    expect(quiet.code).toBe(0);
    expect(warnings(quiet.stderr)).toHaveLength(4); // nul-bytes.txt, disguised-png.txt, disguised-pdf.md; paper.pdf (damaged)
    expect(quiet.stderr).toMatch(/dedupe: skipped 8 files: 3 binary, 1 damaged \(\.docx, \.odt, \.pdf\), 4 with an unknown extension \(--verbose lists them\)/);
    expect(parseJson(quiet).documents).toEqual([]);

    const verbose = await runCli([dir, '--json', '--verbose']);
    for (const n of ['archive.zip', 'data.gz', 'image.png', 'photo.jpg']) {
      expect(verbose.stderr).toContain(`dedupe: skipped ${path.relative(ROOT, dir)}/${n} (with an unknown extension)\n`);
    }
    expect(verbose.stderr).not.toContain('--verbose lists them');
  });

  it('--quiet silences the warnings and the summary, not the report', async () => {
    const r = await runCli([path.join(bad, 'binary'), 'fixtures/seeds', '--json', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(parseJson(r).documents).toHaveLength(5);
  });
});

describe('encodings', () => {
  it('UTF-8 with and without BOM, UTF-16 LE and BE with BOM: all four copies of the article are one duplicate cluster', async () => {
    const names = ['article-utf8.txt', 'article-utf8-bom.txt', 'article-utf16le.txt', 'article-utf16be.txt'];
    const r = await runCli([...names.map((n) => path.join(bad, 'encoding', n)), '--json']);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = parseJson(r);
    expect(new Set(report.documents.map((d) => d.tokens)).size).toBe(1); // same words whatever the encoding
    expect(new Set(report.documents.map((d) => d.chars)).size).toBe(1); // the BOM is not text
    expect(report.clusters).toHaveLength(1);
    expect(report.clusters[0]!.members).toHaveLength(4);
    for (const p of report.pairs) expect(p.jaccard).toBe(1);
  });

  it('a UTF-16 copy is a duplicate of its UTF-8 original in the seeds corpus', async () => {
    const r = await runCli(['fixtures/seeds', path.join(bad, 'encoding', 'article-utf16le.txt'), '--json']);
    expect(r.code).toBe(0);
    const report = parseJson(r);
    const c = report.clusters.find((x) => x.members.some((m) => m.endsWith('article-utf16le.txt')));
    expect(c?.members).toContain('fixtures/seeds/000_8e656ef614cc4b96.txt');
  });

  it('Latin-1, damaged UTF-8 and odd-length UTF-16: read (in the detected encoding, or with replacement characters) with exactly one warning per file', async () => {
    const files = ['latin1.txt', 'invalid-utf8.txt', 'utf16le-odd.txt'].map((n) => path.join(bad, 'encoding', n));
    const r = await runCli([...files, '--json']);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    const w = warnings(r.stderr);
    expect(w).toHaveLength(3);
    expect(w[0]).toMatch(/latin1\.txt: not UTF-8; read as windows-1252 \(detected\)$/);
    expect(w[1]).toMatch(/invalid-utf8\.txt: invalid UTF-8/);
    expect(w[2]).toMatch(/utf16le-odd\.txt: invalid UTF-16LE/);
    const docs = parseJson(r).documents;
    expect(docs).toHaveLength(3);
    for (const d of docs) expect(d.tokens).toBeGreaterThan(3);
    expect(docs.find((d: { id: string }) => d.id.endsWith('latin1.txt')).tokens).toBe(16); // "café", "crème", "près", "forêt", "très": one word each
  });

  it('files in legacy encodings (windows-1251, KOI8-R HTML, GB18030, windows-1256) are duplicates of their UTF-8 originals', async () => {
    const r = await runCli(['fixtures/multilingual', 'fixtures/encodings', '--json']);
    expect(r.code).toBe(0);
    const base = (m: string): string => path.basename(m);
    const clusters = parseJson(r).clusters.map((c) => c.members.map(base).sort());
    expect(clusters).toEqual([
      ['ar-a.txt', 'ar-a.windows-1256.txt'],
      ['ru-a.koi8-r.html', 'ru-a.txt', 'ru-a.windows-1251.txt'],
      ['zh-a.gb18030.txt', 'zh-a.txt'],
    ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)).map((c) => c).sort());
    for (const p of parseJson(r).pairs.filter((x) => x.kind === 'duplicate')) expect(p.jaccard).toBe(1);
    expect(warnings(r.stderr).map((w) => w.replace(/^dedupe: warning: fixtures\/encodings\//, '')).sort()).toEqual([
      'ar-a.windows-1256.txt: not UTF-8; read as windows-1256 (detected)',
      'ru-a.koi8-r.html: not UTF-8; read as koi8-r (as its <meta charset> declares)',
      'ru-a.windows-1251.txt: not UTF-8; read as windows-1251 (detected)',
      'zh-a.gb18030.txt: not UTF-8; read as gb18030 (detected)',
    ]);
  });

  it('UTF-16 without a BOM is indistinguishable from binary (NUL bytes): skipped with a warning', async () => {
    const r = await runCli([path.join(bad, 'encoding', 'utf16le-no-bom.txt'), '--json']);
    expect(r.code).toBe(0);
    expect(warnings(r.stderr)).toEqual([expect.stringMatching(/utf16le-no-bom\.txt: binary file \(NUL bytes\); skipped$/)]);
  });
});

describe('unreadable and vanishing inputs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = path.join(tmp, 'unreadable');
    await mkdir(path.join(dir, 'tree'), { recursive: true });
    await writeFile(path.join(dir, 'good.txt'), 'a perfectly good document with several words in it');
    await writeFile(path.join(dir, 'tree', 'inside.txt'), 'another good document that lives inside the tree');
    await symlink('does-not-exist.txt', path.join(dir, 'broken.txt'));
    await symlink('loop-b.txt', path.join(dir, 'loop-a.txt'));
    await symlink('loop-a.txt', path.join(dir, 'loop-b.txt'));
    await symlink('..', path.join(dir, 'tree', 'up')); // a directory link to its own ancestor
  });

  it('a missing named file: one warning, the run continues, the report is complete, exit 2 at the end', async () => {
    const r = await runCli(['fixtures/seeds', 'no/such/file.txt', '--json']);
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(warnings(r.stderr)).toEqual(['dedupe: warning: no/such/file.txt: no such file or directory']);
    expect(r.stderr).toContain('dedupe: error: 1 input could not be read (see the warnings above)');
    expect(parseJson(r).documents).toHaveLength(5);
  });

  it('a broken symlink and a symlink loop, named: a warning each, exit 2', async () => {
    const r = await runCli([path.join(dir, 'good.txt'), path.join(dir, 'broken.txt'), path.join(dir, 'loop-a.txt'), '--json'], { cwd: dir });
    expectNoCrash(r);
    expect(r.code).toBe(2);
    const w = warnings(r.stderr);
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/broken\.txt: broken symbolic link/);
    expect(w[1]).toMatch(/loop-a\.txt: symbolic link loop/);
    expect(r.stderr).toContain('dedupe: error: 2 inputs could not be read');
    expect(parseJson(r).documents.map((d) => d.id)).toEqual(['good.txt']);
  });

  it('found in a walk: broken link warned (counts as unreadable: exit 2), loops warned and skipped, everything else read', async () => {
    const r = await runCli(['.', '--json'], { cwd: dir });
    expectNoCrash(r);
    expect(r.code).toBe(2);
    const w = warnings(r.stderr);
    expect(w.some((l) => /broken\.txt: broken symbolic link/.test(l))).toBe(true);
    expect(w.some((l) => /loop-a\.txt: symbolic link loop/.test(l))).toBe(true);
    expect(w.some((l) => /tree\/up: symbolic link loop \(directory is its own ancestor\)/.test(l))).toBe(true);
    expect(parseJson(r).documents.map((d) => d.id)).toEqual(['good.txt', 'tree/inside.txt']);
  });

  it('a path given twice (or through another spelling) is read once, with one warning; exit 0', async () => {
    const r = await runCli(['good.txt', './good.txt', 'tree/../good.txt', '--json'], { cwd: dir });
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(warnings(r.stderr)).toHaveLength(2);
    for (const l of warnings(r.stderr)) expect(l).toMatch(/good\.txt: named more than once .*; read once$/);
    expect(parseJson(r).documents.map((d) => d.id)).toEqual(['good.txt']);
  });

  it('a file named as a directory (ENOTDIR): a warning, exit 2', async () => {
    const r = await runCli(['good.txt/child.txt', 'good.txt', '--json'], { cwd: dir });
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(warnings(r.stderr)).toEqual(['dedupe: warning: good.txt/child.txt: not a directory']);
    expect(parseJson(r).documents.map((d) => d.id)).toEqual(['good.txt']);
  });

  it('a named socket is not readable: "not a regular file or directory", exit 2', async () => {
    const sock = path.join(dir, 'sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    try {
      const r = await runCli(['sock', 'good.txt', '--json'], { cwd: dir });
      expectNoCrash(r);
      expect(r.code).toBe(2);
      expect(warnings(r.stderr)).toEqual(['dedupe: warning: sock: not a regular file or directory; skipped']);
      expect(parseJson(r).documents).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a named FIFO is read as a stream (dedupe <(cmd)); a FIFO inside a directory is skipped, not waited on', async () => {
    const fifoDir = path.join(tmp, 'fifo');
    await mkdir(fifoDir);
    execFileSync('mkfifo', [path.join(fifoDir, 'pipe.txt')]);
    await writeFile(path.join(fifoDir, 'plain.txt'), 'some words in a plain file next to a fifo');
    // In a walk: not opened (opening a FIFO without a writer would block forever).
    const walked = await runCli(['.', '--json'], { cwd: fifoDir });
    expect(walked.code).toBe(0);
    expect(parseJson(walked).documents.map((d) => d.id)).toEqual(['plain.txt']);
    // Named: read to its end, like a file.
    const named = runCli(['pipe.txt', '--json'], { cwd: fifoDir });
    const writer = createWriteStream(path.join(fifoDir, 'pipe.txt'));
    writer.end('words written into the fifo by another process');
    const r = await named;
    expectNoCrash(r);
    expect(r.code).toBe(0);
    const docs = parseJson(r).documents;
    expect(docs.map((d) => [d.id, d.tokens])).toEqual([['pipe.txt', 8]]);
  });

  it('permission denied: a warning, exit 2 (as root: a write-only /proc/sys entry, which even root cannot read)', async (ctx) => {
    let locked: string | undefined;
    let cleanup = async (): Promise<void> => undefined;
    if (process.getuid?.() !== 0) {
      locked = path.join(dir, 'locked.txt');
      await writeFile(locked, 'secret words');
      await chmod(locked, 0o000);
      cleanup = async () => unlink(locked!);
    } else {
      for (const p of ['/proc/sys/vm/compact_memory', '/proc/sys/vm/drop_caches']) {
        try {
          closeSync(openSync(p, 'r'));
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EACCES') {
            locked = p;
            break;
          }
        }
      }
    }
    if (locked === undefined) return ctx.skip();
    try {
      const r = await runCli([locked, 'good.txt', '--json'], { cwd: dir });
      expectNoCrash(r);
      expect(r.code).toBe(2);
      expect(warnings(r.stderr)).toEqual([`dedupe: warning: ${path.relative(dir, locked)}: permission denied`]);
      expect(parseJson(r).documents.map((d) => d.id)).toEqual(['good.txt']);
    } finally {
      await cleanup();
    }
  });

  it('a file that vanishes between listing and reading: one "unreadable" warning marked failed; the rest is read', async () => {
    const vdir = path.join(tmp, 'vanish');
    await mkdir(vdir);
    for (const n of ['a', 'b', 'c']) await writeFile(path.join(vdir, `${n}.txt`), `document ${n} words`);
    const got: string[] = [];
    const warned: InputWarning[] = [];
    const opts = { include: [], exclude: [], textField: 'text', idField: 'id', stdinFormat: 'text' as const, maxDocBytes: 1 << 20, strict: false, cwd: vdir, readAhead: 1 };
    for await (const doc of readInputs(['.'], opts, (w) => warned.push(w))) {
      got.push(doc.id);
      if (doc.id === 'a.txt') await unlink(path.join(vdir, 'b.txt')); // listed already, not yet read
    }
    expect(got).toEqual(['a.txt', 'c.txt']);
    expect(warned).toEqual([expect.objectContaining({ path: 'b.txt', reason: 'unreadable', failed: true, message: 'b.txt: no such file or directory' })]);
  });
});

describe('scale and resource limits', () => {
  it('a 1 GB file (sparse) is refused by its size, naming --max-doc-bytes, without being read', async () => {
    const huge = path.join(tmp, 'huge.txt');
    const fh = await open(huge, 'w');
    await fh.close();
    await truncate(huge, 1024 ** 3);
    const r = await runCli([huge, 'fixtures/seeds/000_8e656ef614cc4b96.txt', '--json']);
    expectNoCrash(r);
    expect(r.code).toBe(0); // skipping was asked for (by the limit), not a failure
    expect(warnings(r.stderr)).toEqual([
      `dedupe: warning: ${path.relative(ROOT, huge)}: 1073741824 bytes is larger than --max-doc-bytes (67108864); skipped`,
    ]);
    expect(r.stderr).toContain('dedupe: skipped 1 file: 1 larger than --max-doc-bytes');
    expect(parseJson(r).documents).toHaveLength(1);
    // --max-doc-bytes moves the limit: a small one refuses the article too.
    const small = await runCli(['fixtures/seeds/000_8e656ef614cc4b96.txt', '--max-doc-bytes', '1k', '--json']);
    expect(small.code).toBe(0);
    expect(warnings(small.stderr)).toEqual([expect.stringContaining('is larger than --max-doc-bytes (1024); skipped')]);
    await unlink(huge);
  });

  it('2000 nested directories are walked without recursion limits', async () => {
    const deep = path.join(tmp, 'deep');
    let p = deep;
    mkdirSync(p);
    for (let i = 1; i <= 2000; i++) {
      p = path.join(p, 'd');
      mkdirSync(p);
      if (i % 400 === 0) writeFileSync(path.join(p, 'f.txt'), `a document at depth ${i} with a few words`);
    }
    const r = await runCli(['.', '--json'], { cwd: deep });
    expectNoCrash(r);
    expect(r.code).toBe(0);
    // Depth first, entries in code-unit order: the directory `d` comes before `f.txt`.
    expect(parseJson(r).documents.map((d) => d.id.split('/').length - 1)).toEqual([2000, 1600, 1200, 800, 400]);
  });

  it('a directory of 100,000 small files: completes with the right count', { timeout: 120_000 }, async () => {
    const base = await makeFastTmp('dedupe-wide-'); // tmpfs when there is one: 100k files on disk are slow to make
    try {
      const wide = path.join(base, 'wide');
      mkdirSync(wide);
      const N = 100_000;
      for (let d = 0; d < 100; d++) {
        const sub = path.join(wide, `d${String(d).padStart(2, '0')}`);
        mkdirSync(sub);
        for (let i = 0; i < N / 100; i++) {
          const n = d * 1000 + i;
          // Six tokens, two shingles, all but "file" unique to the file: no duplicates expected.
          writeFileSync(path.join(sub, `f${i}.txt`), `file ${d} ${i} ${n.toString(36)}x ${(n * 7919).toString(36)}y ${n}z`);
        }
      }
      const r = await runCli(['wide', '--format', 'jsonl', '--no-overlap'], { cwd: base });
      expectNoCrash(r);
      expect(r.code).toBe(0);
      const lines = r.stdout.trimEnd().split('\n');
      const summary = JSON.parse(lines.at(-1)!) as { type: string; documents: number; clusters: number };
      expect(summary.type).toBe('summary');
      expect(summary.documents).toBe(N);
      expect(summary.clusters).toBe(0);
      expect(lines.filter((l) => l.startsWith('{"type":"document"'))).toHaveLength(N);
    } finally {
      await removeTmp(base);
    }
  });
});
