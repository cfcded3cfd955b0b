/**
 * The CLI of issue 2, through the real binary: the JSON contract, JSON Lines, --redundant (and
 * -0 with xargs), --exit-code, --help, stdin. stdout, stderr and the exit status are checked apart.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN_SH, ROOT, expectNoCrash, makeTmp, parseJson, removeTmp, runCli, runShell, type JsonReport } from './run-cli.js';
import { makeDocx, makeOdt } from '../io/office-files.js';
import { makePdf, typeset } from '../io/pdf-files.js';
import { strToU8, zipSync } from 'fflate';

const SEEDS = 'fixtures/seeds';
const DUP_A = 'fixtures/seeds/000_8e656ef614cc4b96.txt';
const DUP_B = 'fixtures/seeds/001_642219283869cf8a.txt';

/** Asserts `obj` has every key (dotted paths not needed: one level). */
function expectKeys(obj: unknown, keys: readonly string[], where: string): void {
  expect(obj, where).toBeTypeOf('object');
  for (const k of keys) expect(obj as Record<string, unknown>, `${where}.${k}`).toHaveProperty(k);
}

describe('dedupe fixtures/seeds --json', () => {
  let report: JsonReport;

  it('exits 0 with one JSON document on stdout and nothing else', async () => {
    const r = await runCli([SEEDS, '--json']);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('{')).toBe(true);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    report = parseJson(r); // throws on anything but one JSON value
  });

  it('finds exactly one duplicate cluster, {000, 001}, at Jaccard ≈ 0.96, and nothing else', () => {
    expect(report.clusters).toHaveLength(1);
    const [c] = report.clusters;
    expect(c!.kind).toBe('duplicate');
    expect([...c!.members].sort()).toEqual([DUP_A, DUP_B]);
    expect(c!.members).toContain(c!.keep);
    const dups = report.pairs.filter((p) => p.kind === 'duplicate');
    expect(dups).toHaveLength(1);
    expect([dups[0]!.a, dups[0]!.b].sort()).toEqual([DUP_A, DUP_B]);
    expect(dups[0]!.jaccard).toBeGreaterThanOrEqual(0.95);
    expect(dups[0]!.jaccard).toBeLessThanOrEqual(0.97);
    // The other pairs are overlaps (shared passages), not duplicates or derived copies.
    for (const p of report.pairs.filter((x) => x !== dups[0])) expect(p.kind).toBe('overlap');
  });

  it('has every field the README promises', () => {
    expect(report.version).toBe(1);
    expectKeys(report, ['version', 'params', 'documents', 'clusters', 'pairs', 'groups', 'stats'], 'report');
    expectKeys(
      report.params,
      ['threshold', 'shingle_size', 'unit', 'num_perm', 'seed', 'sketch', 'bands', 'rows', 'keep', 'overlap', 'min_passage', 'max_gap', 'containment'],
      'params',
    );
    expect(report.params.threshold).toBe(0.6);
    expect((report.params.bands as number) * (report.params.rows as number)).toBeLessThanOrEqual(report.params.num_perm as number);
    expect(report.documents).toHaveLength(5);
    for (const d of report.documents) {
      expectKeys(d, ['id', 'path', 'format', 'bytes', 'chars', 'tokens', 'shingles'], 'documents[]');
      expect(d.tokens).toBeGreaterThan(0);
    }
    for (const c of report.clusters) expectKeys(c, ['id', 'kind', 'members', 'keep', 'size', 'derived'], 'clusters[]');
    expect(report.pairs.length).toBeGreaterThan(0);
    for (const p of report.pairs) {
      expectKeys(p, ['a', 'b', 'kind', 'jaccard', 'containment', 'passages'], 'pairs[]');
      expectKeys(p.containment, ['a_in_b', 'b_in_a'], 'pairs[].containment');
      expect(p.jaccard).toBeGreaterThanOrEqual(0);
      expect(p.jaccard).toBeLessThanOrEqual(1);
      expect(p.passages!.length).toBeGreaterThan(0);
      for (const x of p.passages!) {
        expectKeys(x, ['a', 'b', 'words', 'text'], 'passages[]');
        expectKeys(x.a, ['start', 'end'], 'passages[].a');
        expectKeys(x.b, ['start', 'end'], 'passages[].b');
      }
    }
    expect(Array.isArray(report.groups)).toBe(true);
    expectKeys(report.stats, ['documents', 'clusters', 'redundant', 'duplicate_pairs', 'max_df'], 'stats');
    expect(report.stats.documents).toBe(5);
    // Five documents: the boilerplate floor (20) is the cut-off.
    expect(report.stats.max_df).toBe(20);
  });

  it('quotes passages exactly: text is A sliced at the offsets (UTF-16 code units), both ranges inside the texts', async () => {
    const texts = new Map<string, string>();
    for (const d of report.documents) texts.set(d.id, await readFile(path.join(ROOT, d.path), 'utf8'));
    for (const p of report.pairs) {
      const ta = texts.get(p.a)!;
      const tb = texts.get(p.b)!;
      for (const x of p.passages!) {
        expect(0 <= x.a.start && x.a.start < x.a.end && x.a.end <= ta.length).toBe(true);
        expect(0 <= x.b.start && x.b.start < x.b.end && x.b.end <= tb.length).toBe(true);
        expect(x.text).toBe(ta.slice(x.a.start, x.a.end));
      }
    }
  });
});

describe('dedupe --format jsonl', () => {
  it('prints one JSON object per line, each with a known type, params first and summary last', async () => {
    const r = await runCli([SEEDS, '--format', 'jsonl']);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('\n')).toBe(true);
    const lines = r.stdout.slice(0, -1).split('\n');
    const types = lines.map((l) => (JSON.parse(l) as { type: string }).type);
    for (const t of types) expect(['params', 'document', 'cluster', 'pair', 'group', 'summary']).toContain(t);
    expect(types[0]).toBe('params');
    expect(types.at(-1)).toBe('summary');
    expect(types.filter((t) => t === 'document')).toHaveLength(5);
    expect(types.filter((t) => t === 'cluster')).toHaveLength(1);
  });
});

describe('dedupe --redundant', () => {
  it('prints exactly the one redundant path, newline-terminated', async () => {
    const r = await runCli([SEEDS, '--redundant']);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${DUP_B}\n`);
  });

  it('-0 separates with NUL bytes', async () => {
    const r = await runCli([SEEDS, '--redundant', '-0']);
    expect(r.code).toBe(0);
    expect(r.stdoutBytes.equals(Buffer.from(`${DUP_B}\0`))).toBe(true);
  });

  it('-0 works with xargs -0 ls', async () => {
    const r = await runShell(`${BIN_SH} ${SEEDS} --redundant -0 | xargs -0 ls -l`);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith(DUP_B)).toBe(true);
  });
});

describe('dedupe --exit-code', () => {
  it('exits 1 when duplicates were found', async () => {
    const r = await runCli([SEEDS, '--exit-code', '--json']);
    expect(r.code).toBe(1);
    expect(parseJson(r).clusters).toHaveLength(1); // the report is still printed
  });

  it('exits 0 on a directory without duplicates', async () => {
    const r = await runCli(['fixtures/multilingual', '--exit-code', '--json']);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(parseJson(r).clusters).toHaveLength(0);
  });
});

describe('dedupe fixtures/seeds (the text report)', () => {
  it('shows the cluster, then each overlap once: a document sharing one text with two copies is one entry', async () => {
    const r = await runCli([SEEDS, '--color', 'never']);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^dedupe: 5 documents, 1 duplicate cluster, 1 redundant copy, 3 overlapping pairs, 1 pair sharing only a site template or notice set aside\n/);
    expect(out).toContain(`keep     ${DUP_A}`);
    const entries = out.split('\n').filter((l) => / (shares|is derived from) /.test(l));
    expect(entries).toEqual([
      `  fixtures/seeds/003_3e4a754f6ef9631a.txt shares 3 passages (85 words, 22% of it) with ${DUP_A} (10% of that) and its copy ${DUP_B}`,
      '  fixtures/seeds/003_3e4a754f6ef9631a.txt shares 1 passage (34 words, 8% of it) with fixtures/seeds/002_93d5165a94d3fa71.txt (5% of that)',
    ]);
    // 002 and 000 end with Mehr News Agency's licence line: a site's notice, not a quote.
    expect(out).not.toContain('All Content by Mehr News Agency');
  });

  it('counts as overlapping pairs the ones it lists, not the derived copies of a cluster', async () => {
    const dir = await makeTmp();
    try {
      const source = await readFile(path.join(ROOT, 'fixtures/seeds/002_93d5165a94d3fa71.txt'), 'utf8');
      const words = source.split(/\s+/);
      await writeFile(path.join(dir, 'source.txt'), source);
      await writeFile(path.join(dir, 'first-half.txt'), words.slice(0, words.length >> 1).join(' '));
      await writeFile(path.join(dir, 'middle.txt'), words.slice(words.length >> 2, (3 * words.length) >> 2).join(' '));
      const r = await runCli([dir, '--color', 'never']);
      expect(r.code).toBe(0);
      // Both excerpts are derived copies in the source's cluster; they overlap each other.
      expect(r.stdout).toMatch(/^dedupe: 3 documents, 1 cluster, 0 redundant copies, 2 derived copies, 1 overlapping pair\n/);
      expect(r.stdout.match(/^  derived /gm)).toHaveLength(2);
      expect(r.stdout.split('\n').filter((l) => / shares /.test(l))).toHaveLength(1);
      const json = parseJson(await runCli([dir, '--json']));
      expect(json.pairs.filter((p) => p.kind !== 'duplicate')).toHaveLength(3); // the JSON lists every pair
    } finally {
      await removeTmp(dir);
    }
  });

  it('counts characters, not words, for text in scripts written without spaces', async () => {
    const r = await runCli(['fixtures/multilingual/zh-a.txt', 'fixtures/encodings/zh-a.gb18030.txt', 'fixtures/multilingual/ru-a.txt', '--color', 'never', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/dup +fixtures\/multilingual\/zh-a\.txt +754 bytes, 232 characters  Jaccard 1\.000/);
    expect(r.stdout).not.toMatch(/\d words/);
  });
});

describe('word-processor documents and PDF', () => {
  it('reads .docx, .odt and .pdf files in a directory: a Word or PDF copy of a text article is its duplicate', async () => {
    const dir = await makeTmp();
    try {
      const seed = await readFile(path.join(ROOT, SEEDS, '002_93d5165a94d3fa71.txt'), 'utf8');
      const paragraphs = seed.split(/\n+/).filter((p) => p.trim() !== '');
      await writeFile(path.join(dir, 'article.txt'), seed);
      await writeFile(path.join(dir, 'article.docx'), makeDocx(paragraphs));
      await writeFile(path.join(dir, 'article.pdf'), makePdf(typeset(seed, 72)));
      const words = seed.split(/\s+/);
      await writeFile(path.join(dir, 'excerpt.odt'), makeOdt(['An excerpt', words.slice(0, words.length / 3).join(' ')]));
      await writeFile(path.join(dir, 'broken.docx'), 'not a zip');
      await writeFile(path.join(dir, 'broken.pdf'), '%PDF-1.4\nnot really\n');
      const r = await runCli([dir, '--json']);
      expectNoCrash(r);
      expect(r.code).toBe(0);
      const report = parseJson(r); // nothing but the report on stdout (PDF.js prints nothing)
      const id = (name: string): string => path.relative(ROOT, path.join(dir, name)); // as displayed
      expect(report.documents.map((d) => [d.id, d.format])).toEqual([
        [id('article.docx'), 'docx'],
        [id('article.pdf'), 'pdf'],
        [id('article.txt'), 'text'],
        [id('excerpt.odt'), 'odt'],
      ]);
      const dups = report.pairs.filter((p) => p.kind === 'duplicate');
      expect(dups.map((p) => [p.a, p.b, p.jaccard])).toEqual([
        [id('article.docx'), id('article.pdf'), 1],
        [id('article.docx'), id('article.txt'), 1],
        [id('article.pdf'), id('article.txt'), 1],
      ]);
      expect(report.pairs.filter((p) => p.kind === 'contained').map((p) => p.b)).toEqual([id('excerpt.odt'), id('excerpt.odt'), id('excerpt.odt')]);
      expect(r.stderr).toContain(`dedupe: warning: ${id('broken.docx')}: cannot read as .docx: not a ZIP archive; skipped\n`);
      expect(r.stderr).toMatch(new RegExp(`dedupe: warning: ${id('broken.pdf').replace(/[.]/g, '\\.')}: cannot read as \\.pdf: .+; skipped\n`));
      expect(r.stderr).toContain('skipped 2 files: 2 damaged (.docx, .odt, .pdf)');
    } finally {
      await removeTmp(dir);
    }
  });
});

describe('word-processor documents and PDF on stdin', () => {
  it('recognizes a PDF, a .docx or a .odt on stdin by its bytes; --stdin-format names it', async () => {
    const seed = await readFile(path.join(ROOT, SEEDS, '002_93d5165a94d3fa71.txt'), 'utf8');
    const paragraphs = seed.split(/\n+/).filter((p) => p.trim() !== '');
    const files: [string, Buffer][] = [
      ['pdf', makePdf(typeset(seed, 72))],
      ['docx', Buffer.from(makeDocx(paragraphs))],
      ['odt', Buffer.from(makeOdt(paragraphs))],
    ];
    for (const [format, bytes] of files) {
      for (const args of [[], ['--stdin-format', format]]) {
        const r = await runCli(['-', path.join(SEEDS, '002_93d5165a94d3fa71.txt'), '--json', ...args], { input: bytes });
        expect(r.code, `${format} ${args.join(' ')}`).toBe(0);
        const report = parseJson(r);
        expect(report.documents[0]).toMatchObject({ id: '-', format });
        expect(report.pairs[0]).toMatchObject({ kind: 'duplicate', a: '-', jaccard: 1 });
      }
    }
    // A ZIP archive that is neither is still binary text.
    const zip = await runCli(['-', '--json'], { input: Buffer.from(zipSync({ 'a.txt': strToU8('words') })) });
    expect(zip.stderr).toContain('dedupe: warning: -: binary file (ZIP archive); skipped');
  });
});

describe('dedupe --verbose', () => {
  it('small inputs run in the main thread (worker threads from 4 MiB), with the same report', async () => {
    const small = await runCli([SEEDS, '--json', '--verbose', '--jobs', '2'], { env: { DEDUPE_PARALLEL_FROM_BYTES: '' } });
    expect(small.stderr).toMatch(/dedupe: worker threads: none \(input under 4194304 bytes/);
    const forced = await runCli([SEEDS, '--json', '--verbose', '--jobs', '2'], { env: { DEDUPE_PARALLEL_FROM_BYTES: '0' } });
    expect(forced.stderr).toMatch(/dedupe: worker threads: 2\n/);
    expect(forced.stdout).toBe(small.stdout);
    const one = await runCli([SEEDS, '--verbose', '--jobs', '1', '-o', '/dev/null']);
    expect(one.stderr).not.toMatch(/worker threads/);
  });

  it('says which boilerplate cut-off the overlap stage used, and whether it was automatic', async () => {
    const auto = await runCli([SEEDS, '--verbose', '-o', '/dev/null']);
    expect(auto.code).toBe(0);
    expect(auto.stderr).toMatch(/dedupe: overlap: 5 candidate pairs; fingerprints in more than 20 documents were boilerplate \(automatic cut-off\)/);
    const fixed = await runCli([SEEDS, '--verbose', '--max-df', '3', '-o', '/dev/null']);
    expect(fixed.stderr).toMatch(/fingerprints in more than 3 documents were boilerplate\n/);
    const none = await runCli([SEEDS, '--verbose', '--no-overlap', '-o', '/dev/null']);
    expect(none.stderr).not.toMatch(/dedupe: overlap:/);
  });
});

describe('dedupe --help and --version', () => {
  it('--help prints usage on stdout and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: dedupe/);
    expect(r.stdout).toContain('--threshold');
    expect(r.stderr).toBe('');
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});

describe('stdin', () => {
  it('`cat 000 | dedupe - 001` finds the pair, stdin named "-"', async () => {
    const r = await runShell(`cat ${DUP_A} | ${BIN_SH} - ${DUP_B} --json`);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.documents.map((d) => d.id)).toEqual(['-', DUP_B]);
    expect(report.clusters).toHaveLength(1);
    expect([...report.clusters[0]!.members].sort()).toEqual(['-', DUP_B].sort());
  });

  it('reads stdin when no path is given and stdin is not a terminal', async () => {
    const text = await readFile(path.join(ROOT, DUP_A));
    const r = await runCli(['--json'], { input: text });
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(parseJson(r).documents.map((d) => d.id)).toEqual(['-']);
  });

  it('--stdin-format jsonl reads records from stdin', async () => {
    const r = await runCli(['-', '--stdin-format', 'jsonl', '--json'], {
      input: '{"id":"x","text":"one two three four five six"}\n{"id":"y","text":"one two three four five six"}\n',
    });
    expectNoCrash(r);
    expect(r.code).toBe(0);
    const report = parseJson(r);
    expect(report.documents.map((d) => d.id)).toEqual(['-#x', '-#y']);
    expect(report.clusters).toHaveLength(1);
  });
});
