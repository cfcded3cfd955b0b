/**
 * Quality and determinism checks of a dedupe JSON report against the planted pairs.
 *
 * Recall counts planted pairs whose truth Jaccard (lib/truth.js, an approximation of dedupe's
 * normalization) is at least the threshold dedupe used (`params.threshold`); because truth and
 * dedupe's Jaccard can differ by a little, pairs within BORDER of the threshold are also
 * reported apart. Precision is checked with dedupe's own numbers (every reported duplicate pair
 * must have jaccard >= threshold) and, independently, by recomputing the truth Jaccard of the
 * reported pairs from the corpus texts.
 */
import { textJaccard } from './truth.js';

/** Width of the band around the threshold where truth and dedupe's Jaccard may disagree. */
export const BORDER = 0.05;

/**
 * Maps a dedupe document id back to the corpus id: JSONL ids are `<path>#<id>`.
 * @param {string} id
 * @returns {string}
 */
export const corpusId = (id) => String(id).slice(String(id).lastIndexOf('#') + 1);

const pairKey = (a, b) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * @param {any} report dedupe's parsed JSON
 * @returns {Map<string, any>} reported pairs by unordered corpus-id key; each pair gets corpus ids `ca`, `cb`
 */
export function reportedPairs(report) {
  const map = new Map();
  for (const p of Array.isArray(report?.pairs) ? report.pairs : []) {
    const ca = corpusId(p.a);
    const cb = corpusId(p.b);
    map.set(pairKey(ca, cb), { ...p, ca, cb });
  }
  return map;
}

/**
 * Recall of the planted pairs, per planted kind and overall.
 * @param {any} report dedupe's parsed JSON
 * @param {readonly [string, string, number, string, number][]} planted [idOriginal, idCopy, editRate, kind, truthJaccard]
 * @returns {object}
 */
export function plantedRecall(report, planted) {
  const threshold = Number(report?.params?.threshold);
  const pairs = reportedPairs(report);
  const clusterOf = new Map();
  for (const c of Array.isArray(report?.clusters) ? report.clusters : []) {
    if (c.kind !== 'duplicate') continue;
    const derived = new Set(c.derived ?? []);
    for (const m of c.members) if (!derived.has(m)) clusterOf.set(corpusId(m), c.id);
  }
  const sameCluster = (a, b) => clusterOf.has(a) && clusterOf.get(a) === clusterOf.get(b);
  const groups = new Map();
  const overall = { eligible: 0, found: 0, clearEligible: 0, clearFound: 0, borderMissed: 0 };
  const missed = [];
  const diffs = [];
  for (const [a, b, rate, kind, truth] of planted) {
    const label = kind === 'edit' ? `edit ${Math.round(rate * 1000) / 10}%` : kind;
    let g = groups.get(label);
    if (!g) groups.set(label, (g = { label, pairs: 0, found: 0, listed: 0, truthSum: 0, dedupeSum: 0 }));
    const listed = pairs.get(pairKey(a, b));
    // Found: listed as a duplicate pair, or in one duplicate cluster (a large cluster lists only
    // the verified pairs that joined it, each copy against a representative).
    const hit = (listed && listed.kind === 'duplicate') || sameCluster(a, b);
    g.pairs++;
    g.truthSum += truth;
    if (hit) {
      g.found++;
    }
    if (listed) {
      const j = Number(listed.jaccard);
      if (Number.isFinite(j)) {
        g.listed++;
        g.dedupeSum += j;
        diffs.push(Math.abs(j - truth));
      }
    }
    if (Number.isFinite(threshold) && truth >= threshold) {
      overall.eligible++;
      if (hit) overall.found++;
      else if (missed.length < 10) missed.push({ a, b, kind: label, truthJaccard: truth });
      if (truth >= threshold + BORDER) {
        overall.clearEligible++;
        if (hit) overall.clearFound++;
      } else if (!hit) overall.borderMissed++;
    }
  }
  const perKind = [...groups.values()]
    .sort((x, y) => x.label.localeCompare(y.label, 'en', { numeric: true }))
    .map((g) => ({
      kind: g.label,
      pairs: g.pairs,
      found: g.found,
      recall: ratio(g.found, g.pairs),
      meanTruthJaccard: round(g.truthSum / g.pairs),
      meanDedupeJaccard: g.listed > 0 ? round(g.dedupeSum / g.listed) : null,
    }));
  diffs.sort((x, y) => x - y);
  return {
    threshold,
    perKind,
    overall: {
      ...overall,
      recall: ratio(overall.found, overall.eligible),
      clearRecall: ratio(overall.clearFound, overall.clearEligible),
    },
    missed,
    truthVsDedupe: {
      pairs: diffs.length,
      meanAbsDiff: diffs.length ? round(diffs.reduce((s, d) => s + d, 0) / diffs.length) : null,
      maxAbsDiff: diffs.length ? round(diffs[diffs.length - 1]) : null,
    },
  };
}

/**
 * Precision checks. `violations`: reported duplicate pairs whose own jaccard (or article_jaccard)
 * is below the threshold (must be 0). `suspect`: reported duplicate pairs whose recomputed truth Jaccard is
 * below threshold − BORDER (checked on up to `limit` pairs).
 * @param {any} report
 * @param {Set<string>} plantedKeys unordered keys of planted pairs
 * @param {Map<string, string>} texts corpus id → text, for the ids of the reported pairs
 * @param {number} [limit]
 */
export function precisionChecks(report, plantedKeys, texts, limit = 20000) {
  const threshold = Number(report?.params?.threshold);
  const kinds = {};
  let violations = 0;
  let planted = 0;
  let checked = 0;
  let suspect = 0;
  const examples = [];
  for (const [key, p] of reportedPairs(report)) {
    const kind = p.kind ?? 'duplicate';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    if (kind !== 'duplicate') continue;
    if (plantedKeys.has(key)) planted++;
    // A duplicate by its articles (overlap on) carries the Jaccard that made it one.
    const j = Math.max(Number(p.jaccard), Number(p.article_jaccard ?? 0));
    if (!(j >= threshold - 1e-9)) {
      violations++;
      if (examples.length < 3) examples.push({ a: p.ca, b: p.cb, jaccard: p.jaccard });
    }
    const ta = texts.get(p.ca);
    const tb = texts.get(p.cb);
    if (checked < limit && ta !== undefined && tb !== undefined) {
      checked++;
      if (textJaccard(ta, tb) < threshold - BORDER) suspect++;
    }
  }
  const duplicates = kinds.duplicate ?? 0;
  return { threshold, pairsByKind: kinds, duplicates, planted, unplanted: duplicates - planted, violations, violationExamples: examples, truthChecked: checked, suspect };
}

/**
 * Deletes, recursively, keys that legitimately differ between runs: timings (`*time*`,
 * `*timing*`, `*seconds*`, `*ms`, `elapsed`, `duration`) and the worker count (`jobs`,
 * `workers`, `threads`).
 * @param {any} value
 * @returns {any} a copy without those keys
 */
export function withoutTimings(value) {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (/tim(e|ing)|seconds|ms$|^elapsed$|^duration$|^(jobs|workers|threads)$/i.test(k)) continue;
    out[k] = withoutTimings(v);
  }
  return out;
}

const ratio = (n, d) => (d > 0 ? round(n / d) : null);
const round = (x) => Math.round(x * 1e4) / 1e4;
