/**
 * A TextStore that keeps texts in memory up to a budget and spills the rest, as UTF-8 (UTF-16
 * for a text with lone surrogates), to one temporary file (created with mode 0600 in the OS
 * temporary directory, removed by `close` and at process exit). Reading a spilled text back is
 * one positioned read. This keeps memory proportional to the number of documents, not to their
 * total text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TextStore } from '../text-store.js';

/**
 * Default memory budget for texts: 4 Mi UTF-16 code units (a folder of articles stays in memory);
 * the rest is read back from disk once per document with passages. Measured on the 270 MB bench
 * corpus with overlap on: spilling past 4 Mi instead of 64 Mi characters is ~0.8 s faster (less
 * copying by the garbage collector, the texts are spilled for the render threads anyway) and
 * holds ~60 MB less.
 */
export const DEFAULT_TEXT_BUDGET = 4 * 1024 * 1024;

/**
 * Where every text lies in a spill file: byte offset (NaN: no text) and length, in UTF-8; a
 * negative length −n means n bytes of UTF-16LE (a text with lone surrogates, which UTF-8 cannot
 * carry: JSONL escapes can make them, and the report must quote them as they are).
 */
export interface SpilledTexts {
  readonly file: string;
  readonly starts: Float64Array;
  readonly lengths: Float64Array;
}

/** Reads texts from a spill file (in any thread), keeping the last one read. */
export class SpilledTextReader {
  private readonly fd: number;
  private last = -1;
  private text = '';

  constructor(private readonly where: SpilledTexts) {
    this.fd = fs.openSync(where.file, 'r');
  }

  get(index: number): string {
    if (index === this.last) return this.text;
    this.last = index;
    this.text = readText(this.fd, this.where.starts[index]!, this.where.lengths[index]!);
    return this.text;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/** The text stored at `start` of file fd, `stored` bytes as SpilledTexts.lengths says ('' when start is NaN). */
function readText(fd: number, start: number, stored: number): string {
  if (Number.isNaN(start)) return '';
  const length = Math.abs(stored);
  const buf = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < buf.length) {
    const n = fs.readSync(fd, buf, read, buf.length - read, start + read);
    if (n === 0) break;
    read += n;
  }
  return buf.toString(stored < 0 ? 'utf16le' : 'utf8', 0, read);
}

/** Whether a string has no lone surrogates (String.prototype.isWellFormed, ES2024). */
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/** Bytes of encoded texts gathered before one write. */
const PENDING_BYTES = 1 << 20;
const EMPTY_BUFFER = Buffer.alloc(0);

export class SpillTextStore implements TextStore {
  private readonly memory: (string | undefined)[] = [];
  private memoryChars = 0;
  private fd: number | undefined;
  private file: string | undefined;
  /** Bytes of the file so far, pending ones included. */
  private offset = 0;
  /** Encoded texts not yet written: the last pendingBytes bytes before `offset`. */
  private pending = EMPTY_BUFFER;
  private pendingBytes = 0;
  /** Per spilled document: byte offset and length in the file (NaN when in memory). */
  private starts = new Float64Array(1024).fill(NaN);
  private lengths = new Float64Array(1024);
  private readonly cleanup = (): void => this.close();

  /** Documents whose bytes are in the pending buffer, not yet in the file. */
  private readonly pendingDocs: number[] = [];
  /** Why texts can no longer be spilled (then they are kept in memory), once it has happened. */
  private failure: string | undefined;

  /**
   * @param budget code units kept in memory before spilling
   * @param onFailure told once, with the file (or directory) and the error code, when the
   *   temporary file cannot be made or written: every text from then on is kept in memory (the
   *   run goes on, with more memory)
   */
  constructor(
    private readonly budget = DEFAULT_TEXT_BUDGET,
    private readonly onFailure: (where: string, code: string) => void = () => undefined,
  ) {}

  put(index: number, text: string): void {
    if (this.failure !== undefined || this.memoryChars + text.length <= this.budget) {
      this.keep(index, text);
      return;
    }
    this.spill(index, text);
  }

  private keep(index: number, text: string): void {
    this.memory[index] = text;
    this.memoryChars += text.length;
  }

  /** Opens the temporary file; false (and the failure recorded) when it cannot be made. */
  private open(): boolean {
    try {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dedupe-'));
      this.file = path.join(dir, 'texts');
      process.once('exit', this.cleanup);
      this.fd = fs.openSync(this.file, 'w+', 0o600);
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  private fail(e: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    this.onFailure(this.file ?? os.tmpdir(), this.failure);
  }

  private spill(index: number, text: string): void {
    if (this.failure !== undefined || (this.fd === undefined && !this.open())) {
      this.keep(index, text);
      return;
    }
    const utf8 = wellFormed(text);
    // Encoded straight into the pending buffer, written in ~1 MiB pieces: one system call per
    // few hundred documents instead of one each.
    const most = utf8 ? 3 * text.length : 2 * text.length;
    if (this.pendingBytes + most > this.pending.length) {
      this.flush();
      // A document larger than the usual buffer gets one of its own, until the next flush.
      if (most > this.pending.length) this.pending = Buffer.allocUnsafeSlow(Math.max(PENDING_BYTES, most));
    }
    const n = this.pending.write(text, this.pendingBytes, utf8 ? 'utf8' : 'utf16le');
    this.pendingBytes += n;
    this.pendingDocs.push(index);
    while (index >= this.starts.length) {
      const s = new Float64Array(this.starts.length * 2).fill(NaN);
      s.set(this.starts);
      const l = new Float64Array(this.lengths.length * 2);
      l.set(this.lengths);
      this.starts = s;
      this.lengths = l;
    }
    this.starts[index] = this.offset;
    this.lengths[index] = utf8 ? n : -n;
    this.offset += n;
  }

  /**
   * Writes the pending bytes to the file (they start at offset − pendingBytes). When the write
   * fails (a full disk), their texts are decoded back into memory and nothing is spilled again.
   */
  private flush(): void {
    const n = this.pendingBytes;
    if (n === 0) return;
    const at = this.offset - n;
    try {
      let written = 0;
      while (written < n) written += fs.writeSync(this.fd!, this.pending, written, n - written, at + written);
    } catch (e) {
      this.fail(e);
      for (const d of this.pendingDocs) {
        const len = this.lengths[d]!;
        const from = this.starts[d]! - at;
        this.keep(d, this.pending.toString(len < 0 ? 'utf16le' : 'utf8', from, from + Math.abs(len)));
        this.starts[d] = NaN;
      }
    }
    this.pendingBytes = 0;
    this.pendingDocs.length = 0;
    if (this.pending.length > PENDING_BYTES) this.pending = Buffer.allocUnsafeSlow(PENDING_BYTES);
  }

  /**
   * Moves every text still in memory to the file and tells where each one lies, so that other
   * threads can read texts (as `get` does) without the main thread: render-pool.ts.
   * @param count number of documents
   * @returns undefined when the texts cannot all be in the file (it could not be made or written)
   */
  spillAll(count: number): SpilledTexts | undefined {
    if (this.failure !== undefined) return undefined;
    // Nothing stored at all: an empty file, so that readers can still open it.
    if (this.fd === undefined && !this.open()) return undefined;
    for (let i = 0; i < this.memory.length && this.failure === undefined; i++) {
      const text = this.memory[i];
      if (text === undefined) continue;
      this.memory[i] = undefined;
      this.memoryChars -= text.length;
      this.spill(i, text);
    }
    this.flush();
    if (this.failure !== undefined) return undefined;
    const starts = new Float64Array(count).fill(NaN);
    const lengths = new Float64Array(count);
    starts.set(this.starts.subarray(0, Math.min(count, this.starts.length)));
    lengths.set(this.lengths.subarray(0, Math.min(count, this.lengths.length)));
    return { file: this.file!, starts, lengths };
  }

  get(index: number): string {
    const m = this.memory[index];
    if (m !== undefined) return m;
    const start = this.starts[index];
    if (start === undefined || Number.isNaN(start)) return '';
    if (this.fd === undefined) throw new Error(`text ${index} was read after its store was closed`);
    if (start >= this.offset - this.pendingBytes) this.flush();
    return readText(this.fd, start, this.lengths[index]!);
  }

  close(): void {
    if (this.fd !== undefined) {
      fs.closeSync(this.fd);
      this.fd = undefined;
      fs.rmSync(path.dirname(this.file!), { recursive: true, force: true });
      process.removeListener('exit', this.cleanup);
    }
  }
}
