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

/**
 * Installs the handlers for the duration of a run.
 * @param temps the temporary files to remove (read when a signal arrives)
 * @param stderr where the one-line notice goes
 * @returns a function that removes the handlers again
 */
export function installInterruptHandlers(temps: ReadonlySet<string>, stderr: NodeJS.WritableStream): () => void {
  const handlers = new Map<HandledSignal, () => void>();
  for (const signal of Object.keys(HANDLED_SIGNALS) as HandledSignal[]) {
    const handler = (): void => {
      // Synchronous on purpose: nothing else may run between the clean-up and the exit.
      for (const tmp of temps) {
        try {
          rmSync(tmp, { force: true });
        } catch {
          // Nothing more can be done on the way out.
        }
      }
      stderr.write(`dedupe: interrupted by ${signal}\n`);
      // The one place dedupe calls process.exit (house habit 9 says not to): after a signal the
      // run must stop now, and cutting the rest of the output short is the point.
      process.exit(interruptedStatus(signal));
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
