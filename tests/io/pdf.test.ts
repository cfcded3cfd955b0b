import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../src/io/pdf.js';
import { normalizeText } from '../../src/text/normalize.js';
import { tokenize } from '../../src/text/tokenize.js';
import { makePdf, typeset } from './pdf-files.js';

const norm = (s: string): string => normalizeText(s, tokenize(s));
const seed = readFileSync(new URL('../../fixtures/seeds/002_93d5165a94d3fa71.txt', import.meta.url), 'utf8');

describe('pdfText', () => {
  it('reads the text layer of every page, a line break at each line end', async () => {
    const lines = typeset(seed, 80);
    expect(lines.length).toBeGreaterThan(50); // two pages
    expect(lines.filter((l) => l.endsWith('-')).length).toBeGreaterThan(5); // hyphenated line ends
    const r = await pdfText(makePdf(lines));
    if (!r.ok) throw new Error(r.reason);
    expect(r.pages).toBe(Math.ceil(lines.length / 50));
    // The same words as the text file: hyphenated line ends are one word to the tokenizer.
    expect(norm(r.text)).toBe(norm(seed));
    expect(r.text).toContain(`${lines[1]}\n${lines[2]}`);
  });

  it('a page without text is an empty text; a damaged file is a reason, not an exception, and prints nothing', async () => {
    const empty = await pdfText(makePdf([]));
    expect(empty).toEqual({ ok: true, text: '', pages: 1 });
    const bad = await pdfText(Buffer.from('%PDF-1.4\nnot really a pdf\n'));
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.reason).toMatch(/\S/);
    const truncated = makePdf(typeset(seed)).subarray(0, 300);
    expect((await pdfText(truncated)).ok).toBe(false);
  });
});
