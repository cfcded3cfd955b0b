/**
 * Messages for the user on stderr (never stdout): warnings, errors, notes.
 * Every message is one line starting with `dedupe: `.
 */

/** Where messages go and which are shown. */
export interface Logger {
  /** A problem with one input; the run goes on. Silenced by --quiet. */
  warn(message: string): void;
  /** A problem that changes the exit status. Always shown. */
  error(message: string): void;
  /** Extra detail, shown with --verbose. */
  verbose(message: string): void;
  /** A summary line (e.g. files skipped). Silenced by --quiet; not counted as a warning. */
  info(message: string): void;
  /** A note the user asked for (e.g. --explain). Always shown. */
  note(message: string): void;
  /** Number of warnings emitted (shown or not). */
  readonly warnings: number;
}

/** Makes a logger writing to `stderr`. */
export function makeLogger(stderr: NodeJS.WritableStream, opts: { quiet: boolean; verbose: boolean }): Logger {
  let warnings = 0;
  const line = (s: string): void => {
    stderr.write(`dedupe: ${s}\n`);
  };
  return {
    warn(message) {
      warnings++;
      if (!opts.quiet) line(`warning: ${message}`);
    },
    error(message) {
      line(`error: ${message}`);
    },
    info(message) {
      if (!opts.quiet) line(message);
    },
    verbose(message) {
      if (opts.verbose) line(message);
    },
    note(message) {
      line(message);
    },
    get warnings() {
      return warnings;
    },
  };
}
