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

/**
 * Writes `data` to `file` atomically.
 * @throws DedupeError E_OUTPUT naming the file
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  pendingTemps.add(tmp);
  try {
    await fs.writeFile(tmp, data, { flag: 'wx' });
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
 * Writes to stdout and resolves when flushed. A closed pipe (EPIPE, e.g. `| head -1`) is not
 * an error: the rest of the output is dropped quietly.
 */
export function writeStdout(data: string, stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => resolve();
    stdout.once('error', done);
    if (data.length === 0) return resolve();
    stdout.write(data, () => resolve());
  });
}
