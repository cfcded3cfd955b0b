/**
 * Byte arrays packed into large chunks (like SharedArena, for bytes kept by the main thread
 * only): one allocation per few megabytes instead of one per document.
 */
const EMPTY = new Uint8Array(0);

/** Bytes per chunk: 16 MiB. */
const CHUNK_BYTES = 1 << 24;

export class ByteArena {
  private current: Uint8Array = EMPTY;
  private used = 0;

  /** Copies `data` into the arena; returns the copy (a view of a chunk). */
  put(data: Uint8Array): Uint8Array {
    const n = data.length;
    if (n === 0) return EMPTY;
    if (this.used + n > this.current.length) {
      this.current = new Uint8Array(Math.max(CHUNK_BYTES, n));
      this.used = 0;
    }
    const at = this.used;
    this.current.set(data, at);
    this.used += n;
    return this.current.subarray(at, at + n);
  }
}
