/**
 * Where the report goes: stdout, or a file written atomically (a temporary file in the same
 * directory, then rename), so an interrupted run leaves the old file or the whole new one.
 */
import { promises as fs } from 'node:fs';
import fsSync from 'node:fs';
import * as path from 'node:path';
import { DedupeError } from '../errors.js';
import { interruption } from './signals.js';
import { Worker } from 'node:worker_threads';
import type { WriteMessage, WriteWorkerInit } from './write-worker.js';

/**
 * Temporary files being written, removed if the process is interrupted. A file stays in the set
 * until its write has settled and it has been renamed or removed (signals.ts relies on this).
 */
export const pendingTemps = new Set<string>();

/**
 * Joins small chunks into pieces of about 1M characters: few writes, and never one giant string.
 * Bytes (already encoded) pass through as they are, in order.
 */
export function* batches(chunks: readonly (string | Uint8Array)[], size = 1 << 20): Generator<string | Uint8Array> {
  let group: string[] = [];
  let n = 0;
  for (const c of chunks) {
    if (typeof c !== 'string') {
      if (n > 0) yield group.join('');
      group = [];
      n = 0;
      yield c;
      continue;
    }
    group.push(c);
    n += c.length;
    if (n >= size) {
      yield group.join('');
      group = [];
      n = 0;
    }
  }
  if (n > 0) yield group.join('');
}

/**
 * Writes the report to `file` atomically. `render` writes the report through the callbacks it is
 * given (text, or bytes already encoded as UTF-8; in order): its chunks go to the temporary file as
 * they come (in ~1M-character pieces), so a report larger than memory allows is never held whole.
 * @throws DedupeError E_OUTPUT naming the file
 */
export async function writeFileAtomic(
  file: string,
  render: (write: (chunk: string) => void, bytes: (b: Uint8Array) => void) => void | Promise<void>,
): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  pendingTemps.add(tmp);
  try {
    const fd = fsSync.openSync(tmp, 'wx');
    const out = new ChunkWriter(fd);
    try {
      // Chunks are encoded straight into ~1 MiB buffers (no joined string in between).
      let buf = Buffer.allocUnsafeSlow(WRITE_BUFFER);
      let n = 0;
      const flush = (): void => {
        if (n === 0) return;
        out.write(buf.subarray(0, n));
        buf = Buffer.allocUnsafeSlow(WRITE_BUFFER);
        n = 0;
      };
      const write = (chunk: string): void => {
        // A UTF-16 code unit takes at most 3 bytes of UTF-8.
        if (n + 3 * chunk.length > buf.length) {
          flush();
          if (3 * chunk.length > buf.length) {
            out.write(Buffer.from(chunk, 'utf8'));
            return;
          }
        }
        n += buf.write(chunk, n, 'utf8');
      };
      const bytes = (b: Uint8Array): void => {
        flush();
        out.write(b);
      };
      await render(write, bytes);
      flush();
    } finally {
      try {
        await out.close();
      } finally {
        fsSync.closeSync(fd);
      }
    }
    // Interrupted meanwhile (see signals.ts): keep the old file; the catch removes the temporary one.
    if (interruption.signal !== undefined) throw new Error(`interrupted by ${interruption.signal}`);
    await fs.rename(tmp, file);
  } catch (cause) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const reason = cause instanceof Error && 'code' in cause ? String((cause as NodeJS.ErrnoException).code) : String(cause);
    throw new DedupeError('E_OUTPUT', `${file}: cannot write the report (${reason})`, { path: file, cause });
  } finally {
    pendingTemps.delete(tmp);
  }
}

/** Bytes per buffer handed to the writer. */
const WRITE_BUFFER = 1 << 20;

/** Chunks the writer thread may lag behind (each ~1 MB): memory stays bounded. */
const WRITE_AHEAD = 16;

/**
 * Writes encoded chunks to a file in order: the first in the calling thread, the rest (a large
 * report) on a writer thread (write-worker.ts), so that rendering goes on while the kernel copies.
 * `write` blocks (Atomics.wait) while the writer is WRITE_AHEAD chunks behind.
 */
class ChunkWriter {
  private worker: Worker | undefined;
  private readonly pending = new Int32Array(new SharedArrayBuffer(4));
  private chunks = 0;

  constructor(private readonly fd: number) {}

  write(buf: Uint8Array): void {
    if (this.chunks++ === 0) {
      // Small reports (one chunk) never start a thread.
      let off = 0;
      while (off < buf.length) off += fsSync.writeSync(this.fd, buf, off, buf.length - off);
      return;
    }
    if (this.worker === undefined) {
      const init: WriteWorkerInit = { fd: this.fd, pending: this.pending.buffer as SharedArrayBuffer };
      this.worker = new Worker(new URL('./write-worker.js', import.meta.url), { workerData: init });
    }
    for (let now = Atomics.load(this.pending, 0); now >= WRITE_AHEAD; now = Atomics.load(this.pending, 0)) {
      // The writer counts off every chunk, failed or not; a minute without one means it is gone.
      if (Atomics.wait(this.pending, 0, now, 60_000) === 'timed-out') throw new Error('the report writer thread stopped');
    }
    Atomics.add(this.pending, 0, 1);
    // Transfer only a buffer of its own (a small Buffer may be a view of Node's shared pool).
    const message: WriteMessage = buf.byteOffset === 0 && buf.buffer.byteLength > Buffer.poolSize ? buf : new Uint8Array(buf);
    this.worker.postMessage(message, [message.buffer as ArrayBuffer]);
  }

  /** Waits until every chunk is written; throws the first write error. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker === undefined) return;
    this.worker = undefined;
    try {
      const failure = await new Promise<string | null>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        const end: WriteMessage = null;
        worker.postMessage(end);
      });
      if (failure !== null) throw Object.assign(new Error(`write failed (${failure})`), { code: failure });
    } finally {
      await worker.terminate();
    }
  }
}

/**
 * Writes the report to stdout, piece by piece with backpressure, and resolves when flushed.
 * A closed pipe (EPIPE, e.g. `| head -1`) is not an error: the rest is dropped quietly.
 */
export async function writeStdout(data: readonly (string | Uint8Array)[], stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
  let closed = false;
  const onError = (): void => {
    closed = true;
  };
  stdout.on('error', onError);
  try {
    for (const piece of batches(data)) {
      if (closed) return;
      if (stdout.write(piece)) continue;
      // Backpressure: wait for the pipe to drain (or to break).
      await new Promise<void>((resolve) => {
        const done = (): void => {
          stdout.removeListener('drain', done);
          stdout.removeListener('error', done);
          resolve();
        };
        stdout.on('drain', done);
        stdout.on('error', done);
      });
    }
    if (!closed) await new Promise<void>((resolve) => stdout.write('', () => resolve()));
  } finally {
    stdout.removeListener('error', onError);
  }
}
