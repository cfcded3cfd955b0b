/**
 * Terminal styling for the text report: ANSI SGR codes, or none.
 * Whether to colour is decided by `shouldColor` with the environment passed in (no globals).
 */

/** Styling functions; identity functions when colour is off. */
export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly magenta: (s: string) => string;
}

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plainFn = (s: string): string => s;

/** ANSI styling. */
export const COLOR: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
  magenta: sgr(35, 39),
};

/** No styling. */
export const PLAIN: Style = { bold: plainFn, dim: plainFn, green: plainFn, yellow: plainFn, cyan: plainFn, magenta: plainFn };

/**
 * Whether to colour output.
 * @param flag `--color` value: 'always', 'never' or 'auto'
 * @param env environment variables (NO_COLOR set and non-empty disables auto colour; FORCE_COLOR enables it)
 * @param isTTY whether the output is a terminal
 */
export function shouldColor(flag: 'always' | 'never' | 'auto', env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (flag === 'always') return true;
  if (flag === 'never') return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}
