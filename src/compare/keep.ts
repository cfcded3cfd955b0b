/**
 * The suggested copy to keep in a cluster.
 */
import type { KeepPolicy } from '../types.js';

/** What the keeper choice needs to know of each document. */
export interface KeepInfo {
  /** Length of the document text in UTF-16 code units. */
  readonly length: (doc: number) => number;
  /** Id used to break ties (code-unit order; lower wins). */
  readonly id: (doc: number) => string;
}

/**
 * Picks the member to keep.
 * @param members document indexes, ascending (input order)
 * @param policy `first`: first in input order; `longest`/`shortest`: by text length, ties by id
 */
export function chooseKeeper(members: readonly number[], policy: KeepPolicy, info: KeepInfo): number {
  if (policy === 'first') return members[0]!;
  let best = members[0]!;
  for (const m of members.slice(1)) {
    const d = info.length(m) - info.length(best);
    const better = policy === 'longest' ? d > 0 : d < 0;
    if (better || (d === 0 && info.id(m) < info.id(best))) best = m;
  }
  return best;
}
