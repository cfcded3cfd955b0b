/**
 * Bytes of a text or HTML input → a SourceDoc, or the reason it is skipped.
 */
import type { SourceDoc } from '../types.js';
import { binaryKind, decodeText } from './decode.js';
import { htmlToText, startsLikeHtml } from './html.js';
import { officeText, type OfficeFormat } from './office.js';
import { pdfText } from './pdf.js';
import { repairMojibake } from './mojibake.js';
import { inputWarning, type InputWarning } from './warnings.js';

/** The outcome of {@link documentFromBytes}: a document (unless skipped) and warnings, in order. */
export interface ReadOutcome {
  readonly doc: SourceDoc | undefined;
  readonly warnings: readonly InputWarning[];
}

/**
 * Decode a whole text or HTML input.
 *
 * Binary data (see binaryKind) → no document, one 'binary' warning. Invalid UTF-8/UTF-16 →
 * the document with U+FFFD replacements plus one 'encoding' warning. Bytes in a legacy
 * encoding (see decodeText) → the document decoded with it, plus one 'encoding' warning
 * naming it. Empty input → an empty
 * document, no warning (the pipeline reports empties). HTML → its visible text; so is text
 * that is an HTML page (see looksLikeHtml), and the document's format is then 'html'.
 *
 * @param buf the raw bytes
 * @param path display path; also the document's id
 * @param format how to interpret the text
 * @returns the document and any warnings
 */
export function documentFromBytes(buf: Buffer, path: string, given: 'text' | 'html'): ReadOutcome {
  const kind = binaryKind(buf);
  if (kind !== undefined) {
    return { doc: undefined, warnings: [inputWarning(path, 'binary', `binary file (${kind}); skipped`, false)] };
  }
  const format = given === 'text' && looksLikeHtml(buf) ? 'html' : given;
  const decoded = decodeText(buf, { html: format === 'html' });
  const warnings: InputWarning[] = [];
  if (decoded.legacy !== undefined) {
    const how = decoded.legacy === 'declared' ? 'as its <meta charset> declares' : 'detected';
    warnings.push(inputWarning(path, 'encoding', `not UTF-8; read as ${decoded.encoding} (${how})`, false));
  } else if (decoded.invalid) {
    const what = decoded.encoding === 'utf-8' ? 'UTF-8' : decoded.encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
    warnings.push(inputWarning(path, 'encoding', `invalid ${what}; undecodable bytes replaced with U+FFFD`, false));
  }
  // Mojibake's lead characters (Â–ô) are all 0xC3 … in UTF-8: a byte search rules most texts out.
  const repaired = decoded.encoding === 'utf-8' && decoded.legacy === undefined && buf.includes(0xc3) ? repairMojibake(decoded.text) : { text: decoded.text, repaired: 0 };
  if (repaired.repaired > 0) warnings.push(mojibakeWarning(path, repaired.repaired));
  const text = format === 'html' ? htmlToText(repaired.text) : repaired.text;
  return { doc: { id: path, path, format, text, bytes: buf.length }, warnings };
}

/**
 * Bytes of a named input → a document, by the format its name (or --stdin-format) gives it.
 *
 * @param buf the whole input
 * @param path display path; also the document's id
 * @param format text, HTML, a word-processor document or a PDF
 * @returns the document (unless skipped) and warnings, in order
 */
export function documentOf(buf: Buffer, path: string, format: 'text' | 'html' | OfficeFormat | 'pdf'): ReadOutcome | Promise<ReadOutcome> {
  if (format === 'pdf') return documentFromPdf(buf, path);
  if (format === 'docx' || format === 'odt') return documentFromOffice(buf, path, format);
  return documentFromBytes(buf, path, format);
}

/**
 * The warning for a text whose mojibake was repaired (see mojibake.ts).
 *
 * @param path display path
 * @param repaired how many sequences were repaired
 * @param line the JSONL line, for a record
 * @returns an 'encoding' warning
 */
export function mojibakeWarning(path: string, repaired: number, line?: number): InputWarning {
  const what = `mojibake repaired (${repaired} UTF-8 sequence${repaired === 1 ? '' : 's'} that had been read as windows-1252, such as â€™ for ’); offsets refer to the repaired text`;
  return inputWarning(path, 'encoding', what, false, line);
}

/**
 * A `.docx` or `.odt` file → its body's text (see office.ts). A file that is not such an archive
 * or is damaged → no document and one 'damaged' warning (the run goes on, exit 0, as for a
 * binary file).
 *
 * @param buf the whole file
 * @param path display path; also the document's id
 * @param format which of the two formats its name says it is
 * @returns the document and any warnings
 */
export function documentFromOffice(buf: Buffer, path: string, format: OfficeFormat): ReadOutcome {
  const got = officeText(buf, format);
  if (!got.ok) {
    return { doc: undefined, warnings: [inputWarning(path, 'damaged', `cannot read as .${format}: ${got.reason}; skipped`, false)] };
  }
  return { doc: { id: path, path, format, text: got.text, bytes: buf.length }, warnings: [] };
}

/**
 * A `.pdf` file → the text of its pages (see pdf.ts). A PDF that cannot be read (damaged,
 * encrypted, not a PDF) → no document and one 'damaged' warning saying why.
 *
 * @param buf the whole file
 * @param path display path; also the document's id
 * @returns the document and any warnings
 */
export async function documentFromPdf(buf: Buffer, path: string): Promise<ReadOutcome> {
  const got = await pdfText(buf);
  if (!got.ok) return { doc: undefined, warnings: [inputWarning(path, 'damaged', `cannot read as .pdf: ${got.reason}; skipped`, false)] };
  return { doc: { id: path, path, format: 'pdf', text: got.text, bytes: buf.length }, warnings: [] };
}

/**
 * True when the bytes start like an HTML page (startsLikeHtml): then a `.txt` file or text on
 * stdin is read as HTML, its visible text and not its markup (tag and attribute names would
 * otherwise be words shared by every page of a site).
 */
export function looksLikeHtml(buf: Uint8Array): boolean {
  return startsLikeHtml(Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 1024)).toString('latin1'));
}

/**
 * The warning for an input larger than --max-doc-bytes.
 *
 * @param path display path
 * @param bytes the input's size
 * @param maxDocBytes the limit
 * @returns a 'too-large' warning (not `failed`: skipping was asked for)
 */
export function tooLargeWarning(path: string, bytes: number, maxDocBytes: number): InputWarning {
  return inputWarning(path, 'too-large', `${bytes} bytes is larger than --max-doc-bytes (${maxDocBytes}); skipped`, false);
}
