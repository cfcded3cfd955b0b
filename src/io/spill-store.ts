/**
 * A TextStore that keeps texts in memory up to a budget and spills the rest, as UTF-8, to one
 * temporary file (created with mode 0600 in the OS temporary directory, removed by `close` and
 * at process exit). Reading a spilled text back is one positioned read. This keeps memory
 * proportional to the number of documents, not to their total text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TextStore } from '../text-store.js';

/** Default memory budget for texts: 64 Mi UTF-16 code units; the rest is read back from disk once per document with passages. */
export const DEFAULT_TEXT_BUDGET = 64 * 1024 * 1024;

export class SpillTextStore implements TextStore {
  private readonly memory: (string | undefined)[] = [];
  private memoryChars = 0;
  private fd: number | undefined;
  private file: string | undefined;
  private offset = 0;
  /** Per spilled document: byte offset and length in the file (NaN when in memory). */
  private starts = new Float64Array(1024).fill(NaN);
  private lengths = new Float64Array(1024);
  private readonly cleanup = (): void => this.close();

  /** @param budget code units kept in memory before spilling */
  constructor(private readonly budget = DEFAULT_TEXT_BUDGET) {}

  put(index: number, text: string): void {
    if (this.memoryChars + text.length <= this.budget) {
      this.memory[index] = text;
      this.memoryChars += text.length;
      return;
    }
    if (this.fd === undefined) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dedupe-'));
      this.file = path.join(dir, 'texts');
      this.fd = fs.openSync(this.file, 'w+', 0o600);
      process.once('exit', this.cleanup);
    }
    const buf = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < buf.length) written += fs.writeSync(this.fd, buf, written, buf.length - written, this.offset + written);
    while (index >= this.starts.length) {
      const s = new Float64Array(this.starts.length * 2).fill(NaN);
      s.set(this.starts);
      const l = new Float64Array(this.lengths.length * 2);
      l.set(this.lengths);
      this.starts = s;
      this.lengths = l;
    }
    this.starts[index] = this.offset;
    this.lengths[index] = buf.length;
    this.offset += buf.length;
  }

  get(index: number): string {
    const m = this.memory[index];
    if (m !== undefined) return m;
    const start = this.starts[index];
    if (start === undefined || Number.isNaN(start)) return '';
    if (this.fd === undefined) throw new Error(`text ${index} was read after its store was closed`);
    const buf = Buffer.allocUnsafe(this.lengths[index]!);
    let read = 0;
    while (read < buf.length) {
      const n = fs.readSync(this.fd, buf, read, buf.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
    return buf.toString('utf8', 0, read);
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
