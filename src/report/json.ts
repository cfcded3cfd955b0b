/**
 * The JSON report: one document, schema version 1 (documented in the README, "JSON output").
 * Readers must ignore fields they do not know: new fields may be added without a version bump;
 * a changed or removed field bumps `version`.
 */
import type { DedupeResult } from '../dedupe.js';
import type { Passage, ScoredPair } from '../types.js';

/** Current schema version of `--json` and `--format jsonl`. */
export const SCHEMA_VERSION = 1;

/** Rounds a similarity for output (6 decimals: stable and readable). */
export const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Output options that change the JSON. */
export interface JsonOptions {
  /** Include wall-clock timings (`stats.seconds`, `stats.timings`): the output is then not byte-reproducible. */
  readonly timings: boolean;
  /** Seconds the whole run took (with timings). */
  readonly seconds?: number;
}

/** The `params` record: every option that shaped the result. */
export function paramsRecord(r: DedupeResult): Record<string, unknown> {
  const o = r.options;
  return {
    threshold: o.threshold,
    shingle_size: o.shingleSize,
    unit: o.unit,
    num_perm: o.numPerm,
    seed: o.seed,
    sketch: o.sketch,
    bands: o.bands,
    rows: o.rows,
    keep: o.keep,
    stem: o.stem,
    stopwords: o.stopwords,
    lang: o.lang,
    overlap: o.overlap,
    min_passage: o.minPassage,
    max_gap: o.maxGap,
    containment: o.containment,
    max_df: o.maxDf ?? null,
  };
}

/** One `documents[]` record. */
export function documentRecord(r: DedupeResult, i: number): Record<string, unknown> {
  const d = r.documents[i]!;
  return {
    id: d.id,
    path: d.path,
    format: d.format,
    ...(d.line !== undefined ? { line: d.line } : {}),
    bytes: d.bytes,
    chars: d.chars,
    tokens: d.tokens,
    shingles: d.shingles,
  };
}

function passageRecord(p: Passage): Record<string, unknown> {
  return {
    a: { start: p.a.start, end: p.a.end },
    b: { start: p.b.start, end: p.b.end },
    words: p.words,
    gaps: p.gaps ?? 0,
    text: p.text,
  };
}

/** One `pairs[]` record; document references are ids. */
export function pairRecord(r: DedupeResult, p: ScoredPair): Record<string, unknown> {
  const id = (i: number): string => r.documents[i]!.id;
  return {
    a: id(p.a),
    b: id(p.b),
    kind: p.kind,
    jaccard: round(p.jaccard),
    ...(p.articleJaccard !== undefined ? { article_jaccard: round(p.articleJaccard) } : {}),
    containment: { a_in_b: round(p.aInB), b_in_a: round(p.bInA) },
    ...(p.coverage ? { coverage: { a_in_b: round(p.coverage.aInB), b_in_a: round(p.coverage.bInA) } } : {}),
    ...(p.passages ? { passages: p.passages.map(passageRecord) } : {}),
  };
}

/** A number as JSON.stringify writes it. */
const num = (x: number): string => (Number.isFinite(x) ? String(x) : 'null');

/**
 * num(round(x)), faster for the shares in [0, 1] that fill a report: k = round(x · 10⁶) is
 * written as "0." and its six digits without trailing zeros. That is exactly what String gives
 * for k / 10⁶: the division is correctly rounded, so the 6-digit decimal parses back to the same
 * double, and no shorter decimal lies within half an ulp of it (tested against String).
 */
export function share(x: number): string {
  const k = Math.round(x * 1e6);
  if (!(k > 0 && k < 1e6)) return num(k / 1e6);
  const digits = String(k).padStart(6, '0');
  let end = 6;
  while (digits.charCodeAt(end - 1) === 48) end--;
  return `0.${digits.slice(0, end)}`;
}

/**
 * JSON.stringify(pairRecord(r, p)) written directly, without the intermediate objects: the pairs
 * are the bulk of a report (hundreds of megabytes on large corpora). Same bytes (tested).
 * @param ids JSON.stringify of each document's id (documentIds)
 * @param head what the record starts with after `{` (e.g. `"type":"pair",` for JSON Lines)
 */
export function pairJson(ids: readonly string[], p: ScoredPair, head = ''): string {
  let s = `{${head}"a":${ids[p.a]},"b":${ids[p.b]},"kind":${JSON.stringify(p.kind)},"jaccard":${share(p.jaccard)}`;
  if (p.articleJaccard !== undefined) s += `,"article_jaccard":${share(p.articleJaccard)}`;
  s += `,"containment":{"a_in_b":${share(p.aInB)},"b_in_a":${share(p.bInA)}}`;
  if (p.coverage) s += `,"coverage":{"a_in_b":${share(p.coverage.aInB)},"b_in_a":${share(p.coverage.bInA)}}`;
  const passages = p.passages;
  if (passages) {
    s += ',"passages":[';
    for (let i = 0; i < passages.length; i++) {
      const q = passages[i]!;
      s += `${i === 0 ? '' : ','}{"a":{"start":${num(q.a.start)},"end":${num(q.a.end)}},"b":{"start":${num(q.b.start)},"end":${num(q.b.end)}},"words":${num(q.words)},"gaps":${num(q.gaps ?? 0)},"text":${JSON.stringify(q.text)}}`;
    }
    s += ']';
  }
  return s + '}';
}

/** JSON.stringify of every document's id, for pairJson. */
export function documentIds(r: DedupeResult): string[] {
  return r.documents.map((d) => JSON.stringify(d.id));
}

/** The `clusters[]` records, numbered from 1 in order of their first member. */
export function clusterRecords(r: DedupeResult): Record<string, unknown>[] {
  const id = (i: number): string => r.documents[i]!.id;
  return r.clusters.map((c, i) => ({
    id: i + 1,
    kind: c.members.length - c.derived.length >= 2 ? 'duplicate' : 'contained',
    size: c.members.length,
    members: c.members.map(id),
    keep: id(c.keep),
    derived: c.derived.map(id),
  }));
}

/** The `groups[]` records (overlap groups), numbered from 1. */
export function groupRecords(r: DedupeResult): Record<string, unknown>[] {
  return r.groups.map((g, i) => ({ id: i + 1, size: g.members.length, members: g.members.map((m) => r.documents[m]!.id) }));
}

/** The `stats` record. */
export function statsRecord(r: DedupeResult, opts: JsonOptions): Record<string, unknown> {
  const s = r.stats;
  return {
    documents: s.documents,
    empty: s.empty,
    bytes: s.bytes,
    tokens: s.tokens,
    candidates: s.candidates,
    verified: s.verified,
    duplicate_pairs: s.duplicatePairs,
    clusters: s.clusters,
    redundant: s.redundant,
    derived: s.derived,
    overlap_candidates: s.overlapCandidates,
    max_df: s.maxDf,
    overlap_pairs: s.overlapPairs,
    contained_pairs: s.containedPairs,
    template_pairs: s.templatePairs,
    groups: s.groups,
    largest_group: s.largestGroup,
    recall_at_threshold: round(s.recallAtThreshold),
    boilerplate: s.boilerplate,
    ...(opts.timings
      ? {
          seconds: round(opts.seconds ?? 0),
          timings: Object.fromEntries(Object.entries(s.timings).map(([k, v]) => [k, round(v)])),
        }
      : {}),
  };
}

/** The whole JSON report as an object. */
export function jsonReport(r: DedupeResult, opts: JsonOptions): Record<string, unknown> {
  return {
    version: SCHEMA_VERSION,
    params: paramsRecord(r),
    documents: r.documents.map((_, i) => documentRecord(r, i)),
    clusters: clusterRecords(r),
    pairs: r.pairs.map((p) => pairRecord(r, p)),
    groups: groupRecords(r),
    stats: statsRecord(r, opts),
  };
}

/** The layouts of a report's pair records: inside the JSON document's `pairs` array, or JSON Lines. */
export type PairLayout = 'json' | 'jsonl';

/**
 * Pair records [first, first + pairs.length) of a report, exactly as the report lays them out:
 * in `json`, each after `\n` (the first) or `,\n` and four spaces; in `jsonl`, one `pair` line
 * each. The serial writers write pairs with this; the render threads write the same bytes with
 * render-protocol.ts renderPacked (tested against this).
 * @param ids JSON.stringify of each document's id, by the pairs' a and b
 * @param first the index in the report of pairs[0]
 */
export function pairLines(ids: readonly string[], pairs: readonly ScoredPair[], first: number, layout: PairLayout): string {
  let s = '';
  for (let i = 0; i < pairs.length; i++) {
    if (layout === 'json') s += `${first + i === 0 ? '\n' : ',\n'}    ${pairJson(ids, pairs[i]!)}`;
    else s += `${pairJson(ids, pairs[i]!, '"type":"pair",')}\n`;
  }
  return s;
}

/**
 * Writes every pair record of `r` (pairLines over all pairs, in order). The CLI passes one that
 * renders them on worker threads (render-pool.ts); the default renders them here, a few at a time.
 */
export type PairsWriter = (r: DedupeResult, ids: readonly string[], layout: PairLayout, write: (chunk: string) => void) => void | Promise<void>;

/** Renders the pairs in this thread. */
export const writePairsHere: PairsWriter = (r, ids, layout, write) => {
  for (let i = 0; i < r.pairs.length; i += 64) write(pairLines(ids, r.pairs.slice(i, i + 64), i, layout));
};

/**
 * Writes the JSON report, one record per line inside each top-level array, in chunks: the report
 * is never one string, so corpora with millions of pairs do not reach V8's string size limit.
 * The bytes parse to exactly `jsonReport(r, opts)`.
 */
export function writeJson(r: DedupeResult, write: (chunk: string) => void, opts: JsonOptions): void {
  void writeJsonWith(r, write, opts, writePairsHere);
}

/** writeJson with the pairs written by `pairs` (resolves when all is written). */
export function writeJsonWith(r: DedupeResult, write: (chunk: string) => void, opts: JsonOptions, pairs: PairsWriter): void | Promise<void> {
  const array = (name: string, n: number, record: (i: number) => unknown, last = false): void => {
    write(`  "${name}": [`);
    for (let i = 0; i < n; i++) write(`${i === 0 ? '\n' : ',\n'}    ${JSON.stringify(record(i))}`);
    write(`${n === 0 ? '' : '\n  '}]${last ? '' : ','}\n`);
  };
  write(`{\n  "version": ${SCHEMA_VERSION},\n  "params": ${JSON.stringify(paramsRecord(r))},\n`);
  array('documents', r.documents.length, (i) => documentRecord(r, i));
  const clusters = clusterRecords(r);
  array('clusters', clusters.length, (i) => clusters[i]);
  write('  "pairs": [');
  const rest = (): void => {
    write(`${r.pairs.length === 0 ? '' : '\n  '}],\n`);
    const groups = groupRecords(r);
    array('groups', groups.length, (i) => groups[i]);
    write(`  "stats": ${JSON.stringify(statsRecord(r, opts))}\n}\n`);
  };
  const done = pairs(r, documentIds(r), 'json', write);
  if (done === undefined) return rest();
  return done.then(rest);
}

/**
 * Writes the JSON Lines report: one record per line, each `{"type": ..., ...}`: a `params`
 * record first, then `document`, `cluster`, `pair`, `group` records, and a closing `summary`.
 */
export function writeJsonl(r: DedupeResult, write: (chunk: string) => void, opts: JsonOptions): void {
  void writeJsonlWith(r, write, opts, writePairsHere);
}

/** writeJsonl with the pairs written by `pairs` (resolves when all is written). */
export function writeJsonlWith(r: DedupeResult, write: (chunk: string) => void, opts: JsonOptions, pairs: PairsWriter): void | Promise<void> {
  const line = (type: string, data: Record<string, unknown>): void => write(JSON.stringify({ type, ...data }) + '\n');
  line('params', { version: SCHEMA_VERSION, params: paramsRecord(r) });
  r.documents.forEach((_, i) => line('document', documentRecord(r, i)));
  for (const c of clusterRecords(r)) line('cluster', c);
  const rest = (): void => {
    for (const g of groupRecords(r)) line('group', g);
    line('summary', statsRecord(r, opts));
  };
  const done = pairs(r, documentIds(r), 'jsonl', write);
  if (done === undefined) return rest();
  return done.then(rest);
}
