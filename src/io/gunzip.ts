/**
 * Gzip-compressed JSON Lines (`corpus.jsonl.gz`: how datasets are often shipped), inflated by
 * Node's own zlib as they stream: nothing is held whole and nothing is written to disk.
 */
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Bytes gzip data starts with (RFC 1952). */
const MAGIC = [0x1f, 0x8b] as const;

/** Inflated bytes per chunk: large chunks mean few awaits per MB. */
const CHUNK_BYTES = 1 << 20;

/**
 * True for an error of zlib's (damaged or truncated compressed data: `Z_DATA_ERROR`,
 * `Z_BUF_ERROR`, …), as opposed to one of the file system's.
 */
export function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/**
 * The inflated bytes of gzip data (concatenated members too, as `cat a.gz b.gz` makes). An error
 * of the source (a missing file) or of the data (zlib's) surfaces when the result is read.
 * @param source the compressed bytes (a file stream, stdin)
 */
export function gunzipped(source: NodeJS.ReadableStream | AsyncIterable<Buffer | string>): AsyncIterable<Buffer> {
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  const input = 'pipe' in source ? source : Readable.from(source);
  // The callback only keeps pipeline from throwing: the error also destroys `gunzip`, whose reader sees it.
  pipeline(input, gunzip, () => undefined);
  return gunzip;
}

/**
 * `chunks` inflated when they start as gzip data does, else as they are: stdin has no name to
 * tell (`zcat` is not needed before `dedupe -`).
 */
export async function* gunzippedIfGzip(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
  const it = chunks[Symbol.asyncIterator]();
  // Enough of the start to see the two signature bytes (a first chunk may hold one).
  let head = Buffer.alloc(0);
  let ended = false;
  while (head.length < MAGIC.length) {
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    head = Buffer.concat([head, typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value]);
  }
  const rest = async function* (): AsyncGenerator<Buffer | string> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  };
  yield* head[0] === MAGIC[0] && head[1] === MAGIC[1] ? gunzipped(rest()) : rest();
}
