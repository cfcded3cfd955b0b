/**
 * `--redundant`: the ids (for files: the paths) that could be removed, one per line or
 * NUL-separated: every cluster member but the keeper; derived copies only when asked.
 */
import type { DedupeResult } from '../dedupe.js';

/** Options of the redundant list. */
export interface RedundantOptions {
  /** Separate with NUL instead of newline (`-0`). */
  readonly nul: boolean;
  /** List derived copies too (`--include-contained`). */
  readonly includeContained: boolean;
}

/** The removable documents' ids, in cluster order then input order. */
export function redundantIds(r: DedupeResult, includeContained: boolean): string[] {
  const out: string[] = [];
  for (const c of r.clusters) {
    const derived = new Set(c.derived);
    for (const m of c.members) {
      if (m === c.keep || (!includeContained && derived.has(m))) continue;
      out.push(r.documents[m]!.id);
    }
  }
  return out;
}

/** Writes the redundant list. */
export function writeRedundant(r: DedupeResult, write: (chunk: string) => void, opts: RedundantOptions): void {
  const sep = opts.nul ? '\0' : '\n';
  for (const id of redundantIds(r, opts.includeContained)) write(id + sep);
}
