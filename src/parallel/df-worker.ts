/**
 * A document-frequency worker: counts, for its share of the fingerprint keys (ranks [from, to),
 * a contiguous range of hash values), the indexed documents that hold each as a shingle, over the
 * shared arena. Shingle sets are sorted, so each document's part in the range is found by binary
 * search and only that part is scanned. Pure computation; no file access.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { documentFrequencies, lowerBound } from '../overlap/fingerprint-index.js';
import { Part, seedViews } from './align-protocol.js';
import type { DfWorkerInit } from './df.js';

const { seeds, keys, indexed, from, to } = workerData as DfWorkerInit;
const { part } = seedViews(seeds);
const flags = new Uint8Array(indexed);
const mine = new Uint32Array(keys).subarray(from, to);
const none = new Uint32Array(0);
const lowest = mine.length > 0 ? mine[0]! : 0;
const highest = mine.length > 0 ? mine[mine.length - 1]! : 0;
const inRange = (set: Uint32Array): Uint32Array => {
  const lo = lowerBound(set, lowest);
  let hi = lowerBound(set, highest);
  if (hi < set.length && set[hi] === highest) hi++;
  return set.subarray(lo, hi);
};
const df = documentFrequencies(mine, (d) => (flags[d] === 1 && mine.length > 0 ? inRange(part(d, Part.Set)) : none), 0, seeds.count);
parentPort!.postMessage(df, [df.buffer as ArrayBuffer]);
