/**
 * The HTML report (`--format html`): one self-contained page, no network access (a strict
 * Content-Security-Policy, inline CSS and JS only), for a person to browse clusters, groups
 * and pairs, and to open any pair side by side with its shared passages highlighted.
 *
 * Layout of the file:
 *   - a static header (summary figures and params), readable without JavaScript;
 *   - the data, as JSON in `<script type="application/json" id="dedupe-data">` (see HtmlData):
 *     the same records as the JSON report (json.ts) plus document indexes, and each needed
 *     document text stored once in `texts`; every `<` is written `\u003c` so no text can
 *     close the script element;
 *   - the client script (html-client.ts), which renders the lists from the data, paginated,
 *     and renders a pair's side-by-side view only when it is opened.
 *
 * Untrusted document text never passes through an HTML parser: the server side escapes the few
 * strings it writes, the client inserts text with textContent / createTextNode only.
 * The output is a pure function of the result (no timings, no dates): same result, same bytes.
 */
import type { DedupeResult } from '../dedupe.js';
import type { ScoredPair } from '../types.js';
import {
  SCHEMA_VERSION,
  clusterRecords,
  documentRecord,
  groupRecords,
  pairRecord,
  paramsRecord,
  round,
  statsRecord,
} from './json.js';
import { CLIENT_SCRIPT } from './html-client.js';
import { STYLESHEET } from './html-style.js';

/** A passage as embedded: offsets as in the JSON report; `text` only when a side's full text is missing. */
export interface HtmlPassage {
  readonly a: { readonly start: number; readonly end: number };
  readonly b: { readonly start: number; readonly end: number };
  readonly words: number;
  readonly text?: string;
}

/**
 * The data embedded in the page (its JSON is the contract between html.ts and html-client.ts).
 * Records are those of the JSON report (ids as document references), extended with document
 * indexes (`doc_a`, `member_docs`, …) into `documents` and `texts`.
 */
export interface HtmlData {
  readonly version: number;
  readonly params: Record<string, unknown>;
  readonly stats: Record<string, unknown>;
  readonly documents: readonly Record<string, unknown>[];
  readonly clusters: readonly Record<string, unknown>[];
  readonly pairs: readonly Record<string, unknown>[];
  readonly groups: readonly Record<string, unknown>[];
  /**
   * Full text per document index, or null when not embedded: only documents that share
   * passages with another are included, each once however many pairs it is in.
   */
  readonly texts: readonly (string | null)[];
}

/** The Content-Security-Policy of the page: nothing may be loaded, only inline style and script run. */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/**
 * Serializes a value for a `<script type="application/json">` element: JSON with every `<`
 * written as `\u003c`, so neither `</script>` nor `<!--` in a string can end or alter the
 * element. JSON.stringify already escapes control characters (CR survives HTML's newline
 * normalization) and lone surrogates.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Whether a pair's side-by-side view can show both full texts. */
function hasBothTexts(r: DedupeResult, p: ScoredPair): boolean {
  return r.text(p.a) !== undefined && r.text(p.b) !== undefined;
}

/** One embedded pair: the JSON report's record plus indexes; passage text only when needed. */
function htmlPairRecord(r: DedupeResult, p: ScoredPair): Record<string, unknown> {
  const both = hasBothTexts(r, p);
  const rec: Record<string, unknown> = { ...pairRecord(r, p), doc_a: p.a, doc_b: p.b };
  if (p.passages) {
    // With both texts present a passage's text is texts[doc_a].slice(a.start, a.end): not repeated.
    rec.passages = p.passages.map(
      (x): HtmlPassage => ({
        a: { start: x.a.start, end: x.a.end },
        b: { start: x.b.start, end: x.b.end },
        words: x.words,
        ...(both ? {} : { text: x.text }),
      }),
    );
  }
  return rec;
}

/**
 * Builds the data embedded in the page.
 * @param r the result of a run
 * @returns plain JSON-able records (deterministic: no timings)
 */
export function htmlData(r: DedupeResult): HtmlData {
  const needText = new Set<number>();
  for (const p of r.pairs) {
    if ((p.passages?.length ?? 0) > 0 && hasBothTexts(r, p)) {
      needText.add(p.a);
      needText.add(p.b);
    }
  }
  const clusters = clusterRecords(r).map((rec, i) => {
    const c = r.clusters[i]!;
    return { ...rec, member_docs: c.members, keep_doc: c.keep, derived_docs: c.derived };
  });
  const groups = groupRecords(r).map((rec, i) => ({ ...rec, member_docs: r.groups[i]!.members }));
  return {
    version: SCHEMA_VERSION,
    params: paramsRecord(r),
    stats: statsRecord(r, { timings: false }),
    documents: r.documents.map((_, i) => ({ index: i, ...documentRecord(r, i) })),
    clusters,
    pairs: r.pairs.map((p) => htmlPairRecord(r, p)),
    groups,
    texts: r.documents.map((_, i) => (needText.has(i) ? (r.text(i) ?? null) : null)),
  };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
/** 12345 → "12,345" (not toLocaleString: the bytes must not depend on the ICU data). */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The static summary: figure cards (readable without JavaScript). */
function summaryHtml(r: DedupeResult): string {
  const s = r.stats;
  const overlapping = r.pairs.filter((p) => p.kind !== 'duplicate').length;
  const card = (n: number, label: string, id: string, note = ''): string =>
    `<div class="stat" id="stat-${id}"><div class="stat-n${n === 0 ? ' zero' : ''}">${thousands(n)}</div>` +
    `<div class="stat-l">${escapeHtml(label)}</div>${note ? `<div class="stat-note">${escapeHtml(note)}</div>` : ''}</div>`;
  const cards = [
    card(s.documents, s.documents === 1 ? 'document' : 'documents', 'documents', s.empty > 0 ? `${s.empty} empty` : ''),
    card(r.clusters.length, r.clusters.length === 1 ? 'duplicate cluster' : 'duplicate clusters', 'clusters'),
    card(s.redundant, s.redundant === 1 ? 'redundant copy' : 'redundant copies', 'redundant'),
    card(
      overlapping,
      overlapping === 1 ? 'overlapping pair' : 'overlapping pairs',
      'overlapping',
      !r.options.overlap ? 'overlap detection off' : s.templatePairs > 0 ? `${thousands(s.templatePairs)} sharing only a site template or notice set aside` : '',
    ),
    card(r.groups.length, r.groups.length === 1 ? 'overlap group' : 'overlap groups', 'groups'),
  ];
  return `<div class="stats">${cards.join('')}</div>`;
}

/** One line on how the run compared documents. */
function ledeHtml(r: DedupeResult): string {
  const o = r.options;
  const parts = [
    `duplicates: Jaccard ≥ ${o.threshold} of ${o.shingleSize}-${o.unit === 'word' ? 'word' : 'character'} shingles`,
    `MinHash ${o.numPerm} × LSH ${o.bands} bands of ${o.rows}`,
    o.overlap ? `shared passages of ≥ ${o.minPassage} words; contained at ≥ ${Math.round(o.containment * 100)}% coverage` : 'overlap detection off',
    `keep the ${o.keep}`,
  ];
  return `<p class="lede">${escapeHtml(parts.join(' · '))}</p>`;
}

/** The static params list, inside a closed <details>. */
function paramsHtml(r: DedupeResult): string {
  const items = Object.entries(paramsRecord(r))
    .map(([k, v]) => `<div><dt>${escapeHtml(k.replace(/_/g, ' '))}</dt><dd>${escapeHtml(v === null ? 'auto' : String(v))}</dd></div>`)
    .join('');
  const recall = `<div><dt>recall at threshold</dt><dd>${escapeHtml(String(round(r.stats.recallAtThreshold)))}</dd></div>`;
  return `<details class="params"><summary>Parameters</summary><dl>${items}${recall}</dl></details>`;
}

/**
 * Writes the HTML report.
 * @param r the result of a run
 * @param write receives the page in chunks (UTF-8 text); concatenated they are the whole file
 */
export function writeHtml(r: DedupeResult, write: (chunk: string) => void): void {
  const s = r.stats;
  const title = `dedupe report · ${plural(s.documents, 'document')}`;
  write(
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
      `<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">\n` +
      '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
      '<meta name="color-scheme" content="light dark">\n' +
      '<meta name="generator" content="dedupe">\n' +
      `<title>${escapeHtml(title)}</title>\n<style>${STYLESHEET}</style>\n</head>\n<body>\n`,
  );
  write(
    '<header class="page-head"><div class="wrap">' +
      '<h1><span class="logo" aria-hidden="true">≈</span> dedupe report</h1>' +
      ledeHtml(r) +
      summaryHtml(r) +
      paramsHtml(r) +
      '</div></header>\n' +
      '<main class="wrap" id="app"><noscript><p class="notice">This report needs JavaScript to list clusters and pairs; ' +
      'the data is also in the <code>dedupe-data</code> script element of this file.</p></noscript></main>\n',
  );
  // The data, streamed field by field so large texts are written one chunk each.
  const data = htmlData(r);
  write('<script type="application/json" id="dedupe-data">{');
  const fields = Object.entries(data).filter(([k]) => k !== 'texts');
  for (const [k, v] of fields) write(`${embedJson(k)}:${embedJson(v)},`);
  write('"texts":[');
  data.texts.forEach((t, i) => write((i > 0 ? ',' : '') + embedJson(t)));
  write(']}</script>\n');
  write(`<script>${CLIENT_SCRIPT}</script>\n</body>\n</html>\n`);
}
