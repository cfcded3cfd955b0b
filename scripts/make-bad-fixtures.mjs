#!/usr/bin/env node
/**
 * Generates the bad-input corpus: binaries, odd encodings, malformed JSONL, degenerate texts,
 * broken HTML. Every file is made here from bytes (nothing binary is committed), and the
 * output is the same on every run.
 *
 *   node scripts/make-bad-fixtures.mjs [DIR]     (default: fixtures/bad, git-ignored)
 *
 * The tests call makeBadFixtures(tmpDir) in their own temporary directory, so they never depend
 * on (or race over) fixtures/bad. Everything here is small (about 60 KB); the large cases
 * (1 MB word, 10 MB line, 100 MB JSONL line, 1 GB sparse file, 100k files, 2000 nested
 * directories) are made by the tests themselves in os.tmpdir().
 *
 * Symbolic links (broken, looping), FIFOs and sockets are not made here either: the tests make
 * them where they need them (they do not survive every copy or checkout).
 */
import { mkdir, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The article every encoding variant is a copy of (UTF-8, no BOM, ASCII-safe or not). */
export const ARTICLE_SOURCE = path.join(ROOT, 'fixtures/seeds/000_8e656ef614cc4b96.txt');

/** Swaps the bytes of each UTF-16 code unit (LE ↔ BE). */
function swap16(buf) {
  const out = Buffer.from(buf);
  out.swap16();
  return out;
}

/**
 * The corpus: relative path → bytes. Kept as data so tests can read what each file is.
 * @param article the article text (UTF-8 string)
 * @returns a map of relative paths to contents
 */
export function badFixtureFiles(article) {
  const utf16le = Buffer.from(article, 'utf16le');
  const files = {
    // ---- binary: skipped with one warning each, never tokenized ----
    'binary/image.png': Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
      Buffer.from('text-looking words after the header should never be read as words'),
    ]),
    'binary/paper.pdf': Buffer.from(
      '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n' +
        'BT /F1 12 Tf (words inside a pdf are not read) Tj ET\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      'latin1',
    ),
    'binary/archive.zip': Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00]),
      Buffer.from('readme.txt plain words inside a zip are not read'),
    ]),
    'binary/photo.jpg': Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF words')]),
    'binary/data.gz': Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0x4c, 0x4a, 0x06, 0x00]),
    // Binary content behind a text extension: found in a directory walk and still skipped.
    'binary/nul-bytes.txt': Buffer.from('these words come before a NUL byte\0and these after it\n'),
    'binary/disguised-png.txt': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('words')]),
    'binary/disguised-pdf.md': Buffer.from('%PDF-1.7\nwords words words\n'),

    // ---- encodings: the four copies of the article are duplicates of each other ----
    'encoding/article-utf8.txt': Buffer.from(article, 'utf8'),
    'encoding/article-utf8-bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(article, 'utf8')]),
    'encoding/article-utf16le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]),
    'encoding/article-utf16be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), swap16(utf16le)]),
    // Latin-1 bytes are not UTF-8: read as windows-1252 (the detector's guess), one warning naming it.
    'encoding/latin1.txt': Buffer.from('Un caf\xe9 cr\xe8me au bord du lac, pr\xe8s de la for\xeat, avec des amis tr\xe8s chers.\n', 'latin1'),
    // Damaged UTF-8 (more valid non-ASCII characters than bad bytes): a lone continuation byte, a
    // truncated sequence at the end; read as UTF-8 with U+FFFD replacements and one warning.
    'encoding/invalid-utf8.txt': Buffer.concat([
      Buffer.from('välid wörds thén a stray byte '),
      Buffer.from([0x80]),
      Buffer.from(' then more valid words and a cut sequence '),
      Buffer.from([0xe2, 0x82]),
    ]),
    // UTF-16 without a BOM cannot be told from binary: it has NUL bytes, so it is skipped as binary.
    'encoding/utf16le-no-bom.txt': Buffer.from('words in utf-16 without a byte order mark\n', 'utf16le'),
    // UTF-16 with an odd number of bytes: the last byte is replaced, one warning.
    'encoding/utf16le-odd.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('odd length utf-16 text', 'utf16le'), Buffer.from([0x41])]),

    // ---- JSONL: every malformed line is `file:LINE: reason; line skipped` ----
    'jsonl/malformed.jsonl': Buffer.from(
      [
        '{"id": "a", "text": "the first record is perfectly fine and has enough words"}', // 1 ok
        '{"id": "b", "text": "unterminated', // 2 invalid JSON
        '["an", "array"]', // 3 not an object
        '{"id": "c", "body": "no text field"}', // 4 missing text
        '{"id": "d", "text": 42}', // 5 non-string text
        '{"id": "a", "text": "a second record with the id a: kept as a~2"}', // 6 duplicate id
        '', // 7 blank: skipped silently
        '   ', // 8 whitespace only: skipped silently
        'null', // 9 not an object
        '{"id": "e", "text": "windows line ending"}\r', // 10 CRLF
        '{"id": "f", "text": "the last line has no newline"}', // 11 no terminator
      ].join('\n'),
    ),
    'jsonl/crlf.jsonl': Buffer.from('{"id":1,"text":"one two three"}\r\n{"id":2,"text":"four five six"}\r\n'),
    'jsonl/bom.jsonl': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":"x","text":"a record after a byte order mark"}\n')]),
    'jsonl/empty.jsonl': Buffer.alloc(0),
    'jsonl/invalid-utf8.jsonl': Buffer.concat([Buffer.from('{"id":"u","text":"caf'), Buffer.from([0xe9]), Buffer.from(' au lait"}\n')]),

    // ---- degenerate documents: no crash, exit 0 ----
    'degenerate/empty.txt': Buffer.alloc(0),
    'degenerate/whitespace.txt': Buffer.from(' \n\t\r\n   \u00a0\u2003\n'),
    'degenerate/punctuation.txt': Buffer.from('!!! ... ,,, --- ??? *** ((( ))) ;;; ::: — – … «» “” ‘’\n'),
    'degenerate/short.txt': Buffer.from('two words\n'),
    'degenerate/one-word-a.txt': Buffer.from('hello\n'),
    'degenerate/one-word-b.txt': Buffer.from('hello\n'),
    'degenerate/repeated-word.txt': Buffer.from('buffalo '.repeat(2000)),
    'degenerate/emoji-only.txt': Buffer.from('😀😃😄😁😆😅🤣😂🙂🙃'.repeat(20)),
    'degenerate/combining-marks.txt': Buffer.from(`a${'\u0301'.repeat(500)} e${'\u0308'.repeat(500)}\n`),

    // ---- HTML ----
    'html/script-only.html': Buffer.from('<html><head><script>var words = "not visible text";</script><style>p{}</style></head><body></body></html>'),
    'html/unclosed.html': Buffer.from('<html><body><p>an unclosed paragraph <b>bold <i>italic <div>and a div</p></span></body'),
    'html/entities.html': Buffer.from('<p>caf&eacute; &amp; cr&egrave;me &#x1F600; &bogus; &#99999999;</p>'),
  };
  return files;
}

/**
 * Writes the corpus into `dir` (created if needed; files there with the same names are replaced).
 * @param dir target directory
 * @returns the relative paths written, sorted
 */
export async function makeBadFixtures(dir) {
  const article = await readFile(ARTICLE_SOURCE, 'utf8');
  const files = badFixtureFiles(article);
  for (const [rel, data] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, data);
  }
  return Object.keys(files).sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? path.join(ROOT, 'fixtures/bad'));
  // Remove what an earlier run generated (subdirectories only: README.md and .gitignore stay).
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (entry.isDirectory()) await rm(path.join(dir, entry.name), { recursive: true, force: true });
  }
  const written = await makeBadFixtures(dir);
  console.error(`make-bad-fixtures: wrote ${written.length} files to ${path.relative(process.cwd(), dir) || '.'}`);
}
