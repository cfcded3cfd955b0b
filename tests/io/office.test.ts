import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { officeText } from '../../src/io/office.js';
import { normalizeText } from '../../src/text/normalize.js';
import { tokenize } from '../../src/text/tokenize.js';
import { makeDocx, makeOdt } from './office-files.js';

const norm = (s: string): string => normalizeText(s, tokenize(s));
const seed = readFileSync(new URL('../../fixtures/seeds/002_93d5165a94d3fa71.txt', import.meta.url), 'utf8');
const paragraphs = seed.split(/\n+/).filter((p) => p.trim() !== '');

const text = (r: ReturnType<typeof officeText>): string => {
  if (!r.ok) throw new Error(r.reason);
  return r.text;
};

describe('officeText', () => {
  it('reads a .docx body: its paragraphs, a line each, whatever runs they are split into', () => {
    const t = text(officeText(makeDocx(paragraphs), 'docx'));
    expect(norm(t)).toBe(norm(seed));
    expect(t.split('\n')).toEqual(paragraphs);
    expect(t).not.toContain('Page footer');
  });

  it('leaves out of a .docx what is not its text: deleted text, field codes, fallback copies', () => {
    const extra =
      '<w:p><w:r><w:t>Kept</w:t></w:r><w:del w:id="1"><w:r><w:delText>deleted words</w:delText></w:r></w:del>' +
      '<w:r><w:tab/><w:t>after a tab</w:t><w:br/><w:t>and a break</w:t></w:r>' +
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>' +
      '<mc:AlternateContent><mc:Choice><w:r><w:t>box</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>box</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>';
    const t = text(officeText(makeDocx(['First.'], extra), 'docx'));
    expect(t).toBe('First.\nKept\tafter a tab\nand a breakbox');
  });

  it('reads a .odt body: headings and paragraphs, spans, repeated spaces; not notes or comments', () => {
    const t = text(officeText(makeOdt(paragraphs), 'odt'));
    expect(norm(t)).toBe(norm(seed));
    expect(t).not.toContain('Page header');
    const extra =
      '<text:p>A<text:s text:c="3"/>b<text:tab/>c<text:line-break/>d<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>' +
      '<text:note-body><text:p>the note</text:p></text:note-body></text:note> e<office:annotation><text:p>a comment</text:p></office:annotation></text:p>';
    expect(text(officeText(makeOdt(['Title'], extra), 'odt'))).toBe('Title\nA   b\tc\nd e');
  });

  it('says why a file cannot be read: not a ZIP archive, no body, damaged', () => {
    expect(officeText(Buffer.from('just text, renamed'), 'docx')).toEqual({ ok: false, reason: 'not a ZIP archive' });
    const other = zipSync({ 'content.xml': strToU8('<x/>') });
    expect(officeText(other, 'docx')).toEqual({ ok: false, reason: 'no word/document.xml in the archive' });
    const damaged = makeDocx(paragraphs).slice(0, 200);
    const r = officeText(damaged, 'docx');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toMatch(/^(damaged archive|no word\/document\.xml)/);
  });
});
