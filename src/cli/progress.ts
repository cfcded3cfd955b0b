/**
 * A one-line progress display on stderr (documents, MB read, MB/s, and the time left when the
 * total input size is known), redrawn at most every 200 ms; nothing at all when disabled
 * (stderr not a terminal and no --progress).
 */
import { statSync } from 'node:fs';
import { isGzipName } from '../io/formats.js';

/** Progress sink. */
export interface Progress {
  update(documents: number, bytes: number): void;
  done(): void;
}

/**
 * Total bytes of the inputs when every one is a regular file (e.g. one large JSONL), else
 * undefined (directories and stdin are read as they are found; a `.gz` file's size is not what
 * it inflates to).
 */
export function knownInputBytes(paths: readonly string[], cwd: string): number | undefined {
  let total = 0;
  for (const p of paths) {
    if (p === '-' || isGzipName(p)) return undefined;
    try {
      const st = statSync(p.startsWith('/') ? p : `${cwd}/${p}`);
      if (!st.isFile()) return undefined;
      total += st.size;
    } catch {
      return undefined;
    }
  }
  return total;
}

/** "1 min 05 s" style duration. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}

/**
 * A line redrawn on stderr at most every 200 ms (the first update always draws), and drawn once
 * more, with a newline, when done if it was ever shown.
 * @param line the text of the line; `final` for the last drawing
 */
function throttledLine(stderr: NodeJS.WritableStream, line: (final: boolean) => string): { tick(): void; done(): void } {
  let last = -Infinity;
  let shown = false;
  return {
    tick() {
      const now = performance.now();
      if (now - last >= 200) {
        last = now;
        stderr.write(`\rdedupe: ${line(false)}   `);
        shown = true;
      }
    },
    done() {
      if (shown) stderr.write(`\rdedupe: ${line(true)}   \n`);
    },
  };
}

/**
 * Makes a progress line writer.
 * @param total total input bytes, when known: adds the share done and the time left
 */
export function makeProgress(stderr: NodeJS.WritableStream, enabled: boolean, total?: number): Progress {
  if (!enabled) return { update() {}, done() {} };
  const start = performance.now();
  let docs = 0;
  let read = 0;
  const out = throttledLine(stderr, (final) => {
    const secs = Math.max((performance.now() - start) / 1000, 1e-3);
    const mb = read / 1e6;
    const rate = mb / secs;
    let eta = '';
    if (!final && total !== undefined && total > 0 && read > 0) {
      const left = Math.max(0, total - read) / 1e6 / Math.max(rate, 1e-6);
      eta = `, ${Math.min(100, Math.round((read / total) * 100))}%, ${formatDuration(left)} left`;
    }
    return `${docs} documents, ${mb.toFixed(1)} MB, ${rate.toFixed(1)} MB/s${eta}`;
  });
  return {
    update(documents, bytes) {
      docs = documents;
      read = bytes;
      out.tick();
    },
    done: () => out.done(),
  };
}

/** Progress of a counted stage (e.g. aligning candidate pairs). */
export interface StageProgress {
  update(done: number, total: number): void;
  done(): void;
}

/**
 * A progress line for a stage with a known amount of work: "dedupe: aligning 2,117,987
 * candidate pairs, 45%, 12 s left".
 * @param what the work, e.g. "aligning" (followed by the total and `unit`)
 */
export function makeStageProgress(stderr: NodeJS.WritableStream, enabled: boolean, what: string, unit: string): StageProgress {
  if (!enabled) return { update() {}, done() {} };
  const start = performance.now();
  let doneSoFar = 0;
  let all = 0;
  const out = throttledLine(stderr, (final) => {
    const secs = (performance.now() - start) / 1000;
    const share = all > 0 ? doneSoFar / all : 1;
    const left = !final && doneSoFar > 0 ? `, ${formatDuration((secs / doneSoFar) * (all - doneSoFar))} left` : '';
    return `${what} ${all.toLocaleString('en-US')} ${unit}, ${Math.floor(share * 100)}%${left}`;
  });
  return {
    update(done, total) {
      doneSoFar = done;
      all = total;
      out.tick();
    },
    done: () => out.done(),
  };
}
