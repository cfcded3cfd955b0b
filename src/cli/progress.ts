/**
 * A one-line progress display on stderr (documents, MB read, MB/s), redrawn at most every
 * 200 ms; nothing at all when disabled (stderr not a terminal and no --progress).
 */

/** Progress sink. */
export interface Progress {
  update(documents: number, bytes: number): void;
  done(): void;
}

/** Makes a progress line writer. */
export function makeProgress(stderr: NodeJS.WritableStream, enabled: boolean): Progress {
  if (!enabled) return { update() {}, done() {} };
  const start = performance.now();
  let last = 0;
  let shown = false;
  let docs = 0;
  let read = 0;
  const draw = (): void => {
    const secs = Math.max((performance.now() - start) / 1000, 1e-3);
    const mb = read / 1e6;
    stderr.write(`\rdedupe: ${docs} documents, ${mb.toFixed(1)} MB, ${(mb / secs).toFixed(1)} MB/s   `);
    shown = true;
  };
  return {
    update(documents, bytes) {
      docs = documents;
      read = bytes;
      const now = performance.now();
      if (now - last >= 200) {
        last = now;
        draw();
      }
    },
    done() {
      if (shown) {
        draw();
        stderr.write('\n');
      }
    },
  };
}
