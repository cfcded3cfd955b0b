/**
 * Interruption: on SIGINT, SIGTERM or SIGHUP the CLI removes the temporary file of a report
 * being written (see pendingTemps in output.ts) and exits at once with 128 + the signal number
 * (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP), as a shell reports a killed command.
 * So `-o FILE` leaves either the old FILE or the complete new one, and no stray `.FILE.*.tmp`.
 */
import { rmSync } from 'node:fs';

/** The signals handled, with their numbers (POSIX; the same on Linux and macOS). */
export const HANDLED_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
export type HandledSignal = keyof typeof HANDLED_SIGNALS;

/**
 * The exit status after an interruption.
 * @param signal the signal received
 * @returns 128 + its number
 */
export function interruptedStatus(signal: HandledSignal): number {
  return 128 + HANDLED_SIGNALS[signal];
}

/** Set by the handler when a signal arrived (the writer of a report checks it). */
export const interruption: { signal: HandledSignal | undefined } = { signal: undefined };

/** How long a handler waits for a report being written to remove its temporary file. */
const WRITER_GRACE_MS = 2000;

/**
 * Installs the handlers for the duration of a run.
 *
 * A signal removes the temporary files at once and exits, unless a report is being written:
 * its file may still be in the making (an open or write queued in libuv's thread pool would
 * re-create it after an unlink), so the handler waits, up to 2 s, for writeFileAtomic to see
 * `interruption`, remove the file and drop it from `temps`. A second signal exits at once.
 *
 * @param temps the temporary files to remove (read when a signal arrives)
 * @param stderr where the one-line notice goes
 * @returns a function that removes the handlers again
 */
export function installInterruptHandlers(temps: Set<string>, stderr: NodeJS.WritableStream): () => void {
  interruption.signal = undefined;
  const handlers = new Map<HandledSignal, () => void>();
  for (const signal of Object.keys(HANDLED_SIGNALS) as HandledSignal[]) {
    const handler = (): void => {
      const first = interruption.signal ?? signal;
      const exit = (): never => {
        removeAll(temps);
        // The one place dedupe calls process.exit (house habit 9 says not to): after a signal
        // the run must stop now, and cutting the rest of the output short is the point.
        process.exit(interruptedStatus(first));
      };
      if (interruption.signal !== undefined) exit(); // a second signal: no more waiting
      interruption.signal = signal;
      stderr.write(`dedupe: interrupted by ${signal}\n`);
      removeAll(temps);
      if (temps.size === 0) exit();
      const deadline = Date.now() + WRITER_GRACE_MS;
      const poll = (): void => {
        if (temps.size === 0 || Date.now() >= deadline) exit();
        setTimeout(poll, 5);
      };
      setTimeout(poll, 5);
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

/** Removes the files, synchronously (nothing else may run in between), ignoring errors. */
function removeAll(files: ReadonlySet<string>): void {
  for (const file of files) {
    try {
      rmSync(file, { force: true });
    } catch {
      // Nothing more can be done on the way out.
    }
  }
}
