/**
 * One error type for everything dedupe reports to a user. `code` says what kind of
 * problem it is; `exitCode` is what the CLI exits with. Foreign errors are kept as `cause`.
 */
export type ErrorCode =
  | 'E_USAGE' // a bad option or argument: exit 2, before any file is read
  | 'E_INPUT' // an input could not be read or parsed: exit 2
  | 'E_OUTPUT' // the report could not be written: exit 2
  | 'E_INTERNAL'; // a bug: exit 2 with the stack on --verbose

export class DedupeError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  /** The file the problem is about, when there is one. */
  readonly path: string | undefined;
  /** 1-based line number inside `path`, when known. */
  readonly line: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details: { path?: string; line?: number; cause?: unknown; exitCode?: number } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'DedupeError';
    this.code = code;
    this.exitCode = details.exitCode ?? 2;
    this.path = details.path;
    this.line = details.line;
  }
}

/** Type guard for DedupeError (works across module copies). */
export function isDedupeError(value: unknown): value is DedupeError {
  return value instanceof Error && value.name === 'DedupeError' && 'code' in value;
}
