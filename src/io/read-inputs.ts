/**
 * The input layer's entry point: command-line inputs → SourceDocs, in a deterministic order.
 * The only code in dedupe that reads the file system (or stdin) for inputs; it never writes.
 */
import path from 'node:path';
import type { SourceDoc } from '../types.js';
import { collectStream } from './collect-stream.js';
import { discoverInputs, type Discovered, type DiscoveredFile } from './discover.js';
import { createInputStats, type InputStats } from './input-stats.js';
import { jsonArrayLines, openJsonlFile, readJsonl, type JsonlOptions } from './jsonl.js';
import { gunzippedIfGzip } from './gunzip.js';
import { isJsonName } from './formats.js';
import { readDocumentFile, readMode } from './read-file.js';
import { documentOf, tooLargeWarning, type ReadOutcome } from './text-document.js';
import { sniffDocument } from './office.js';
import { describeFsError, inputWarning, type InputWarning } from './warnings.js';

export type { InputWarning, InputWarningReason } from './warnings.js';

/** How inputs are found and parsed. */
export interface ReadOptions {
  /** Globs (picomatch) matched against the path relative to the directory argument it was found under; empty = everything. */
  readonly include: readonly string[];
  /** Globs; excluded wins. */
  readonly exclude: readonly string[];
  /** JSONL field holding the text, default 'text'. */
  readonly textField: string;
  /** JSONL field holding the id, default 'id'. */
  readonly idField: string;
  /** How `-` is parsed. */
  readonly stdinFormat: 'text' | 'html' | 'jsonl' | 'docx' | 'odt' | 'pdf';
  /** A document (file, or JSONL line) bigger than this many bytes is skipped with a warning naming --max-doc-bytes. */
  readonly maxDocBytes: number;
  /** A malformed JSONL line stops the run (DedupeError E_INPUT with path and line) instead of warning and skipping. */
  readonly strict: boolean;
  /** Ids and paths are made relative to this directory (resolved against process.cwd() if relative). */
  readonly cwd: string;
  /**
   * How many text/HTML files may be read ahead of the consumer, concurrently (default 16, min 1).
   * Memory: besides this count, read-ahead stops while the listed sizes of the files in flight
   * exceed {@link READ_AHEAD_BYTES}; so at most that plus one document's bytes are buffered.
   */
  readonly readAhead?: number;
}

/** Default for {@link ReadOptions.readAhead}. */
export const DEFAULT_READ_AHEAD = 16;

/** Byte budget for files read ahead of the consumer (listed sizes). */
export const READ_AHEAD_BYTES = 64 * 1024 * 1024;

/** A document-or-warnings result that is ready now or later; emitted strictly in order. */
interface Pending {
  readonly outcome: Promise<ReadOutcome>;
  /** Listed size of the file being read (0 for warnings). */
  readonly bytes: number;
}

/**
 * Read every input as documents, in order: inputs as given, directory entries depth-first
 * sorted by code-unit order of their names (see discover.ts for the rules on hidden files,
 * extensions, links and duplicates).
 *
 * Problems never throw (except a malformed JSONL line with `strict`): each is reported once
 * through `onWarning`, in input order, and the run continues. A warning with `failed: true`
 * means an input could not be read at all; the caller should exit 2 at the end.
 *
 * Text and HTML files are read up to `readAhead` at a time in the background; JSONL files and
 * stdin are streamed when their turn comes. Inputs are opened read-only; nothing is written.
 *
 * @param inputs files, directories, and `-` for stdin, as typed on the command line
 * @param options see {@link ReadOptions}
 * @param onWarning receives each warning, in input order
 * @param stdin the stream `-` reads (default process.stdin, touched only if `-` is given)
 * @param stats counters to increment (optional; see createInputStats)
 * @returns the documents; empty inputs give documents with empty text
 */
export async function* readInputs(
  inputs: readonly string[],
  options: ReadOptions,
  onWarning: (w: InputWarning) => void,
  stdin?: NodeJS.ReadableStream,
  stats: InputStats = createInputStats(),
): AsyncGenerator<SourceDoc> {
  const cwd = path.resolve(options.cwd);
  const readAhead = Math.max(1, Math.floor(options.readAhead ?? DEFAULT_READ_AHEAD));
  const jsonlOptions: JsonlOptions = {
    textField: options.textField,
    idField: options.idField,
    maxDocBytes: options.maxDocBytes,
    strict: options.strict,
  };
  const queue: Pending[] = [];
  let bytesInFlight = 0;
  const mode = readMode();

  /** Emit one finished result: its warnings, then its document. */
  const settle = (outcome: ReadOutcome): SourceDoc | undefined => {
    for (const w of outcome.warnings) onWarning(w);
    if (outcome.doc !== undefined) {
      stats.filesRead++;
      stats.documents++;
      stats.bytes += outcome.doc.bytes;
    }
    return outcome.doc;
  };

  /** Emit queued results, oldest first, until at most `keep` remain and the byte budget is kept. */
  async function* drain(keep: number): AsyncGenerator<SourceDoc> {
    while (queue.length > keep || (queue.length > 0 && bytesInFlight > READ_AHEAD_BYTES)) {
      const head = queue.shift() as Pending;
      bytesInFlight -= head.bytes;
      const doc = settle(await head.outcome);
      if (doc !== undefined) yield doc;
    }
  }

  const streamed = async function* (item: Discovered): AsyncGenerator<SourceDoc> {
    if (item.kind === 'stdin') {
      yield* readStdin(stdin ?? process.stdin, options, jsonlOptions, onWarning, settle, stats);
    } else if (item.kind === 'file') {
      yield* readJsonlFile(item, jsonlOptions, onWarning, stats);
    }
  };

  for await (const item of discoverInputs(inputs, { include: options.include, exclude: options.exclude, cwd }, stats)) {
    if (item.kind === 'warning') {
      queue.push({ outcome: Promise.resolve({ doc: undefined, warnings: [item.warning] }), bytes: 0 });
    } else if (item.kind === 'stdin' || item.format === 'jsonl') {
      // Streamed inputs run at the head of the queue, so order is kept without buffering them.
      yield* drain(0);
      yield* streamed(item);
      continue;
    } else {
      const file = item as DiscoveredFile & { format: 'text' | 'html' | 'docx' | 'odt' | 'pdf' };
      const bytes = file.size <= options.maxDocBytes ? file.size : 0;
      bytesInFlight += bytes;
      const outcome = readDocumentFile(file, options.maxDocBytes, mode);
      // It only rejects on a bug; that surfaces when awaited in turn, not as an unhandled rejection meanwhile.
      outcome.catch(() => undefined);
      queue.push({ outcome, bytes });
    }
    yield* drain(readAhead - 1);
  }
  yield* drain(0);
}

async function* readJsonlFile(
  file: DiscoveredFile,
  options: JsonlOptions,
  onWarning: (w: InputWarning) => void,
  stats: InputStats,
): AsyncGenerator<SourceDoc> {
  stats.filesRead++;
  try {
    const chunks = isJsonName(file.abs) ? jsonArrayLines(file.abs, file.path, options, onWarning) : openJsonlFile(file.abs);
    for await (const doc of readJsonl(chunks, file.path, options, onWarning)) {
      stats.documents++;
      stats.bytes += doc.bytes;
      yield doc;
    }
  } catch (err) {
    if (!isFsError(err)) throw err;
    stats.filesRead--;
    onWarning(inputWarning(file.path, 'unreadable', describeFsError(err), true));
  }
}

async function* readStdin(
  stream: NodeJS.ReadableStream,
  options: ReadOptions,
  jsonlOptions: JsonlOptions,
  onWarning: (w: InputWarning) => void,
  settle: (outcome: ReadOutcome) => SourceDoc | undefined,
  stats: InputStats,
): AsyncGenerator<SourceDoc> {
  const chunks = stream as AsyncIterable<Buffer | string>;
  if (options.stdinFormat === 'jsonl') {
    stats.filesRead++;
    // `zcat corpus.jsonl.gz | dedupe -` or straight `dedupe - < corpus.jsonl.gz`: gzip is seen by its bytes.
    for await (const doc of readJsonl(gunzippedIfGzip(chunks), '-', jsonlOptions, onWarning)) {
      stats.documents++;
      stats.bytes += doc.bytes;
      yield doc;
    }
    return;
  }
  const got = await collectStream(chunks, options.maxDocBytes);
  const outcome =
    got.data === undefined
      ? { doc: undefined, warnings: [tooLargeWarning('-', got.bytes, options.maxDocBytes)] }
      : await documentFromStdin(got.data, options.stdinFormat);
  const doc = settle(outcome);
  if (doc !== undefined) yield doc;
}

/**
 * Stdin's bytes as a document. Text (the default) that is a PDF, a .docx or a .odt by its bytes
 * (`curl … | dedupe - archive/`) is read as one: stdin has no name to tell.
 */
async function documentFromStdin(data: Buffer, format: ReadOptions['stdinFormat']): Promise<ReadOutcome> {
  const as = format === 'text' ? (sniffDocument(data) ?? 'text') : format;
  return documentOf(data, '-', as === 'jsonl' ? 'text' : as); // jsonl is streamed before this
}

/** Errors from the file system (they carry an errno code), as opposed to DedupeErrors and bugs. */
function isFsError(err: unknown): boolean {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && !('exitCode' in err);
}
