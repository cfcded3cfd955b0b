/**
 * Uint32 arrays (and byte arrays, padded to words) packed into large SharedArrayBuffer chunks.
 * Documents' fingerprints (shingle sets and sequences, winnowed fingerprints, packed token
 * ranges) are kept here as they arrive: worker threads then see
 * them without a copy, and the process holds a few large buffers instead of several small ones
 * per document (which, once copied and freed, stay in the allocator's free lists and keep RSS up).
 */
const EMPTY = new Uint32Array(0);
const EMPTY_BYTES = new Uint8Array(0);

/** Words per chunk: 32 MiB. */
const CHUNK_WORDS = 1 << 23;

export class SharedArena {
  /** The chunks, in allocation order. */
  readonly chunks: SharedArrayBuffer[] = [];
  private readonly index = new Map<ArrayBufferLike, number>();
  private current: Uint32Array = EMPTY;
  private used = 0;

  /** @param chunkWords words per chunk (an array longer than this gets a chunk of its own) */
  constructor(private readonly chunkWords = CHUNK_WORDS) {}

  /** Copies `data` into the arena; returns the copy (a view of a chunk). */
  put(data: Uint32Array): Uint32Array {
    if (data.length === 0) return EMPTY;
    const copy = this.reserve(data.length);
    copy.set(data);
    return copy;
  }

  /** n words of a chunk, not yet used (n >= 1). */
  private reserve(n: number): Uint32Array {
    if (this.used + n > this.current.length) {
      const sab = new SharedArrayBuffer(Math.max(this.chunkWords, n) * 4);
      this.index.set(sab, this.chunks.length);
      this.chunks.push(sab);
      this.current = new Uint32Array(sab);
      this.used = 0;
    }
    const at = this.used;
    this.used += n;
    return this.current.subarray(at, at + n);
  }

  /** Copies bytes into the arena (padded to whole words); returns the copy (a byte view of a chunk). */
  putBytes(data: Uint8Array): Uint8Array {
    const n = data.length;
    if (n === 0) return EMPTY_BYTES;
    const words = this.reserve((n + 3) >>> 2);
    const bytes = new Uint8Array(words.buffer, words.byteOffset, n);
    bytes.set(data);
    return bytes;
  }

  /**
   * Where a view made by `put` lies: chunk index, offset in words, length (an empty array: 0, 0, 0).
   * @throws Error when `view` is not in this arena
   */
  locate(view: Uint32Array): [chunk: number, offset: number, length: number] {
    if (view.length === 0) return [0, 0, 0];
    const chunk = this.index.get(view.buffer);
    if (chunk === undefined) throw new Error('SharedArena.locate: not an array of this arena');
    return [chunk, view.byteOffset / 4, view.length];
  }
}
