/**
 * Read a whole stream into one buffer, up to a size limit.
 */

/** The outcome of {@link collectStream}. */
export interface CollectedBytes {
  /** All the bytes, or undefined when there were more than the limit (they were not kept). */
  readonly data: Buffer | undefined;
  /** How many bytes the stream delivered in total. */
  readonly bytes: number;
}

/**
 * Read `stream` to its end. Memory is bounded: once more than `maxBytes` have arrived the bytes
 * are dropped and the rest is only counted (the stream is still drained, so a writer on the
 * other end of a pipe does not fail with EPIPE).
 *
 * @param stream chunks (strings are taken as UTF-8)
 * @param maxBytes the largest result kept
 * @returns the bytes (or undefined if too large) and their count
 */
export async function collectStream(
  stream: AsyncIterable<Buffer | string | Uint8Array>,
  maxBytes: number,
): Promise<CollectedBytes> {
  let parts: Buffer[] = [];
  let bytes = 0;
  let tooLarge = false;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    bytes += buf.length;
    if (tooLarge) continue;
    if (bytes > maxBytes) {
      tooLarge = true;
      parts = [];
    } else {
      parts.push(buf);
    }
  }
  return { data: tooLarge ? undefined : Buffer.concat(parts, bytes), bytes };
}
