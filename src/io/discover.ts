/**
 * Discovery: command-line inputs → the files to read, in a deterministic order.
 *
 * Decisions (the README should state them):
 * - Inputs are processed in the order given; a directory is walked depth-first with each
 *   directory's entries sorted by UTF-16 code-unit order of their names (not locale order), so
 *   the order never depends on how the file system lists entries.
 * - The walk is iterative (an explicit stack), so neither depth nor width grows the JS stack.
 * - Inside directories: hidden entries (`.name`) and `node_modules` are skipped; only files
 *   with a known extension (see formats.ts) are read; other files are skipped silently (counted).
 *   Named inputs are always read, hidden or not, whatever their extension (unknown → text), and
 *   --include/--exclude do not apply to them.
 * - Symbolic links are followed, to files and to directories. Identity is the (device, inode)
 *   pair, which is what comparing realpaths establishes, without a realpath call per entry:
 *   - a file reached twice (overlapping arguments, links, hard links) is read once, silently;
 *   - a directory reached twice is walked once, silently; a link to one of its own ancestors
 *     is a loop: an 'unsupported' warning, not `failed` (everything reachable is still read);
 *   - an input named twice on the command line (`a.txt ./a.txt`) gets one 'duplicate-path'
 *     warning and is read once.
 * - A broken link, an entry that vanished, an unreadable directory: an 'unreadable' warning
 *   with `failed: true`, whether it was named or found during a walk: any input that could not
 *   be read counts (like ripgrep, the CLI then exits 2 after finishing the run). A chain of links
 *   that loops (ELOOP) is treated like a loop: 'unsupported', not failed, when found in a walk.
 * - FIFOs and other special files are read only when named (`dedupe <(cmd)`); in a walk they are
 *   skipped silently. A named socket or device is an 'unsupported' failed input.
 */
import { type Dirent, type BigIntStats, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { DocFormat } from '../types.js';
import { joinDisplayPath, toDisplayPath } from './display-path.js';
import { formatOfName, isJsonName } from './formats.js';
import { countSkip, type InputStats } from './input-stats.js';
import { createPathFilter, type PathFilter } from './path-filter.js';
import { describeFsError, inputWarning, type InputWarning } from './warnings.js';

/** A file to read. */
export interface DiscoveredFile {
  readonly kind: 'file';
  /** Absolute path (links not resolved). */
  readonly abs: string;
  /** Display path: relative to cwd, `/`-separated; also the document id. */
  readonly path: string;
  readonly format: DocFormat;
  /** Size in bytes when listed (0 for FIFOs). */
  readonly size: number;
  /** False for a named FIFO: read it as a stream, its size is unknown. */
  readonly regular: boolean;
  /** Whether it was named on the command line (rather than found in a directory). */
  readonly named: boolean;
}

/** What discovery produces, in reading order. */
export type Discovered =
  | DiscoveredFile
  | { readonly kind: 'stdin' }
  | { readonly kind: 'warning'; readonly warning: InputWarning };

/** What discovery needs from the read options. */
export interface DiscoverOptions {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** Absolute directory that relative inputs and display paths are relative to. */
  readonly cwd: string;
}

/** How many stat calls run at once while listing one directory. */
const STAT_BATCH = 64;

/** Ancestors of a directory in the current walk, as a linked list of identity keys. */
interface Chain {
  readonly key: string;
  readonly parent: Chain | undefined;
}

type WalkItem =
  | { readonly t: 'dir'; readonly abs: string; readonly rel: string; readonly key: string; readonly chain: Chain | undefined }
  | { readonly t: 'file'; readonly file: DiscoveredFile; readonly key: string }
  | { readonly t: 'warn'; readonly warning: InputWarning };

/**
 * List the files to read, in reading order, with warnings interleaved where they arise.
 *
 * @param inputs command-line inputs: files, directories, `-` for stdin
 * @param options globs and cwd
 * @param stats counters, incremented for skipped entries
 * @returns files, the stdin marker (at most once) and warnings, in order
 */
export async function* discoverInputs(
  inputs: readonly string[],
  options: DiscoverOptions,
  stats: InputStats,
): AsyncGenerator<Discovered> {
  const filter = createPathFilter(options.include, options.exclude);
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const namedKeys = new Set<string>();
  let stdinSeen = false;

  for (const input of inputs) {
    if (input === '-') {
      if (stdinSeen) {
        yield warn(inputWarning('-', 'duplicate-path', 'standard input named more than once; read once', false));
      } else {
        stdinSeen = true;
        yield { kind: 'stdin' };
      }
      continue;
    }
    const abs = path.resolve(options.cwd, input);
    const display = toDisplayPath(options.cwd, abs);
    let st: BigIntStats;
    try {
      st = await fsp.stat(abs, { bigint: true });
    } catch (err) {
      yield warn(await namedStatWarning(abs, display, err));
      continue;
    }
    const key = identity(st);
    if (namedKeys.has(key)) {
      yield warn(inputWarning(display, 'duplicate-path', 'named more than once (same file as an earlier argument); read once', false));
      continue;
    }
    namedKeys.add(key);
    if (st.isDirectory()) {
      yield* walk({ t: 'dir', abs, rel: '', key, chain: undefined }, display, filter, stats, seenFiles, seenDirs);
    } else if (st.isFile() || st.isFIFO()) {
      if (seenFiles.has(key)) {
        countSkip(stats, 'duplicate', display);
        continue;
      }
      seenFiles.add(key);
      const format = formatOfName(abs) ?? 'text';
      yield { kind: 'file', abs, path: display, format, size: Number(st.size), regular: st.isFile(), named: true };
    } else {
      yield warn(inputWarning(display, 'unsupported', 'not a regular file or directory; skipped', true));
    }
  }
}

async function* walk(
  root: WalkItem & { t: 'dir' },
  rootDisplay: string,
  filter: PathFilter,
  stats: InputStats,
  seenFiles: Set<string>,
  seenDirs: Set<string>,
): AsyncGenerator<Discovered> {
  const stack: WalkItem[] = [root];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.t === 'warn') {
      yield warn(item.warning);
      continue;
    }
    if (item.t === 'file') {
      if (seenFiles.has(item.key)) {
        countSkip(stats, 'duplicate', item.file.path);
        continue;
      }
      seenFiles.add(item.key);
      yield item.file;
      continue;
    }
    const display = item.rel === '' ? rootDisplay : joinDisplayPath(rootDisplay, item.rel);
    if (onChain(item.chain, item.key)) {
      yield warn(inputWarning(display, 'unsupported', 'symbolic link loop (directory is its own ancestor); skipped', false));
      continue;
    }
    if (seenDirs.has(item.key)) {
      countSkip(stats, 'duplicate', display);
      continue;
    }
    seenDirs.add(item.key);
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(item.abs, { withFileTypes: true });
    } catch (err) {
      yield warn(inputWarning(display, 'unreadable', `${describeFsError(err)}; directory skipped`, true));
      continue;
    }
    const children = await listChildren(item, entries, rootDisplay, filter, stats);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as WalkItem);
  }
}

/**
 * UTF-16 code-unit order (not localeCompare): the same on every machine and locale. libuv happens
 * to return names in UTF-8 byte order, which differs for astral characters; we never rely on it.
 */
function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

interface Candidate {
  readonly name: string;
  readonly abs: string;
  readonly rel: string;
  /** Format by extension; undefined for directories and links not yet resolved. */
  readonly format: DocFormat | undefined;
  readonly link: boolean;
}

/**
 * A directory's entries → walk items in sorted order (stat'ed in parallel batches).
 */
async function listChildren(
  dir: WalkItem & { t: 'dir' },
  entries: Dirent[],
  rootDisplay: string,
  filter: PathFilter,
  stats: InputStats,
): Promise<WalkItem[]> {
  entries.sort(byName);
  const candidates: Candidate[] = [];
  for (const entry of entries) {
    const name = entry.name;
    const rel = dir.rel === '' ? name : `${dir.rel}/${name}`;
    if (name.startsWith('.') || name === 'node_modules') {
      countSkip(stats, 'hidden', joinDisplayPath(rootDisplay, rel));
      continue;
    }
    if (filter.excludes(rel)) {
      countSkip(stats, 'excluded', joinDisplayPath(rootDisplay, rel));
      continue;
    }
    const abs = path.join(dir.abs, name);
    if (entry.isDirectory()) {
      candidates.push({ name, abs, rel, format: undefined, link: false });
    } else if (entry.isSymbolicLink()) {
      candidates.push({ name, abs, rel, format: walkedFormat(name, rel, filter), link: true });
    } else if (entry.isFile()) {
      const format = walkedFormat(name, rel, filter);
      if (format === undefined) {
        countSkip(stats, 'unknown-extension', joinDisplayPath(rootDisplay, rel));
      } else if (!filter.acceptsFile(rel)) {
        countSkip(stats, 'excluded', joinDisplayPath(rootDisplay, rel));
      } else {
        candidates.push({ name, abs, rel, format, link: false });
      }
    }
    // Sockets, FIFOs and devices inside directories are skipped silently.
  }

  const chain: Chain = { key: dir.key, parent: dir.chain };
  const items: WalkItem[] = [];
  for (let start = 0; start < candidates.length; start += STAT_BATCH) {
    const batch = candidates.slice(start, start + STAT_BATCH);
    const results = await Promise.allSettled(batch.map((c) => fsp.stat(c.abs, { bigint: true })));
    for (let i = 0; i < batch.length; i++) {
      const c = batch[i] as Candidate;
      const r = results[i] as PromiseSettledResult<BigIntStats>;
      const display = joinDisplayPath(rootDisplay, c.rel);
      if (r.status === 'rejected') {
        items.push({ t: 'warn', warning: walkStatWarning(display, c.link, r.reason) });
        continue;
      }
      const st = r.value;
      const key = identity(st);
      if (st.isDirectory()) {
        items.push({ t: 'dir', abs: c.abs, rel: c.rel, key, chain });
      } else if (st.isFile()) {
        if (c.format === undefined) {
          countSkip(stats, 'unknown-extension', display);
        } else if (c.link && !filter.acceptsFile(c.rel)) {
          countSkip(stats, 'excluded', display);
        } else {
          const file: DiscoveredFile = {
            kind: 'file', abs: c.abs, path: display, format: c.format, size: Number(st.size), regular: true, named: false,
          };
          items.push({ t: 'file', file, key });
        }
      }
    }
  }
  return items;
}

/** The format of a file met while walking a directory: a `.json` file only when an --include glob names it (see isJsonName). */
function walkedFormat(name: string, rel: string, filter: PathFilter): DocFormat | undefined {
  return isJsonName(name) && !filter.includes(rel) ? undefined : formatOfName(name);
}

function walkStatWarning(display: string, link: boolean, err: unknown): InputWarning {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (link && code === 'ENOENT') {
    return inputWarning(display, 'unreadable', 'broken symbolic link (target does not exist); skipped', true);
  }
  if (code === 'ELOOP') {
    return inputWarning(display, 'unsupported', 'symbolic link loop; skipped', false);
  }
  return inputWarning(display, 'unreadable', `${describeFsError(err)}; skipped`, true);
}

async function namedStatWarning(abs: string, display: string, err: unknown): Promise<InputWarning> {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    const isLink = await fsp.lstat(abs).then(
      (l) => l.isSymbolicLink(),
      () => false,
    );
    if (isLink) return inputWarning(display, 'unreadable', 'broken symbolic link (target does not exist)', true);
  }
  return inputWarning(display, 'unreadable', describeFsError(err), true);
}

function identity(st: BigIntStats): string {
  return `${st.dev}:${st.ino}`;
}

function onChain(chain: Chain | undefined, key: string): boolean {
  for (let c = chain; c !== undefined; c = c.parent) if (c.key === key) return true;
  return false;
}

function warn(warning: InputWarning): Discovered {
  return { kind: 'warning', warning };
}
