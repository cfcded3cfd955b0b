/**
 * JSONL (NDJSON) reader: one document per line, streamed with bounded memory.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { DedupeError } from '../errors.js';
import type { SourceDoc } from '../types.js';
import { htmlToText, startsLikeHtml } from './html.js';
import { repairMojibake } from './mojibake.js';
import { mojibakeWarning } from './text-document.js';
import { parseJsonlRecord } from './jsonl-record.js';
import { LineSplitter, type RawLine } from './line-splitter.js';
import { isGzipName } from './formats.js';
import { gunzipped, isZlibError } from './gunzip.js';
import { inputWarning, type InputWarning } from './warnings.js';

/** What the JSONL reader needs from the read options. */
export interface JsonlOptions {
  readonly textField: string;
  readonly idField: string;
  /** A line longer than this (bytes, terminator excluded) is skipped with a 'too-large' warning. */
  readonly maxDocBytes: number;
  /** Throw instead of warning on a malformed line. */
  readonly strict: boolean;
}

/** Chunk size for reading JSONL files: large chunks mean few awaits per MB. */
const CHUNK_BYTES = 1 << 20;

/**
 * Open a JSONL file for {@link readJsonl}: a read-only stream, never the whole file in memory;
 * a `.gz` one inflated as it streams. Open errors (ENOENT, EACCES) surface when the stream is
 * first read.
 *
 * @param abs absolute path
 * @returns the file's chunks
 */
export function openJsonlFile(abs: string): AsyncIterable<Buffer> {
  const file = createReadStream(abs, { flags: 'r', highWaterMark: CHUNK_BYTES });
  return isGzipName(abs) ? gunzipped(file) : file;
}

/** The largest `.json` file read (it is parsed whole; JSON Lines stream at any size). */
export const MAX_JSON_BYTES = 512 * 1024 * 1024;

/**
 * The records of a `.json` file as JSON Lines, for readJsonl: a top-level array gives one line
 * per element (so a warning's "line" is the element's number, from 1), any other value one line.
 * Invalid JSON, or a file over MAX_JSON_BYTES, is one 'jsonl' warning and no records (with
 * `strict`, a thrown DedupeError E_INPUT).
 */
export async function* jsonArrayLines(
  abs: string,
  path: string,
  options: Pick<JsonlOptions, 'strict'>,
  onWarning: (w: InputWarning) => void,
): AsyncGenerator<string> {
  const size = (await stat(abs)).size;
  let problem: string | undefined;
  let value: unknown;
  if (size > MAX_JSON_BYTES) {
    problem = `${size} bytes of JSON is more than ${MAX_JSON_BYTES} read whole; give it as JSON Lines (jq -c '.[]' file.json > file.jsonl)`;
  } else {
    let text = (await readFile(abs)).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    try {
      value = JSON.parse(text);
    } catch (err) {
      problem = `invalid JSON (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
    }
  }
  if (problem !== undefined) {
    if (options.strict) throw new DedupeError('E_INPUT', `${path}: ${problem}`, { path });
    onWarning(inputWarning(path, 'jsonl', `${problem}; file skipped`, false));
    return;
  }
  for (const record of Array.isArray(value) ? value : [value]) yield `${JSON.stringify(record)}\n`;
}

/**
 * Read JSONL records as documents.
 *
 * Contract:
 * - lines end with `\n` or `\r\n`; the last may lack a newline; blank (whitespace-only) lines
 *   are skipped silently; a UTF-8 BOM on line 1 is ignored;
 * - each line must be a JSON object with a string `textField`; otherwise a 'jsonl' warning
 *   `path:LINE: <reason>; line skipped`, or with `strict` a thrown DedupeError E_INPUT with path and line;
 * - a line longer than `maxDocBytes` is skipped with a 'too-large' warning, without buffering it;
 * - invalid UTF-8 is replaced with U+FFFD and warned about once per file ('encoding');
 * - ids are `path#<idField>` or, without one, `path#<line>`; a repeated id gets `~2`, `~3`, …
 *   (the first free suffix) and a 'duplicate-id' warning; both records are kept;
 * - `bytes` is the line's size without terminator, `line` its 1-based number;
 * - a text that is a whole HTML page (startsLikeHtml) becomes its visible main content (htmlToText);
 * - compressed data that cannot be inflated (zlib's error: a damaged or truncated `.gz`) ends the
 *   file with one 'damaged' warning on the line where it broke; the records before it are kept
 *   (with `strict`, a thrown DedupeError E_INPUT).
 *
 * @param chunks the raw bytes (a file stream, or stdin); strings are taken as UTF-8
 * @param path display path used in ids and messages (`-` for stdin)
 * @param options field names, size limit, strictness
 * @param onWarning receives each warning, in input order
 * @returns the documents, in line order
 */
export async function* readJsonl(
  chunks: AsyncIterable<Buffer | string>,
  path: string,
  options: JsonlOptions,
  onWarning: (w: InputWarning) => void,
): AsyncGenerator<SourceDoc> {
  const splitter = new LineSplitter(options.maxDocBytes);
  const ids = new IdAllocator();
  let warnedEncoding = false;
  let warnedMojibake = false;

  const toDoc = (raw: RawLine): SourceDoc | undefined => {
    if (raw.data === undefined) {
      onWarning(
        inputWarning(
          path,
          'too-large',
          `line of ${raw.bytes} bytes is larger than --max-doc-bytes (${options.maxDocBytes}); line skipped`,
          false,
          raw.line,
        ),
      );
      return undefined;
    }
    let data = raw.data;
    if (raw.line === 1 && data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
      data = data.subarray(3);
    }
    if (!isUtf8(data) && !warnedEncoding) {
      warnedEncoding = true;
      onWarning(
        inputWarning(path, 'encoding', 'invalid UTF-8; undecodable bytes replaced with U+FFFD', false, raw.line),
      );
    }
    const text = data.toString('utf8');
    if (text.trim() === '') return undefined;
    const record = parseJsonlRecord(text, options.textField, options.idField);
    if (!record.ok) {
      if (options.strict) {
        throw new DedupeError('E_INPUT', `${path}:${raw.line}: ${record.reason}`, { path, line: raw.line });
      }
      onWarning(inputWarning(path, 'jsonl', `${record.reason}; line skipped`, false, raw.line));
      return undefined;
    }
    const wanted = record.id ?? String(raw.line);
    const key = ids.allocate(wanted, raw.line);
    if (key !== wanted) {
      const first = ids.firstLine(wanted);
      onWarning(
        inputWarning(
          path,
          'duplicate-id',
          `duplicate id ${JSON.stringify(wanted)} (first on line ${first}); kept as ${path}#${key}`,
          false,
          raw.line,
        ),
      );
    }
    // Mojibake's lead characters (Â–ô) are all 0xC3 … in UTF-8: a byte search rules most lines out.
    const repaired = data.includes(0xc3) ? repairMojibake(record.text) : { text: record.text, repaired: 0 };
    if (repaired.repaired > 0 && !warnedMojibake) {
      warnedMojibake = true;
      const w = mojibakeWarning(path, repaired.repaired, raw.line);
      onWarning({ ...w, message: `${w.message} (and in any later record of this file, not warned about again)` });
    }
    // A record holding a whole HTML page (a crawl's "html" field) is its visible main content.
    const body = startsLikeHtml(repaired.text) ? htmlToText(repaired.text) : repaired.text;
    return { id: `${path}#${key}`, path, format: 'jsonl', text: body, bytes: raw.bytes, line: raw.line };
  };

  try {
    for await (const chunk of chunks) {
      for (const raw of splitter.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk)) {
        const doc = toDoc(raw);
        if (doc !== undefined) yield doc;
      }
    }
  } catch (err) {
    if (!isZlibError(err)) throw err;
    // Compressed data damaged or cut short (a truncated download): the records before it are kept.
    const line = splitter.lines + 1;
    const why = `damaged gzip data (${err instanceof Error ? err.message : String(err)})`;
    if (options.strict) throw new DedupeError('E_INPUT', `${path}:${line}: ${why}`, { path, line });
    onWarning(inputWarning(path, 'damaged', `${why}; line ${line} and the rest of the file skipped`, false, line));
    return;
  }
  for (const raw of splitter.end()) {
    const doc = toDoc(raw);
    if (doc !== undefined) yield doc;
  }
}

/** Hands out unique ids within one file: a taken id gets the first free `~k` suffix, k >= 2. */
class IdAllocator {
  /** id → line that took it. */
  readonly #taken = new Map<string, number>();
  /** For ids seen more than once: the next suffix to try. */
  readonly #next = new Map<string, number>();

  allocate(wanted: string, line: number): string {
    if (!this.#taken.has(wanted)) {
      this.#taken.set(wanted, line);
      return wanted;
    }
    let k = this.#next.get(wanted) ?? 2;
    while (this.#taken.has(`${wanted}~${k}`)) k++;
    const key = `${wanted}~${k}`;
    this.#next.set(wanted, k + 1);
    this.#taken.set(key, line);
    return key;
  }

  firstLine(id: string): number | undefined {
    return this.#taken.get(id);
  }
}
