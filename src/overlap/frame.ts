/**
 * Site templates: two pages of one site share its header and footer, not an article.
 *
 * Sites put the same header (masthead, menu) and footer (links, copyright) around every article.
 * Saved as plain text, two different short articles of one site can then share most of their
 * shingles (a duplicate "pair" whose similarity is the template), and any two of its pages share
 * passages (an "overlap" that is the template). Frequency finds such text when the site has more
 * pages in the corpus than the boilerplate cut-off; this test finds it from one pair and the
 * corpus's small counts:
 * - every shared passage sits at the documents' edges: it starts within `slack` tokens of the
 *   start of both documents, or ends within `slack` tokens of the end of both, and both edges are
 *   shared (a header and a footer; boilerplate found by frequency before or after counts as part
 *   of the edge). Text shared at one edge only is not taken for a template: rewrites of a wire
 *   story keep its first paragraph, and that is the reuse a reader wants to see;
 * - the shared text recurs: most of it (by fingerprints) is in at least RECURRING_DOCS
 *   documents, every copy counted (an article and its update share their first and last
 *   paragraphs too, but those are in the two versions only);
 * - each document has text of its own: a run of shingles the other lacks, a passage's worth of
 *   words long (the two articles; scattered edits make only short runs).
 * The same article on two sites has its shared text in the middle (each site's own header and
 * footer around it), and copies from one site share one passage from start to end, with nothing
 * of their own left: neither is a template pair.
 */
import type { TokenPassage } from './align.js';

/** Documents that must hold a fingerprint for it to count as recurring text (a template's). */
export const RECURRING_DOCS = 5;

/** The least share of a pair's shared fingerprints that must recur for the pair to be a template pair. */
export const RECURRING_SHARE = 0.8;

/** Where a document's own text starts and ends: the tokens before `first` and from `end` on are boilerplate. */
export interface ContentBounds {
  readonly first: number;
  readonly end: number;
}

/**
 * True when every passage touches the start of both documents' text or the end of both (within
 * `slack` tokens; boilerplate before or after the text counts as the document's edge), and
 * passages touch both the start and the end (a header and a footer: a lede or a closing paragraph
 * that rewrites of one story keep is shared at one edge only), none of them both (one passage
 * over the whole text is the article); true for no passages.
 * @param either passages at one edge are enough (a notice ends a page, no header needed)
 * @param pieces passages in token space
 */
export function atEdges(pieces: readonly TokenPassage[], a: ContentBounds, b: ContentBounds, slack: number, either = false): boolean {
  let starts = false;
  let ends = false;
  for (const p of pieces) {
    const atStart = p.aStart <= a.first + slack && p.bStart <= b.first + slack;
    const atEnd = p.aEnd >= a.end - slack && p.bEnd >= b.end - slack;
    if (!atStart && !atEnd) return false;
    // One passage from the start of both texts to their end is the article itself (copies of a
    // story whose sites' templates are boilerplate by frequency), not a header and a footer.
    if (atStart && atEnd) return false;
    starts ||= atStart;
    ends ||= atEnd;
  }
  return pieces.length === 0 || either || (starts && ends);
}

/**
 * Of document A's fingerprints that lie inside the passages (a fingerprint at shingle position p
 * covers tokens [p, p + k)), how many there are and how many recur (`recurs` holds).
 * @param positions the document's fingerprint positions, any order, with `hashes` alongside
 */
export function recurringInPieces(
  pieces: readonly TokenPassage[],
  hashes: Uint32Array,
  positions: Uint32Array,
  k: number,
  recurs: (hash: number) => boolean,
): { inside: number; recurring: number } {
  let inside = 0;
  let recurring = 0;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    let within = false;
    for (const q of pieces) {
      if (p >= q.aStart && p + k <= q.aEnd) {
        within = true;
        break;
      }
    }
    if (!within) continue;
    inside++;
    if (recurs(hashes[i]!)) recurring++;
  }
  return { inside, recurring };
}

/**
 * Where a document's own text starts and ends: boilerplate shingles chained from the start (each
 * within `window` positions of the one before, the first within `window` of the start) are its
 * leading boilerplate, up to the last one's end (position + k); the same from the end. The cut of
 * passages joins boilerplate marks the same way. Reads only the shingles of the two edges.
 * @param shingles the document's shingle hashes by position
 * @param count the document's tokens
 */
export function contentBounds(shingles: Uint32Array, count: number, k: number, window: number, isBoilerplate: (hash: number) => boolean): ContentBounds {
  const n = shingles.length;
  let first = 0;
  for (let p = 0, at = 0; p < n && p - at <= window; p++) {
    if (isBoilerplate(shingles[p]!)) {
      at = p;
      first = Math.min(count, p + k);
    }
  }
  if (first === 0) return { first: 0, end: edgeEnd(shingles, count, window, isBoilerplate) };
  const end = edgeEnd(shingles, count, window, isBoilerplate);
  return first >= end ? { first: count, end: count } : { first, end };
}

/** The start of the trailing boilerplate of contentBounds (count when there is none). */
function edgeEnd(shingles: Uint32Array, count: number, window: number, isBoilerplate: (hash: number) => boolean): number {
  const last = shingles.length - 1;
  let end = count;
  for (let p = last, at = last; p >= 0 && at - p <= window; p--) {
    if (isBoilerplate(shingles[p]!)) {
      at = p;
      end = p;
    }
  }
  return end;
}

/** `values` ascending, as a new array: an LSD radix sort on two 16-bit digits (millions of values). */
export function radixSorted(values: Uint32Array): Uint32Array {
  const n = values.length;
  const tmp = new Uint32Array(n);
  const out = new Uint32Array(n);
  const count = new Uint32Array(65537);
  for (let i = 0; i < n; i++) count[(values[i]! & 0xffff) + 1]!++;
  for (let d = 1; d <= 65536; d++) count[d]! += count[d - 1]!;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    tmp[count[v & 0xffff]!++] = v;
  }
  count.fill(0);
  for (let i = 0; i < n; i++) count[(tmp[i]! >>> 16) + 1]!++;
  for (let d = 1; d <= 65536; d++) count[d]! += count[d - 1]!;
  for (let i = 0; i < n; i++) {
    const v = tmp[i]!;
    out[count[v >>> 16]!++] = v;
  }
  return out;
}
