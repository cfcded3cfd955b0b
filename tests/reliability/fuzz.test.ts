/**
 * Fuzz: a few thousand random files (random bytes, UTF-8-ish text, HTML-ish markup, JSONL-ish
 * lines) in one directory, one CLI run over it, plus runs on single files and on stdin.
 * Zero crashes: exit 0 or 2, only `dedupe: …` lines on stderr (no stack trace), stdout parses.
 *
 * The corpus comes from a seeded PRNG, so a failure is reproducible: the seed is in the test
 * name; DEDUPE_FUZZ_SEED=<n> runs another corpus, DEDUPE_FUZZ_KEEP=1 keeps it on disk.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoCrash, makeFastTmp, parseJson, removeTmp, runCli } from '../cli/run-cli.js';

const SEED = Number(process.env.DEDUPE_FUZZ_SEED ?? 20240521);
const FILES = 3000;

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const rand = prng(SEED);
const int = (n: number): number => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

const WORDS = ['the', 'cat', 'sat', 'on', 'mat', 'Straße', 'naïve', 'ﬁne', 'İstanbul', 'über', 'don\'t', 'co\u00adop', '中文', 'ひらがな', '한국어', 'سلام', 'שלום', 'пример', '😀', '👩‍👩‍👧', '🇫🇷', '1️⃣', 'a\u0301\u0301\u0301', '\u200d', '\ufeff', '\u2028', 'caf&eacute;', 'don&#39;t', '&amp;#8217;', '&quot;', 'a&b;', 'infor-\nmation', 'Ça-\r\n  vus'];

function randomBytes(): Buffer {
  const magic = [[], [0x89, 0x50, 0x4e, 0x47], [0x25, 0x50, 0x44, 0x46], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], [0x50, 0x4b, 0x03, 0x04], [0x1f, 0x8b]];
  const head = Buffer.from(pick(magic));
  const body = Buffer.alloc(int(1500));
  for (let i = 0; i < body.length; i++) body[i] = rand() < 0.7 ? 0x20 + int(95) : int(256);
  return Buffer.concat([head, body]);
}

function utf8ish(): Buffer {
  const parts: Buffer[] = [];
  const n = int(200);
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.55) parts.push(Buffer.from(pick(WORDS) + pick([' ', ' ', '\n', '\t', '. ', ', ', '\r\n', '\u3000', ''])));
    else if (r < 0.7) parts.push(Buffer.from(String.fromCodePoint(int(0x110000) & ~0x800 /* no surrogates */)));
    else if (r < 0.8) parts.push(Buffer.from([pick([0x80, 0xbf, 0xc0, 0xc1, 0xe2, 0xed, 0xf0, 0xf4, 0xf5, 0xff]), int(256)])); // invalid UTF-8
    else if (r < 0.85) parts.push(Buffer.from([0xed, 0xa0 + int(32), 0x80 + int(64)])); // an encoded surrogate (CESU-8)
    else if (r < 0.9) parts.push(Buffer.from('x'.repeat(int(3000)))); // a long word
    else parts.push(Buffer.from(pick(['', '!!!', '...', '—', '«»', '\u0000'.repeat(rand() < 0.05 ? 1 : 0)])));
  }
  const bom = pick([[], [], [], [0xef, 0xbb, 0xbf]]);
  const body = Buffer.concat(parts);
  if (rand() < 0.1) {
    // UTF-16 with a BOM, possibly odd-length.
    const u16 = Buffer.from(body.toString('utf8'), 'utf16le');
    const le = rand() < 0.5;
    if (!le && u16.length % 2 === 0) u16.swap16();
    return Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), u16, Buffer.from(rand() < 0.3 ? [0x41] : [])]);
  }
  return Buffer.concat([Buffer.from(bom), body]);
}

function htmlish(): Buffer {
  const tags = ['p', 'div', 'span', 'b', 'script', 'style', 'title', 'br', 'img', 'table', 'td', 'pre', 'template', 'noscript', 'svg', 'math', 'textarea', 'iframe'];
  const out: string[] = [pick(['', '<!doctype html>', '<?xml version="1.0"?>', '\ufeff'])];
  const n = int(150);
  for (let i = 0; i < n; i++) {
    const r = rand();
    const t = pick(tags);
    if (r < 0.25) out.push(`<${t}${rand() < 0.3 ? ` class="${pick(WORDS)}" onclick='x<y'` : ''}>`);
    else if (r < 0.4) out.push(`</${t}>`);
    else if (r < 0.7) out.push(`${pick(WORDS)} `);
    else if (r < 0.8) out.push(pick(['&amp;', '&lt;', '&#0;', '&#xD800;', '&#x110000;', '&#99999999999;', '&bogus;', '&', '&#', '&nbsp;', '&eacute']));
    else if (r < 0.85) out.push(pick(['<!--', '-->', '<![CDATA[', ']]>', '<!', '<', '>', '</', '<a href="', '"']));
    else if (r < 0.9) out.push('<div>'.repeat(int(2000)));
    else out.push(String.fromCodePoint(int(0xd7ff)));
  }
  return Buffer.from(out.join(''));
}

function jsonlish(): Buffer {
  const lines: string[] = [];
  const n = int(30);
  for (let i = 0; i < n; i++) {
    const r = rand();
    const text = Array.from({ length: int(40) }, () => pick(WORDS)).join(' ');
    if (r < 0.4) lines.push(JSON.stringify({ id: pick([i, `id${int(5)}`, '', null, 1.5, -0, 1e300]), text }));
    else if (r < 0.5) lines.push(JSON.stringify({ text }).slice(0, int(text.length + 10))); // truncated
    else if (r < 0.55) lines.push(`${'['.repeat(5000)}${']'.repeat(int(2) ? 5000 : 10)}`); // deep nesting
    else if (r < 0.6) lines.push(JSON.stringify({ text: pick([null, 42, true, [], {}, { text }]) }));
    else if (r < 0.65) lines.push(`{"text":"\\ud800 lone \\udfff surrogates \\u0000 nul","id":"${'i'.repeat(int(5000))}"}`);
    else if (r < 0.7) lines.push(`{"__proto__":{"text":"x"},"constructor":1,"text":"${pick(WORDS)}"}`);
    else if (r < 0.75) lines.push(pick(['', '   ', '\t', 'null', '"a string"', '123', 'NaN', '{', '}', '{"text":}', '\u2028']));
    else if (r < 0.8) lines.push(randomBytes().toString('latin1').replace(/\n/g, ' '));
    else lines.push(JSON.stringify({ id: `dup`, text, extra: { nested: [1, 2, { deep: text }] } }));
  }
  const eol = pick(['\n', '\r\n', '\r', '\n\n']);
  return Buffer.from(lines.join(eol) + pick(['', eol]), 'utf8');
}

let tmp: string;
let corpus: string;
const kinds: [string, () => Buffer, readonly string[]][] = [
  ['bytes', randomBytes, ['.txt', '.md', '.html', '.jsonl', '.bin']],
  ['text', utf8ish, ['.txt', '.md', '.text']],
  ['html', htmlish, ['.html', '.htm', '.xhtml']],
  ['jsonl', jsonlish, ['.jsonl', '.ndjson']],
];
const samples: string[] = [];

beforeAll(async () => {
  tmp = await makeFastTmp('dedupe-fuzz-');
  corpus = path.join(tmp, 'corpus');
  for (let i = 0; i < FILES; i++) {
    const [kind, make, exts] = kinds[i % kinds.length]!;
    const dir = path.join(corpus, kind, String(int(20)));
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `f${i}${pick(exts)}`);
    await writeFile(file, make());
    if (i < 24) samples.push(file);
  }
}, 60_000);
afterAll(async () => {
  if (process.env.DEDUPE_FUZZ_KEEP) console.log(`fuzz corpus kept in ${corpus}`);
  else await removeTmp(tmp);
});

describe(`fuzz (seed ${SEED})`, () => {
  it(`one run over ${FILES} random files: no crash, JSON parses`, { timeout: 60_000 }, async () => {
    const r = await runCli([corpus, '--json']);
    expectNoCrash(r);
    const report = parseJson(r);
    expect(report.documents.length).toBeGreaterThan(FILES / 2);
    for (const p of report.pairs) {
      expect(p.jaccard).toBeGreaterThanOrEqual(0);
      expect(p.jaccard).toBeLessThanOrEqual(1);
    }
  });

  it('single files, with assorted options: no crash', { timeout: 60_000 }, async () => {
    const options = [['--json'], ['--format', 'jsonl', '--strict'], ['--unit', 'char', '--json'], ['--stem', '--stopwords', '--json'], ['--format', 'html']];
    for (const [i, file] of samples.slice(0, 5).entries()) {
      const r = await runCli([file, ...options[i % options.length]!]);
      expectNoCrash(r);
      if (options[i % options.length]!.includes('--json')) parseJson(r);
    }
  });

  it('random bytes on stdin, as text, html and jsonl: no crash', async () => {
    for (const [i, format] of (['text', 'html', 'jsonl'] as const).entries()) {
      const r = await runCli(['-', '--stdin-format', format, '--json'], { input: kinds[i + 1]![1]() });
      expectNoCrash(r);
      parseJson(r);
    }
  });
});
