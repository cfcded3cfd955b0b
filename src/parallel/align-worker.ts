/**
 * An alignment worker: aligns batches of candidate pairs over the shared, packed documents with
 * the same function as the in-process path (makePairAligner). Pure computation; no file access.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makePairAligner } from '../compare/overlap-stage.js';
import type { SeedDoc } from '../overlap/align.js';
import { encodeAlignments, seedViews, type AlignRequest, type AlignResponse, type AlignWorkerInit } from './align-protocol.js';

const { seeds, plan } = workerData as AlignWorkerInit;
const { seq, seqOff, win, pos, winOff, counts } = seedViews(seeds);

const seedDoc = (d: number): SeedDoc => ({
  shingles: seq.subarray(seqOff[d]!, seqOff[d + 1]!),
  count: counts[d]!,
  seedHashes: win.subarray(winOff[d]!, winOff[d + 1]!),
  seedPositions: pos.subarray(winOff[d]!, winOff[d + 1]!),
});
const alignOne = makePairAligner(plan, seedDoc);
const n = seeds.count;

parentPort!.on('message', (req: AlignRequest) => {
  const results = Array.from(req.pairs, (p) => {
    const a = Math.floor(p / n);
    return alignOne(a, p - a * n);
  });
  const res: AlignResponse = { id: req.id, data: encodeAlignments(results) };
  parentPort!.postMessage(res, [res.data.buffer as ArrayBuffer]);
});
