/**
 * Bytes → text: BOM sniffing, UTF-8 / UTF-16 decoding, legacy encodings, and binary detection.
 * Pure: no file system access. Used for text and HTML files and for stdin.
 */
import { isUtf8 } from 'node:buffer';
import { analyse } from 'chardet';

/**
 * The encoding a text was read in: `utf-8`, `utf-16le`, `utf-16be`, or the WHATWG name of a
 * legacy encoding (`windows-1251`, `gb18030`, `shift_jis`, …) for input that is not UTF-8.
 */
export type TextEncodingName = string;

/** Options of {@link decodeText}. */
export interface DecodeOptions {
  /** The bytes are HTML: a `<meta charset>` in its first 1024 bytes names a legacy encoding. */
  readonly html?: boolean;
}

/** The result of {@link decodeText}. */
export interface DecodedText {
  /** The decoded text, without a byte order mark. */
  readonly text: string;
  readonly encoding: TextEncodingName;
  /** True when the input started with a byte order mark (which is not part of `text`). */
  readonly bom: boolean;
  /** True when some bytes were not valid in `encoding` and were replaced with U+FFFD. */
  readonly invalid: boolean;
  /**
   * How a legacy encoding was chosen for bytes that are not UTF-8: named by the HTML's
   * `<meta charset>` ('declared') or guessed from the bytes ('detected'). Absent for UTF-8/16.
   */
  readonly legacy?: 'declared' | 'detected';
}

/** How many leading bytes {@link isBinary} looks at for NUL bytes. */
export const BINARY_SNIFF_BYTES = 8192;

/**
 * Decode a file's bytes to text.
 *
 * - `EF BB BF` → UTF-8, BOM stripped;
 * - `FF FE` → UTF-16 LE, `FE FF` → UTF-16 BE, BOM stripped (an odd trailing byte or a lone
 *   surrogate counts as invalid);
 * - otherwise UTF-8 without BOM, when the bytes are valid UTF-8 or mostly so (more valid
 *   non-ASCII characters than invalid sequences: a UTF-8 file with a few damaged bytes);
 * - otherwise a legacy encoding (see {@link legacyEncoding}): the one an HTML input declares
 *   in a `<meta charset>`, else the best guess of `chardet` (ICU's detector) that the WHATWG
 *   decoder supports, else windows-1252, which decodes any byte.
 *
 * Invalid sequences never throw: they become U+FFFD (WHATWG replacement rules) and `invalid` is set.
 *
 * @param buf the raw bytes (not modified)
 * @param options whether the bytes are HTML
 * @returns the text, the encoding used, whether a BOM was present and whether anything was replaced
 */
export function decodeText(buf: Uint8Array, options: DecodeOptions = {}): DecodedText {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return decodeUtf8(buf.subarray(3), true);
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return decodeUtf16(buf.subarray(2), 'utf-16le');
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return decodeUtf16(buf.subarray(2), 'utf-16be');
  }
  const utf8 = decodeUtf8(buf, false);
  if (!utf8.invalid || mostlyUtf8(utf8.text)) return utf8;
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const legacy = legacyEncoding(b, options.html === true);
  const encoding = legacy.decoder.encoding;
  const text = encoding === 'windows-1252' ? decodeWindows1252(b) : legacy.decoder.decode(b);
  return { text, encoding, bom: false, invalid: false, legacy: legacy.how };
}

function decodeUtf8(body: Uint8Array, bom: boolean): DecodedText {
  const b = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  // isUtf8 is a native scan; Buffer#toString('utf8') replaces invalid sequences with U+FFFD.
  return { text: b.toString('utf8'), encoding: 'utf-8', bom, invalid: !isUtf8(b) };
}

/**
 * True when text decoded from invalid UTF-8 has more valid non-ASCII characters than
 * replacement characters: UTF-8 with some damaged bytes, not a legacy encoding (in which
 * almost every non-ASCII byte is an invalid UTF-8 sequence).
 */
function mostlyUtf8(text: string): boolean {
  let valid = 0;
  let replaced = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c === 0xfffd) replaced++;
    else if (c < 0xdc00 || c > 0xdfff) valid++; // a surrogate pair counts once
  }
  return valid > replaced;
}

/**
 * windows-1252 (also what the WHATWG decoder uses for "iso-8859-1" and "ascii") by hand: Node
 * 20's TextDecoder decodes it as Latin-1, so bytes 0x80–0x9F (curly quotes, dashes, €) would
 * become C1 control characters.
 */
export const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(b: Buffer): string {
  return b.toString('latin1').replace(/[\x80-\x9f]/g, (ch) => WINDOWS_1252_HIGH[ch.charCodeAt(0) - 0x80]!);
}

/** How many leading bytes are searched for `<meta charset>` (the HTML standard's prescan). */
const META_SNIFF_BYTES = 1024;
/** How many leading bytes the encoding detector reads. */
const DETECT_BYTES = 1 << 16;
/** Guesses of the detector below this confidence (0–100) are not taken (e.g. Shift_JIS at 10 for a few stray bytes). */
const MIN_CONFIDENCE = 15;
const META_CHARSET_RE = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;

/** A WHATWG decoder for `label`, or undefined for unknown labels and for UTF-8/16 (already ruled out) and 'replacement'. */
function legacyDecoder(label: string): TextDecoder | undefined {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    return undefined;
  }
  return /^(utf-|replacement$)/.test(decoder.encoding) ? undefined : decoder;
}

/**
 * The legacy encoding of bytes that are not UTF-8: declared by an HTML `<meta charset>` (or
 * `http-equiv` content type) in the first 1024 bytes, else the most confident guess of
 * `chardet` over the first 64 KiB that the WHATWG decoder supports (and that is at least
 * {@link MIN_CONFIDENCE}), else windows-1252.
 */
function legacyEncoding(b: Buffer, html: boolean): { decoder: TextDecoder; how: 'declared' | 'detected' } {
  if (html) {
    const m = META_CHARSET_RE.exec(b.subarray(0, META_SNIFF_BYTES).toString('latin1'));
    const decoder = m ? legacyDecoder(m[1]!) : undefined;
    if (decoder) return { decoder, how: 'declared' };
  }
  for (const guess of analyse(b.subarray(0, DETECT_BYTES))) {
    if (guess.confidence < MIN_CONFIDENCE) break; // sorted by confidence
    const decoder = legacyDecoder(guess.name);
    if (decoder) return { decoder, how: 'detected' };
  }
  return { decoder: new TextDecoder('windows-1252'), how: 'detected' };
}

const utf16Strict = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const utf16Lenient = new TextDecoder('utf-16le', { fatal: false, ignoreBOM: true });

function decodeUtf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  let bytes = body;
  if (encoding === 'utf-16be') {
    // Copy (never touch the caller's buffer) and swap to little endian; swap16 needs an even length.
    const even = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
    even.swap16();
    bytes = body.length % 2 === 0 ? even : Buffer.concat([even, body.subarray(body.length - 1)]);
  }
  try {
    return { text: utf16Strict.decode(bytes), encoding, bom: true, invalid: false };
  } catch {
    return { text: utf16Lenient.decode(bytes), encoding, bom: true, invalid: true };
  }
}

/** File signatures that mark a file as binary even without NUL bytes in its head. */
const MAGIC: readonly { readonly name: string; readonly bytes: readonly number[] }[] = [
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46] }, // %PDF
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8 (GIF87a, GIF89a)
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] }, // also docx, xlsx, epub, jar
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] }, // empty zip
  { name: 'gzip data', bytes: [0x1f, 0x8b] },
];

/**
 * Say what kind of binary data `buf` holds, if it is binary.
 *
 * Binary means: it starts with a known signature (PDF, PNG, JPEG, GIF, ZIP, gzip), or it
 * has a NUL byte in its first {@link BINARY_SNIFF_BYTES} bytes, except when it starts with a
 * UTF-16 BOM (UTF-16 text is full of NUL bytes).
 *
 * @param buf the file's bytes (at least its first 8 KiB)
 * @returns a short human-readable name ("PNG image", "NUL bytes"), or undefined for text
 */
export function binaryKind(buf: Uint8Array): string | undefined {
  for (const magic of MAGIC) {
    if (startsWith(buf, magic.bytes)) return magic.name;
  }
  if (startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff])) return undefined;
  const head = buf.subarray(0, BINARY_SNIFF_BYTES);
  return head.indexOf(0) === -1 ? undefined : 'NUL bytes';
}

/**
 * Whether `buf` looks binary (see {@link binaryKind}); binary files are skipped, never tokenized.
 *
 * @param buf the file's bytes (at least its first 8 KiB)
 * @returns true for binary data
 */
export function isBinary(buf: Uint8Array): boolean {
  return binaryKind(buf) !== undefined;
}

function startsWith(buf: Uint8Array, prefix: readonly number[]): boolean {
  if (buf.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[i] !== prefix[i]) return false;
  return true;
}
