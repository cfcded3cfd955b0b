import { describe, expect, it } from 'vitest';
import { binaryKind, decodeText, isBinary } from '../../src/io/decode.js';

const SAMPLE = 'Grüße, naïve café — 日本語 😀';

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return Buffer.from(le).swap16();
}

describe('decodeText', () => {
  it('decodes plain UTF-8', () => {
    expect(decodeText(Buffer.from(SAMPLE, 'utf8'))).toEqual({ text: SAMPLE, encoding: 'utf-8', bom: false, invalid: false });
  });

  it('strips a UTF-8 BOM', () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]);
    expect(decodeText(buf)).toEqual({ text: SAMPLE, encoding: 'utf-8', bom: true, invalid: false });
  });

  it('decodes UTF-16 LE with BOM', () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]);
    expect(decodeText(buf)).toEqual({ text: SAMPLE, encoding: 'utf-16le', bom: true, invalid: false });
  });

  it('decodes UTF-16 BE with BOM without modifying the input', () => {
    const buf = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(SAMPLE)]);
    const copy = Buffer.from(buf);
    expect(decodeText(buf)).toEqual({ text: SAMPLE, encoding: 'utf-16be', bom: true, invalid: false });
    expect(buf.equals(copy)).toBe(true);
  });

  it('flags an odd trailing byte in UTF-16 as invalid', () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le'), Buffer.from([0x41])]);
    const d = decodeText(buf);
    expect(d.invalid).toBe(true);
    expect(d.text).toBe('ab\uFFFD');
  });

  it('replaces invalid UTF-8 with U+FFFD and says so', () => {
    const buf = Buffer.concat([Buffer.from('abc '), Buffer.from([0xff, 0xc3]), Buffer.from(' def')]);
    const d = decodeText(buf);
    expect(d.invalid).toBe(true);
    expect(d.encoding).toBe('utf-8');
    expect(d.text.startsWith('abc ')).toBe(true);
    expect(d.text.endsWith(' def')).toBe(true);
    expect(d.text).toContain('\uFFFD');
  });

  it('decodes an empty buffer to empty text', () => {
    expect(decodeText(Buffer.alloc(0))).toEqual({ text: '', encoding: 'utf-8', bom: false, invalid: false });
  });
});

describe('isBinary / binaryKind', () => {
  it('treats ordinary text as text', () => {
    expect(isBinary(Buffer.from(SAMPLE))).toBe(false);
    expect(isBinary(Buffer.alloc(0))).toBe(false);
  });

  it('detects a NUL byte in the first 8 KiB', () => {
    expect(binaryKind(Buffer.from('hello\0world'))).toBe('NUL bytes');
  });

  it('ignores a NUL byte after the first 8 KiB', () => {
    const buf = Buffer.concat([Buffer.alloc(8192, 0x61), Buffer.from([0])]);
    expect(isBinary(buf)).toBe(false);
  });

  it('does not call UTF-16 text with a BOM binary', () => {
    expect(isBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('plain ascii', 'utf16le')]))).toBe(false);
    expect(isBinary(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('plain ascii')]))).toBe(false);
  });

  it('calls UTF-16 without a BOM binary (NUL bytes)', () => {
    expect(isBinary(Buffer.from('plain ascii', 'utf16le'))).toBe(true);
  });

  it.each([
    ['PDF document', Buffer.from('%PDF-1.7\n%âãÏÓ\n')],
    ['PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00])],
    ['JPEG image', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x41])],
    ['GIF image', Buffer.from('GIF89a\x01\x00')],
    ['ZIP archive', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14])],
    ['gzip data', Buffer.from([0x1f, 0x8b, 0x08])],
  ])('recognizes %s by its magic number', (name, buf) => {
    expect(binaryKind(buf)).toBe(name);
  });
});
