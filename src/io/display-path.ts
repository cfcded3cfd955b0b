/**
 * How a path is shown to the user and used in document ids.
 */
import path from 'node:path';

/**
 * The path as the user would type it relative to `cwd`, with forward slashes.
 *
 * `a/./b.txt` → `a/b.txt`; outside `cwd` → `../x/b.txt`; on another root (Windows drive) the
 * absolute path with forward slashes. `cwd` itself is `.`.
 *
 * @param cwd absolute directory the result is relative to
 * @param abs absolute path (symlinks are kept as they are, not resolved)
 * @returns a non-empty display path
 */
export function toDisplayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  if (rel === '') return '.';
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}

/**
 * Join a directory's display path and a child's path relative to that directory.
 *
 * @param dir display path of the directory (from {@link toDisplayPath})
 * @param rel forward-slash path relative to `dir`
 * @returns the child's display path
 */
export function joinDisplayPath(dir: string, rel: string): string {
  if (dir === '.') return rel;
  return dir.endsWith('/') ? dir + rel : `${dir}/${rel}`;
}
