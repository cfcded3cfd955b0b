/**
 * Read one discovered text or HTML file.
 */
import { createReadStream, readFile, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { collectStream } from './collect-stream.js';
import type { DiscoveredFile } from './discover.js';
import { documentOf, tooLargeWarning, type ReadOutcome } from './text-document.js';
import { describeFsError, inputWarning } from './warnings.js';

/**
 * The callback readFile, promisified: in Node 20 it is markedly faster than fs.promises.readFile
 * for many small files (one fewer round trip to the thread pool per file; measured ~35%).
 */
const readFileAsync = promisify(readFile);

/**
 * How a run reads regular files. From the page cache a synchronous read is the fastest way by
 * far: the thread pool's four round trips a file (open, fstat, read, close) cost more than the
 * read itself, and on two cores its threads take time from the fingerprint workers (20,000 small
 * files: 2.65–3.25 s → 1.91–2.68 s). When reads are slow for their size on average (a cold disk, a
 * network file system), the run switches to asynchronous reads, many in flight at a time, for
 * the files left; one slow read (the thread preempted) does not.
 */
export interface ReadMode {
  sync: boolean;
  /** Moving average of the synchronous reads' milliseconds beyond 1 ms per 200 KB. */
  average: number;
  reads: number;
  /** The average past which the run reads asynchronously. */
  readonly slowMs: number;
}

/** A new ReadMode: synchronous reads while they are fast. */
export function readMode(slowMs = 1): ReadMode {
  return { sync: true, average: 0, reads: 0, slowMs };
}

/** Reads judged before a run may switch, and the weight of each read in the average. */
const READS_JUDGED = 16;
const READ_WEIGHT = 1 / 16;

async function readRegular(abs: string, mode: ReadMode | undefined): Promise<Buffer> {
  if (mode === undefined || !mode.sync) return readFileAsync(abs, { flag: 'r' });
  const t0 = performance.now();
  const buf = readFileSync(abs, { flag: 'r' });
  const ms = Math.max(0, performance.now() - t0 - buf.length / 200_000);
  mode.average += (ms - mode.average) * (mode.reads++ < READS_JUDGED ? 1 / mode.reads : READ_WEIGHT);
  if (mode.reads >= READS_JUDGED && mode.average > mode.slowMs) mode.sync = false;
  return buf;
}

/**
 * Read a text or HTML file (opened read-only) and turn it into a document.
 *
 * Never throws for file problems: a file larger than `maxDocBytes` (by its listed size, or by
 * what was actually read if it grew) gives a 'too-large' warning; a read error (ENOENT because it
 * vanished since listing, EACCES, EISDIR, …) gives one 'unreadable' warning with `failed: true`
 * (any input that could not be read counts, named or found in a walk). Named FIFOs are read as
 * streams with the same size limit.
 *
 * @param file what discovery found (format must be 'text' or 'html')
 * @param maxDocBytes the size limit in bytes
 * @param mode how regular files are read (see ReadMode; default asynchronously)
 * @returns the document (unless skipped) and warnings, in order
 */
export async function readDocumentFile(
  file: DiscoveredFile & { readonly format: 'text' | 'html' | 'docx' | 'odt' | 'pdf' },
  maxDocBytes: number,
  mode?: ReadMode,
): Promise<ReadOutcome> {
  if (file.regular && file.size > maxDocBytes) {
    return { doc: undefined, warnings: [tooLargeWarning(file.path, file.size, maxDocBytes)] };
  }
  let buf: Buffer;
  try {
    if (file.regular) {
      buf = await readRegular(file.abs, mode);
    } else {
      const got = await collectStream(createReadStream(file.abs, { flags: 'r' }), maxDocBytes);
      if (got.data === undefined) {
        return { doc: undefined, warnings: [tooLargeWarning(file.path, got.bytes, maxDocBytes)] };
      }
      buf = got.data;
    }
  } catch (err) {
    return { doc: undefined, warnings: [inputWarning(file.path, 'unreadable', describeFsError(err), true)] };
  }
  if (buf.length > maxDocBytes) {
    return { doc: undefined, warnings: [tooLargeWarning(file.path, buf.length, maxDocBytes)] };
  }
  return documentOf(buf, file.path, file.format);
}
