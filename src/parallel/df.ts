/**
 * Document frequencies of the fingerprint keys counted on worker threads: the keys (sorted) are
 * cut into `jobs` ranges of about equal work (balancedCut), each counted by one short-lived worker
 * over the shared arena, which scans only the part of each document's sorted shingle set inside
 * its range; the parts are concatenated. Same result as documentFrequencies in one thread, the
 * same memory in all (each worker's table holds its keys only).
 */
import { Worker } from 'node:worker_threads';
import type { SharedSeeds } from './align-protocol.js';

/** What a df worker is given. */
export interface DfWorkerInit {
  readonly seeds: SharedSeeds;
  /** The keys (Uint32, ascending) and the indexed flags (Uint8, one per document). */
  readonly keys: SharedArrayBuffer;
  readonly indexed: SharedArrayBuffer;
  /** The worker's keys: ranks [from, to). */
  readonly from: number;
  readonly to: number;
}

/**
 * @param jobs worker threads (>= 1)
 * @param seeds where every document's arrays lie (align-pool.ts shareSeeds)
 * @param keys fingerprint keys, ascending (PreparedOverlapIndex.keys)
 * @param indexed 1 for each document to count
 */
export async function countDfInWorkers(jobs: number, seeds: SharedSeeds, keys: Uint32Array, indexed: Uint8Array): Promise<Uint32Array> {
  const n = seeds.count;
  const sharedKeys = new SharedArrayBuffer(Math.max(4, keys.byteLength));
  new Uint32Array(sharedKeys).set(keys);
  const sharedIndexed = new SharedArrayBuffer(Math.max(1, n));
  new Uint8Array(sharedIndexed).set(indexed);
  const bounds = Array.from({ length: jobs + 1 }, (_, i) => (i === jobs ? keys.length : balancedCut(keys, i / jobs)));
  const url = new URL('./df-worker.js', import.meta.url);
  const parts = await Promise.all(
    bounds.slice(1).map(
      (to, i) =>
        new Promise<Uint32Array>((resolve, reject) => {
          const init: DfWorkerInit = { seeds, keys: sharedKeys, indexed: sharedIndexed, from: bounds[i]!, to };
          const worker = new Worker(url, { workerData: init });
          worker.once('message', (df: Uint32Array) => resolve(df));
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`document-frequency worker exited with code ${code}`));
          });
        }),
    ),
  );
  const df = new Uint32Array(keys.length);
  parts.forEach((p, i) => df.set(p, bounds[i]!));
  return df;
}

/**
 * Share of the counting work in a range of keys that goes with its shingles (the rest goes with
 * its keys: making their tables and looking up in larger ones). Measured on the bench corpus: a
 * thread with 2% of the keys and half the shingles took 0.42 s, one with 98% of the keys and the
 * other half 0.95 s (about 0.6); with 0.7 the two threads took 0.64–0.82 s each.
 */
const SHINGLE_SHARE = 0.7;

/**
 * The first key rank r at which `share` of the counting work lies before r. The work of keys
 * [0, r) is taken as SHINGLE_SHARE × (the share of hash values below keys[r], since shingle hashes
 * are uniform) + (1 − SHINGLE_SHARE) × r / keys.length. Cutting the keys into equal counts
 * instead left one thread three times the work of the other: the keys are window minima of
 * winnowing, crowded in the low hash values.
 * @param keys ascending
 * @param share in [0, 1]
 */
export function balancedCut(keys: Uint32Array, share: number): number {
  const n = keys.length;
  const work = (r: number): number => SHINGLE_SHARE * (keys[r]! / 2 ** 32) + (1 - SHINGLE_SHARE) * (r / n);
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (work(mid) < share) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
