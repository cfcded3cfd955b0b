import { readFileSync } from 'node:fs';
import path from 'node:path';
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

  it('replaces invalid bytes in damaged UTF-8 with U+FFFD and says so', () => {
    const buf = Buffer.concat([Buffer.from('abc ü '), Buffer.from([0xff]), Buffer.from(' def é')]);
    const d = decodeText(buf);
    expect(d.invalid).toBe(true);
    expect(d.encoding).toBe('utf-8');
    expect(d.text.startsWith('abc ')).toBe(true);
    expect(d.text.endsWith(' def é')).toBe(true);
    expect(d.text).toContain('\uFFFD');
  });

  it('reads bytes that are not UTF-8 in the legacy encoding the detector finds', () => {
    const fixtures = path.join(import.meta.dirname, '../../fixtures');
    const cases: [string, string, string][] = [
      ['encodings/ru-a.windows-1251.txt', 'multilingual/ru-a.txt', 'windows-1251'],
      ['encodings/zh-a.gb18030.txt', 'multilingual/zh-a.txt', 'gb18030'],
      ['encodings/ar-a.windows-1256.txt', 'multilingual/ar-a.txt', 'windows-1256'],
    ];
    for (const [legacy, utf8, encoding] of cases) {
      const d = decodeText(readFileSync(path.join(fixtures, legacy)));
      expect(d).toEqual({ text: readFileSync(path.join(fixtures, utf8), 'utf8'), encoding, bom: false, invalid: false, legacy: 'detected' });
    }
    // Latin-1 accents, and Windows curly quotes: windows-1252
    const latin = decodeText(Buffer.from('Un caf\xe9 cr\xe8me, \x93tr\xe8s\x94 bien, l\x92\xe9t\xe9 pr\xe8s de la for\xeat.', 'latin1'));
    expect(latin).toMatchObject({ text: 'Un café crème, “très” bien, l’été près de la forêt.', encoding: 'windows-1252', legacy: 'detected' });
  });

  it('reads HTML in the encoding its <meta charset> declares', () => {
    const greek = new TextDecoder('windows-1253');
    const byChar = new Map<string, number>();
    for (let b = 0x80; b < 0x100; b++) byChar.set(greek.decode(Uint8Array.of(b)), b);
    const encode = (s: string): Buffer => Buffer.from([...s].map((ch) => byChar.get(ch) ?? ch.charCodeAt(0)));
    const body = '<p>Καλημέρα κόσμε</p>';
    for (const meta of ['<meta charset="windows-1253">', "<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=windows-1253'>"]) {
      const d = decodeText(encode(`<html><head>${meta}</head><body>${body}</body></html>`), { html: true });
      expect(d).toMatchObject({ encoding: 'windows-1253', legacy: 'declared', invalid: false });
      expect(d.text).toContain(body);
    }
    // The declaration is not trusted over bytes that are valid UTF-8.
    expect(decodeText(Buffer.from(`<meta charset="windows-1253">${body}`), { html: true })).toMatchObject({ encoding: 'utf-8', invalid: false });
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
