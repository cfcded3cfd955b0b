/**
 * Document frequencies of the fingerprint keys counted on worker threads: the corpus is cut into
 * `jobs` ranges of about equal shingle counts, each counted by one short-lived worker over the
 * shared arena (nothing copied but the keys), and the counts are summed. Same result as
 * documentFrequencies over the whole corpus.
 */
import { Worker } from 'node:worker_threads';
import { Part, PARTS, type SharedSeeds } from './align-protocol.js';

/** What a df worker is given. */
export interface DfWorkerInit {
  readonly seeds: SharedSeeds;
  /** The keys (Uint32) and the indexed flags (Uint8, one per document). */
  readonly keys: SharedArrayBuffer;
  readonly indexed: SharedArrayBuffer;
  readonly from: number;
  readonly to: number;
}

/**
 * @param jobs worker threads (>= 1)
 * @param seeds where every document's arrays lie (align-pool.ts shareSeeds)
 * @param keys fingerprint keys (PreparedOverlapIndex.keys)
 * @param indexed 1 for each document to count
 */
export async function countDfInWorkers(jobs: number, seeds: SharedSeeds, keys: Uint32Array, indexed: Uint8Array): Promise<Uint32Array> {
  const n = seeds.count;
  const table = new Uint32Array(seeds.table);
  const size = (d: number): number => (indexed[d] === 1 ? table[3 * (d * PARTS + Part.Set) + 2]! : 0);
  let total = 0;
  for (let d = 0; d < n; d++) total += size(d);
  const sharedKeys = new SharedArrayBuffer(Math.max(4, keys.byteLength));
  new Uint32Array(sharedKeys).set(keys);
  const sharedIndexed = new SharedArrayBuffer(Math.max(1, n));
  new Uint8Array(sharedIndexed).set(indexed);
  // Ranges of about total / jobs shingles each.
  const bounds = [0];
  let acc = 0;
  for (let d = 0; d < n && bounds.length < jobs; d++) {
    acc += size(d);
    if (acc >= (total * bounds.length) / jobs) bounds.push(d + 1);
  }
  bounds.push(n);
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
  const df = parts[0] ?? new Uint32Array(keys.length);
  for (const p of parts.slice(1)) for (let r = 0; r < df.length; r++) df[r] = df[r]! + p[r]!;
  return df;
}
