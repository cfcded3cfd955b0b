/**
 * Cuts a byte stream into lines with bounded memory. Synchronous and pure, so the JSONL reader
 * can feed it chunks as they arrive and handle a whole chunk's lines without awaiting per line.
 */

/** One line of input, without its terminator (`\n` or `\r\n`). */
export interface RawLine {
  /** 1-based line number. */
  readonly line: number;
  /** Length of the line in bytes, terminator excluded. */
  readonly bytes: number;
  /** The line's bytes, or undefined when it is longer than the limit (its bytes were not kept). */
  readonly data: Buffer | undefined;
}

/**
 * Splits chunks of bytes into lines. Lines end with `\n`; a `\r` before it is dropped; the last
 * line may lack a newline. Memory: at most `maxLineBytes + 1` bytes of one line are buffered;
 * a longer line is counted, not kept.
 *
 * Invariant: every byte pushed belongs to exactly one emitted line, so `line` numbers match the
 * input's line numbers (blank lines included; skipping them is the caller's choice).
 */
export class LineSplitter {
  readonly #maxLineBytes: number;
  #parts: Buffer[] = [];
  #length = 0;
  #tooLong = false;
  #lastByte = -1;
  #line = 0;

  /**
   * @param maxLineBytes lines longer than this (terminator excluded) come out with `data: undefined`
   */
  constructor(maxLineBytes: number) {
    this.#maxLineBytes = maxLineBytes;
  }

  /** Lines emitted so far (the number of the last one). */
  get lines(): number {
    return this.#line;
  }

  /**
   * Feed the next chunk.
   *
   * @param chunk bytes; it is not copied, so the caller must not modify it afterwards
   * @returns the lines completed by this chunk, in order; `data` buffers may share memory with chunks
   */
  push(chunk: Buffer): RawLine[] {
    const out: RawLine[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) {
        if (start < chunk.length) this.#append(chunk.subarray(start));
        return out;
      }
      if (nl > start) this.#append(chunk.subarray(start, nl));
      out.push(this.#finish());
      start = nl + 1;
    }
  }

  /**
   * Signal the end of input.
   *
   * @returns the last line if it lacked a newline (and was not empty), else nothing
   */
  end(): RawLine[] {
    return this.#length > 0 ? [this.#finish()] : [];
  }

  #append(piece: Buffer): void {
    this.#length += piece.length;
    this.#lastByte = piece[piece.length - 1] ?? this.#lastByte;
    if (this.#tooLong) return;
    // One extra byte is allowed: it may be the `\r` of a `\r\n`.
    if (this.#length > this.#maxLineBytes + 1) {
      this.#tooLong = true;
      this.#parts = [];
    } else {
      this.#parts.push(piece);
    }
  }

  #finish(): RawLine {
    this.#line++;
    const cr = this.#length > 0 && this.#lastByte === 13 ? 1 : 0;
    const bytes = this.#length - cr;
    let data: Buffer | undefined;
    if (!this.#tooLong && bytes <= this.#maxLineBytes) {
      const whole = this.#parts.length === 1 ? (this.#parts[0] as Buffer) : Buffer.concat(this.#parts, this.#length);
      data = whole.subarray(0, bytes);
    }
    this.#parts = [];
    this.#length = 0;
    this.#tooLong = false;
    this.#lastByte = -1;
    return { line: this.#line, bytes, data };
  }
}
