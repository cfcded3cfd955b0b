/**
 * LSH banding (Leskovec, Rajaraman, Ullman, *Mining of Massive Datasets*, ch. 3.4): a
 * signature of K values is cut into b bands of r rows; two documents become a candidate
 * pair when any band is equal. For Jaccard s, P[candidate] = 1 - (1 - s^r)^b (the S-curve).
 *
 * Every candidate is verified exactly afterwards, so false positives cost only time, while
 * a false negative is a duplicate never reported. The bands are therefore tuned for recall:
 * the largest r (fewest false candidates) whose S-curve still lets through at least
 * `RECALL_AT_THRESHOLD` of the pairs sitting exactly at the threshold.
 */
import type { BandParams } from '../types.js';

/** Probability that a pair exactly at the threshold becomes a candidate, at the least. */
export const RECALL_AT_THRESHOLD = 0.95;

/**
 * Probability that a pair with Jaccard `s` becomes a candidate under (bands, rows).
 * @param s similarity in [0, 1]
 */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands);
}

/**
 * Bands and rows for a threshold.
 * @param threshold Jaccard threshold in (0, 1]
 * @param numPerm signature length K
 * @param recall least probability for a pair at the threshold to become a candidate
 * @returns the largest r with b = floor(K / r) meeting `recall` (r = 1 if none does)
 */
export function chooseBands(threshold: number, numPerm: number, recall = RECALL_AT_THRESHOLD): BandParams {
  let best: BandParams = { bands: numPerm, rows: 1 };
  for (let rows = 1; rows <= numPerm; rows++) {
    const bands = Math.floor(numPerm / rows);
    if (bands < 1) break;
    if (candidateProbability(threshold, bands, rows) >= recall) best = { bands, rows };
  }
  return best;
}

/**
 * Recall over a band of similarities: the mean of P[candidate] for s uniform in [from, to].
 * Used by `--explain` to state how many pairs above the threshold are expected to be found.
 */
export function meanCandidateProbability(from: number, to: number, bands: number, rows: number, steps = 200): number {
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += candidateProbability(from + ((i + 0.5) * (to - from)) / steps, bands, rows);
  return sum / steps;
}
