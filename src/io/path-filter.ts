/**
 * --include / --exclude globs for files found while walking a directory.
 */
import picomatch from 'picomatch';

/** Decides which walked paths are read. Paths are relative to the walked directory argument, `/`-separated. */
export interface PathFilter {
  /** Whether a file is read: it matches an include glob (or there are none) and no exclude glob. */
  acceptsFile(rel: string): boolean;
  /** Whether a directory (or any entry) is pruned because it matches an exclude glob. */
  excludes(rel: string): boolean;
  /** Whether an --include glob names the file (false when there are none). */
  includes(rel: string): boolean;
}

type Matcher = (rel: string) => boolean;

/**
 * Build a filter from picomatch globs.
 *
 * Matching follows .gitignore habits: a glob without `/` is matched against the entry's name
 * at any depth (`*.md`, `drafts`), a glob with `/` against the whole relative path
 * (`notes/*.md`, `archive/**`); a leading `./` is ignored. Exclusion wins over inclusion, and an
 * excluded directory is not entered at all.
 *
 * @param include globs; empty means every file with a known extension
 * @param exclude globs
 * @returns the filter
 */
export function createPathFilter(include: readonly string[], exclude: readonly string[]): PathFilter {
  const inc = compile(include);
  const exc = compile(exclude);
  return {
    acceptsFile: (rel) => (inc === undefined || inc(rel)) && (exc === undefined || !exc(rel)),
    excludes: (rel) => exc !== undefined && exc(rel),
    includes: (rel) => inc !== undefined && inc(rel),
  };
}

function compile(globs: readonly string[]): Matcher | undefined {
  if (globs.length === 0) return undefined;
  const cleaned = globs.map((g) => (g.startsWith('./') ? g.slice(2) : g));
  const withSlash = cleaned.filter((g) => g.includes('/'));
  const names = cleaned.filter((g) => !g.includes('/'));
  const opts = { dot: true };
  const full = withSlash.length > 0 ? picomatch(withSlash, opts) : undefined;
  const base = names.length > 0 ? picomatch(names, opts) : undefined;
  return (rel) => {
    if (full !== undefined && full(rel)) return true;
    if (base === undefined) return false;
    return base(rel.slice(rel.lastIndexOf('/') + 1));
  };
}
