/**
 * Which file names dedupe reads, and as what.
 */
import type { DocFormat } from '../types.js';

/** Known extensions (lower case, with the dot) → format. Matching ignores case. */
const EXTENSIONS: ReadonlyMap<string, DocFormat> = new Map([
  ['.txt', 'text'],
  ['.text', 'text'],
  ['.md', 'text'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.xhtml', 'html'],
  // Word-processor documents (ZIP archives of XML): their body's paragraphs (see office.ts).
  ['.docx', 'docx'],
  ['.odt', 'odt'],
  // PDF: the text layer of its pages (see pdf.ts).
  ['.pdf', 'pdf'],
  ['.jsonl', 'jsonl'],
  ['.ndjson', 'jsonl'],
  // A JSON array of records (or one record): read as JSON Lines, one record a "line" (jsonArrayLines).
  ['.json', 'jsonl'],
]);

/**
 * True for a `.json` name. Such a file is read (as records: see jsonArrayLines) when it is named
 * on the command line or by an --include glob; met while walking a directory otherwise, it is
 * skipped like an unknown extension (package.json, tsconfig.json and other settings files are
 * not datasets, and each would be a warning).
 */
export function isJsonName(name: string): boolean {
  return name.toLowerCase().endsWith('.json');
}

const GZ = '.gz';

/** True for a `.gz` name (`corpus.jsonl.gz`: gzip-compressed JSON Lines, read as they inflate). */
export function isGzipName(name: string): boolean {
  return name.toLowerCase().endsWith(GZ);
}

/**
 * The format of a file, judged by the extension of its name (case-insensitive): `.jsonl.gz` and
 * `.ndjson.gz` are JSON Lines too.
 *
 * @param name a file name or path (only the part after the last `.` of the last segment counts)
 * @returns the format, or undefined when the extension is not one dedupe knows
 */
export function formatOfName(name: string): DocFormat | undefined {
  if (isGzipName(name)) {
    // Gzipped JSON Lines are streamed through zlib (gunzip.ts); other gzipped files stay binary.
    const inner = name.slice(0, -GZ.length);
    return !isGzipName(inner) && !isJsonName(inner) && formatOfName(inner) === 'jsonl' ? 'jsonl' : undefined;
  }
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  const dot = name.lastIndexOf('.');
  if (dot <= slash + 1) return undefined; // no extension, or a dot file such as ".txt"
  return EXTENSIONS.get(name.slice(dot).toLowerCase());
}
