/**
 * The text of word-processor documents: `.docx` (Office Open XML, Word) and `.odt`
 * (OpenDocument, LibreOffice). Both are ZIP archives holding the body as XML; only that part is
 * inflated (fflate) and its paragraphs are read in order (htmlparser2 in XML mode).
 *
 * What counts as the text: the body's paragraphs and headings, a line each, with their tabs and
 * line breaks. Left out: text deleted under tracked changes (docx `w:delText`), comments,
 * footnote and endnote bodies (an ODT note sits inside its paragraph and would split a sentence;
 * docx keeps them in other parts), page headers and footers (other parts too), and embedded
 * objects. Pure: bytes in, text or a reason out.
 */
import { unzipSync } from 'fflate';
import { Parser, type Handler } from 'htmlparser2';

/** Word-processor formats dedupe reads. */
export type OfficeFormat = 'docx' | 'odt';

/** The outcome of {@link officeText}. */
export type OfficeText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** The archive member holding each format's body. */
const BODY: Readonly<Record<OfficeFormat, string>> = { docx: 'word/document.xml', odt: 'content.xml' };

/** Largest inflated body read (a ZIP bomb stops here): 512 MiB. */
const MAX_BODY_BYTES = 512 * 1024 * 1024;

/**
 * The text of a `.docx` or `.odt` file.
 *
 * @param bytes the whole file
 * @param format which of the two it is (by its name)
 * @returns the text, or why it could not be read (not a ZIP archive, no body, damaged, too large)
 */
export function officeText(bytes: Uint8Array, format: OfficeFormat): OfficeText {
  if (!isZip(bytes)) return { ok: false, reason: 'not a ZIP archive' };
  const name = BODY[format];
  let tooLarge = false;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== name) return false;
        if (f.originalSize > MAX_BODY_BYTES) tooLarge = true;
        return !tooLarge;
      },
    });
  } catch (err) {
    return { ok: false, reason: `damaged archive (${err instanceof Error ? err.message : String(err)})` };
  }
  if (tooLarge) return { ok: false, reason: `${name} inflates to more than ${MAX_BODY_BYTES} bytes` };
  const body = files[name];
  if (body === undefined) return { ok: false, reason: `no ${name} in the archive` };
  const xml = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return { ok: true, text: format === 'docx' ? docxText(xml) : odtText(xml) };
}

/**
 * What a nameless input (stdin) is by its bytes: a PDF, a .docx (a ZIP archive with
 * word/document.xml), a .odt (a ZIP archive with content.xml and an OpenDocument mimetype
 * member), or none of these. Member names are stored uncompressed: nothing is inflated.
 */
export function sniffDocument(bytes: Uint8Array): OfficeFormat | 'pdf' | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (!isZip(buf)) return undefined;
  if (buf.includes('word/document.xml', 0, 'latin1')) return 'docx';
  if (buf.includes('content.xml', 0, 'latin1') && buf.includes('mimetype', 0, 'latin1')) return 'odt';
  return undefined;
}

/** True when `bytes` start with a ZIP archive's local file header. */
function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Paragraph text of WordprocessingML (word/document.xml). */
function docxText(xml: string): string {
  const lines = new Lines();
  let inText = 0; // inside w:t (kept) text runs
  let skip = 0; // inside elements whose text is not the document's
  parseXml(xml, {
    onopentag(name) {
      if (SKIP_DOCX.has(name)) skip++;
      else if (skip > 0) return;
      else if (name === 'w:t') inText++;
      else if (name === 'w:tab' || name === 'w:ptab') lines.add('\t');
      else if (name === 'w:br' || name === 'w:cr') lines.add('\n');
      else if (name === 'w:nobreakhyphen') lines.add('\u2011');
    },
    ontext(text) {
      if (inText > 0 && skip === 0) lines.add(text);
    },
    onclosetag(name) {
      if (SKIP_DOCX.has(name)) skip--;
      else if (name === 'w:t') inText--;
      else if (name === 'w:p' && skip === 0) lines.end();
    },
  });
  return lines.text();
}

/** Elements of a docx body whose text is not part of the document's text. */
const SKIP_DOCX = new Set(['w:del', 'w:deltext', 'w:instrtext', 'mc:fallback']);

/** Paragraph text of an OpenDocument text body (content.xml). */
function odtText(xml: string): string {
  const lines = new Lines();
  let depth = 0; // inside text:p / text:h
  let skip = 0;
  parseXml(xml, {
    onopentag(name, attrs) {
      if (SKIP_ODT.has(name)) skip++;
      else if (skip > 0) return;
      else if (name === 'text:p' || name === 'text:h') {
        // A paragraph inside another (a frame's caption, a list in a cell) ends the outer line.
        if (depth++ > 0) lines.end();
      } else if (depth === 0) return;
      else if (name === 'text:s') lines.add(' '.repeat(Math.min(1000, Math.max(1, Number(attrs['text:c'] ?? 1) || 1))));
      else if (name === 'text:tab') lines.add('\t');
      else if (name === 'text:line-break') lines.add('\n');
    },
    ontext(text) {
      if (depth > 0 && skip === 0) lines.add(text);
    },
    onclosetag(name) {
      if (SKIP_ODT.has(name)) skip--;
      else if (skip === 0 && (name === 'text:p' || name === 'text:h')) {
        depth--;
        lines.end();
      }
    },
  });
  return lines.text();
}

/** Elements of an ODT body whose text is not part of the document's text. */
const SKIP_ODT = new Set(['office:annotation', 'text:note', 'text:tracked-changes', 'text:sequence-decls']);

/** Runs an XML document through htmlparser2's tokenizer (entities decoded, names lower-cased). */
function parseXml(xml: string, handler: Partial<Handler>): void {
  const parser = new Parser(handler, { xmlMode: true, decodeEntities: true, lowerCaseTags: true });
  parser.end(xml);
}

/** The paragraphs being read: text is added to the current one until it ends. */
class Lines {
  private readonly paragraphs: string[] = [];
  private line = '';

  add(text: string): void {
    this.line += text;
  }

  end(): void {
    this.paragraphs.push(this.line);
    this.line = '';
  }

  text(): string {
    if (this.line !== '') this.end();
    return tidy(this.paragraphs);
  }
}

/** Paragraphs, one a line; blank paragraphs (spacing) collapse, so the text has no runs of blank lines. */
function tidy(paragraphs: string[]): string {
  const kept: string[] = [];
  for (const p of paragraphs) {
    if (p.trim() === '') {
      if (kept.length > 0 && kept[kept.length - 1] !== '') kept.push('');
    } else {
      kept.push(p);
    }
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}
