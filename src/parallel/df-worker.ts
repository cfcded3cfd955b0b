/**
 * A document-frequency worker: counts, for the fingerprint keys, the documents of its range
 * [from, to) that hold each as a shingle (indexed documents only), over the shared arena.
 * Pure computation; no file access.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { documentFrequencies } from '../overlap/fingerprint-index.js';
import { Part, seedViews } from './align-protocol.js';
import type { DfWorkerInit } from './df.js';

const { seeds, keys, indexed, from, to } = workerData as DfWorkerInit;
const { part } = seedViews(seeds);
const flags = new Uint8Array(indexed);
const none = new Uint32Array(0);
const df = documentFrequencies(new Uint32Array(keys), (d) => (flags[d] === 1 ? part(d, Part.Set) : none), from, to);
parentPort!.postMessage(df, [df.buffer as ArrayBuffer]);
