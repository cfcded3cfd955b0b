/**
 * The report writer thread: writes the chunks it is sent to a file descriptor, in order, and
 * counts them off in a shared counter so the main thread knows how far behind it is (see
 * ChunkWriter in output.ts). The main thread keeps rendering and encoding meanwhile: on large
 * reports the write system calls (~1.3 s for 460 MB here) overlap with the rendering.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

/** What the writer is given. */
export interface WriteWorkerInit {
  readonly fd: number;
  /** Int32 [0]: chunks sent and not yet written. */
  readonly pending: SharedArrayBuffer;
}

/** A message: a chunk to write, or null at the end. */
export type WriteMessage = Uint8Array | null;

const { fd, pending } = workerData as WriteWorkerInit;
const counter = new Int32Array(pending);
let failure: string | undefined;

parentPort!.on('message', (chunk: WriteMessage) => {
  if (chunk === null) {
    parentPort!.postMessage(failure ?? null);
    return;
  }
  try {
    if (failure === undefined) {
      let off = 0;
      while (off < chunk.length) off += fs.writeSync(fd, chunk, off, chunk.length - off);
    }
  } catch (e) {
    failure = (e as NodeJS.ErrnoException).code ?? String(e);
  }
  Atomics.sub(counter, 0, 1);
  Atomics.notify(counter, 0);
});
