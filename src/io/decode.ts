/**
 * Bytes → text: BOM sniffing, UTF-8 / UTF-16 decoding, and binary detection.
 * Pure: no file system access. Used for text and HTML files and for stdin.
 */
import { isUtf8 } from 'node:buffer';

/** The encodings dedupe reads. Anything without a UTF-16 BOM is read as UTF-8. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The result of {@link decodeText}. */
export interface DecodedText {
  /** The decoded text, without a byte order mark. */
  readonly text: string;
  readonly encoding: TextEncodingName;
  /** True when the input started with a byte order mark (which is not part of `text`). */
  readonly bom: boolean;
  /** True when some bytes were not valid in `encoding` and were replaced with U+FFFD. */
  readonly invalid: boolean;
}

/** How many leading bytes {@link isBinary} looks at for NUL bytes. */
export const BINARY_SNIFF_BYTES = 8192;

/**
 * Decode a file's bytes to text.
 *
 * - `EF BB BF` → UTF-8, BOM stripped;
 * - `FF FE` → UTF-16 LE, `FE FF` → UTF-16 BE, BOM stripped (an odd trailing byte or a lone
 *   surrogate counts as invalid);
 * - otherwise UTF-8 without BOM.
 *
 * Invalid sequences never throw: they become U+FFFD (WHATWG replacement rules) and `invalid` is set.
 *
 * @param buf the raw bytes (not modified)
 * @returns the text, the encoding used, whether a BOM was present and whether anything was replaced
 */
export function decodeText(buf: Uint8Array): DecodedText {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return decodeUtf8(buf.subarray(3), true);
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return decodeUtf16(buf.subarray(2), 'utf-16le');
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return decodeUtf16(buf.subarray(2), 'utf-16be');
  }
  return decodeUtf8(buf, false);
}

function decodeUtf8(body: Uint8Array, bom: boolean): DecodedText {
  const b = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  // isUtf8 is a native scan; Buffer#toString('utf8') replaces invalid sequences with U+FFFD.
  return { text: b.toString('utf8'), encoding: 'utf-8', bom, invalid: !isUtf8(b) };
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
 * Binary means: it starts with a known signature (PDF, PNG, JPEG, GIF, ZIP/docx, gzip), or it
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
