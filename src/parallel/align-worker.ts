/**
 * An alignment worker: aligns batches of candidate pairs over the shared, packed documents with
 * the same function as the in-process path (makeBatchAligner). Pure computation; no file access.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeBatchAligner } from '../compare/overlap-stage.js';
import type { SeedDoc } from '../overlap/align.js';
import { encodeHits, seedViews, type AlignRequest, type AlignResponse, type AlignWorkerInit } from './align-protocol.js';

const { seeds, plan } = workerData as AlignWorkerInit;
const { seq, seqOff, win, pos, winOff, counts, sets, setOff } = seedViews(seeds);

const seedDoc = (d: number): SeedDoc => ({
  shingles: seq.subarray(seqOff[d]!, seqOff[d + 1]!),
  count: counts[d]!,
  seedHashes: win.subarray(winOff[d]!, winOff[d + 1]!),
  seedPositions: pos.subarray(winOff[d]!, winOff[d + 1]!),
});
const alignBatch = makeBatchAligner(plan, seeds.count, seedDoc, (d) => sets.subarray(setOff[d]!, setOff[d + 1]!));

parentPort!.on('message', (req: AlignRequest) => {
  const res: AlignResponse = { id: req.id, data: encodeHits(alignBatch(req.pairs)) };
  parentPort!.postMessage(res, [res.data.buffer as ArrayBuffer]);
});
