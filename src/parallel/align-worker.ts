/**
 * An alignment worker: aligns batches of candidate pairs over the shared, packed documents with
 * the same function as the in-process path (makeBatchAligner). Pure computation; no file access.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeBatchAligner } from '../compare/overlap-stage.js';
import type { SeedDoc } from '../overlap/align.js';
import { encodeHits, Part, seedViews, type AlignRequest, type AlignResponse, type AlignWorkerInit } from './align-protocol.js';

const { seeds, plan } = workerData as AlignWorkerInit;
const { part, counts } = seedViews(seeds);

const seedDoc = (d: number): SeedDoc => ({
  shingles: part(d, Part.Sequence),
  count: counts[d]!,
  seedHashes: part(d, Part.Winnowed),
  seedPositions: part(d, Part.Positions),
});
const alignBatch = makeBatchAligner(plan, seeds.count, seedDoc, (d) => part(d, Part.Set));

parentPort!.on('message', (req: AlignRequest) => {
  const res: AlignResponse = { id: req.id, data: encodeHits(alignBatch(req.pairs, req.counts && req.hashes ? { counts: req.counts, hashes: req.hashes } : undefined)) };
  parentPort!.postMessage(res, [res.data.buffer as ArrayBuffer]);
});
