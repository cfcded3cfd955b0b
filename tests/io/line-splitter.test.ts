import { describe, expect, it } from 'vitest';
import { LineSplitter, type RawLine } from '../../src/io/line-splitter.js';

function split(chunks: string[], max = 1000): { line: number; bytes: number; text: string | undefined }[] {
  const s = new LineSplitter(max);
  const out: RawLine[] = [];
  for (const c of chunks) out.push(...s.push(Buffer.from(c)));
  out.push(...s.end());
  return out.map((l) => ({ line: l.line, bytes: l.bytes, text: l.data?.toString('utf8') }));
}

describe('LineSplitter', () => {
  it('splits on LF and CRLF, keeps blank lines, and takes a last line without newline', () => {
    expect(split(['a\r\nbb\n\nccc'])).toEqual([
      { line: 1, bytes: 1, text: 'a' },
      { line: 2, bytes: 2, text: 'bb' },
      { line: 3, bytes: 0, text: '' },
      { line: 4, bytes: 3, text: 'ccc' },
    ]);
  });

  it('does not emit an extra line after a final newline', () => {
    expect(split(['a\n'])).toEqual([{ line: 1, bytes: 1, text: 'a' }]);
    expect(split([])).toEqual([]);
  });

  it('joins lines that span chunks, including a CR/LF split across chunks', () => {
    expect(split(['ab', 'cd\r', '\nef', 'g'])).toEqual([
      { line: 1, bytes: 4, text: 'abcd' },
      { line: 2, bytes: 3, text: 'efg' },
    ]);
  });

  it('gives the same lines whatever the chunking', () => {
    const input = 'first line\r\nsecond\n\nfourth é line\nlast';
    const whole = split([input]);
    for (let size = 1; size < input.length; size++) {
      const chunks: string[] = [];
      const bytes = Buffer.from(input);
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size).toString('latin1'));
      const s = new LineSplitter(1000);
      const got: RawLine[] = [];
      for (const c of chunks) got.push(...s.push(Buffer.from(c, 'latin1')));
      got.push(...s.end());
      expect(got.map((l) => ({ line: l.line, bytes: l.bytes, text: l.data?.toString('utf8') }))).toEqual(whole);
    }
  });

  it('drops the bytes of a too-long line but keeps counting lines', () => {
    expect(split(['ok\n', 'x'.repeat(6), 'y'.repeat(6), '\nok2\r\n', '12345\r\n'], 5)).toEqual([
      { line: 1, bytes: 2, text: 'ok' },
      { line: 2, bytes: 12, text: undefined },
      { line: 3, bytes: 3, text: 'ok2' },
      { line: 4, bytes: 5, text: '12345' },
    ]);
  });
});
