/**
 * Where the report goes: stdout, or a file written atomically (a temporary file in the same
 * directory, then rename), so an interrupted run leaves the old file or the whole new one.
 */
import { promises as fs } from 'node:fs';
import fsSync from 'node:fs';
import * as path from 'node:path';
import { DedupeError } from '../errors.js';
import { interruption } from './signals.js';

/**
 * Temporary files being written, removed if the process is interrupted. A file stays in the set
 * until its write has settled and it has been renamed or removed (signals.ts relies on this).
 */
export const pendingTemps = new Set<string>();

/** Joins small chunks into pieces of about 1M characters: few writes, and never one giant string. */
export function* batches(chunks: readonly string[], size = 1 << 20): Generator<string> {
  let group: string[] = [];
  let n = 0;
  for (const c of chunks) {
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
 * Writes the report to `file` atomically. `render` writes the report through the callback it is
 * given: its chunks go to the temporary file as they come (in ~1M-character pieces), so a report
 * larger than memory allows is never held whole.
 * @throws DedupeError E_OUTPUT naming the file
 */
export async function writeFileAtomic(file: string, render: (write: (chunk: string) => void) => void): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  pendingTemps.add(tmp);
  try {
    const fd = fsSync.openSync(tmp, 'wx');
    try {
      let group: string[] = [];
      let n = 0;
      const flush = (): void => {
        if (n === 0) return;
        const buf = Buffer.from(group.join(''), 'utf8');
        let off = 0;
        while (off < buf.length) off += fsSync.writeSync(fd, buf, off, buf.length - off);
        group = [];
        n = 0;
      };
      const write = (chunk: string): void => {
        group.push(chunk);
        n += chunk.length;
        if (n >= 1 << 20) flush();
      };
      render(write);
      flush();
    } finally {
      fsSync.closeSync(fd);
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

/**
 * Writes the report to stdout, piece by piece with backpressure, and resolves when flushed.
 * A closed pipe (EPIPE, e.g. `| head -1`) is not an error: the rest is dropped quietly.
 */
export async function writeStdout(data: readonly string[], stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
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
