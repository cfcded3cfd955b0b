/**
 * A document-frequency worker: counts, for its share of the fingerprint keys (ranks [from, to),
 * a contiguous range of hash values), the indexed documents that hold each as a shingle, over the
 * shared arena (documentFrequenciesOfSets: shingle sets are sorted, so each document's part in the
 * range is walked once, block of keys by block). Pure computation; no file access.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { documentFrequenciesOfSets } from '../overlap/fingerprint-index.js';
import { Part, seedViews } from './align-protocol.js';
import type { DfWorkerInit } from './df.js';

const { seeds, keys, indexed, from, to } = workerData as DfWorkerInit;
const { part } = seedViews(seeds);
const flags = new Uint8Array(indexed);
const mine = new Uint32Array(keys).subarray(from, to);
const none = new Uint32Array(0);
const df = documentFrequenciesOfSets(mine, (d) => (flags[d] === 1 ? part(d, Part.Set) : none), 0, seeds.count);
parentPort!.postMessage(df, [df.buffer as ArrayBuffer]);
