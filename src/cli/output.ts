/**
 * Where the report goes: stdout, or a file written atomically (a temporary file in the same
 * directory, then rename), so an interrupted run leaves the old file or the whole new one.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DedupeError } from '../errors.js';
import { interruption } from './signals.js';

/**
 * Temporary files being written, removed if the process is interrupted. A file stays in the set
 * until its write has settled and it has been renamed or removed (signals.ts relies on this).
 */
export const pendingTemps = new Set<string>();

/** Joins small chunks into pieces of about 1M characters: few writes, and never one giant string. */
export function* batches(chunks: readonly string[] | string, size = 1 << 20): Generator<string> {
  if (typeof chunks === 'string') {
    if (chunks.length > 0) yield chunks;
    return;
  }
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
 * Writes the report (a string, or chunks written in order) to `file` atomically.
 * @throws DedupeError E_OUTPUT naming the file
 */
export async function writeFileAtomic(file: string, data: readonly string[] | string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  pendingTemps.add(tmp);
  try {
    const handle = await fs.open(tmp, 'wx');
    try {
      for (const piece of batches(data)) {
        await handle.write(piece);
        if (interruption.signal !== undefined) break;
      }
    } finally {
      await handle.close();
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
export async function writeStdout(data: readonly string[] | string, stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
  let closed = false;
  const onError = (): void => {
    closed = true;
  };
  stdout.on('error', onError);
  try {
    for (const piece of batches(data)) {
      if (closed) return;
      await new Promise<void>((resolve) => {
        const ok = stdout.write(piece, () => resolve());
        if (!ok) stdout.once('error', () => resolve());
      });
    }
  } finally {
    stdout.removeListener('error', onError);
  }
}
