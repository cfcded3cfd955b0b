/**
 * Warnings about inputs: what the input layer reports instead of printing.
 */

/** Why an input (or part of it) was skipped or read imperfectly. */
export type InputWarningReason =
  | 'binary'
  | 'encoding'
  | 'unreadable'
  | 'jsonl'
  | 'too-large'
  | 'duplicate-id'
  | 'duplicate-path'
  | 'empty'
  | 'unsupported'
  /** A .docx, .odt or .pdf file that cannot be read as one. */
  | 'damaged';

/** One problem with one input, reported through the `onWarning` callback. */
export interface InputWarning {
  /** Display path of the input (`-` for stdin). */
  readonly path: string;
  /** 1-based line, for JSONL records. */
  readonly line?: number;
  readonly reason: InputWarningReason;
  /** One line, starting with the path (and `:line`), e.g. `data.jsonl:17: invalid JSON (…); line skipped`. */
  readonly message: string;
  /** True when an input could not be read at all; the CLI then exits 2 at the end (like ripgrep). */
  readonly failed: boolean;
}

/**
 * Build a warning whose message starts with `path` (and `:line`).
 *
 * @param path display path
 * @param reason the warning's category
 * @param text what happened, without the path prefix
 * @param failed whether the input could not be read at all
 * @param line 1-based line number, for JSONL
 * @returns the warning
 */
export function inputWarning(
  path: string,
  reason: InputWarningReason,
  text: string,
  failed: boolean,
  line?: number,
): InputWarning {
  const where = line === undefined ? path : `${path}:${line}`;
  const message = `${where}: ${text}`;
  return line === undefined
    ? { path, reason, message, failed }
    : { path, line, reason, message, failed };
}

/**
 * A short, lower-case description of a file system error, for messages.
 *
 * @param err what fs threw
 * @returns e.g. "no such file or directory", "permission denied"
 */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return err instanceof Error ? err.message.split('\n')[0] ?? String(err) : String(err);
  }
}
