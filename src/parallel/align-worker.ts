/**
 * An alignment worker: aligns batches of candidate pairs over the shared, packed documents with
 * the same function as the in-process path (makeBatchAligner). Pure computation; no file access.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeBatchAligner } from '../compare/overlap-stage.js';
import type { SeedDoc } from '../overlap/align.js';
import { CandidateMaker } from '../overlap/fingerprint-index.js';
import { encodeHits, Part, seedViews, type AlignRequest, type AlignResponse, type AlignWorkerInit, type CandidateRequest } from './align-protocol.js';

const { seeds, plan, candidates } = workerData as AlignWorkerInit;
const { part, counts, minTokens } = seedViews(seeds);

const seedDoc = (d: number): SeedDoc => ({
  shingles: part(d, Part.Sequence),
  count: counts[d]!,
  seedHashes: part(d, Part.Winnowed),
  seedPositions: part(d, Part.Positions),
  minPassage: minTokens[d]!,
});
const alignBatch = makeBatchAligner(plan, seeds.count, seedDoc, (d) => part(d, Part.Set));

const maker = candidates ? new CandidateMaker(candidates) : undefined;

parentPort!.on('message', (req: AlignRequest | CandidateRequest) => {
  let res: AlignResponse;
  if ('pairs' in req) {
    res = { id: req.id, data: encodeHits(alignBatch(req.pairs, req.counts && req.hashes ? { counts: req.counts, hashes: req.hashes } : undefined)) };
  } else {
    // Candidates made here, from the shared index: only the hits go back.
    const made = maker!.make(req.from, req.to);
    const hits = alignBatch(made.pairs, { counts: made.shared, hashes: made.hashes });
    const pairs = Float64Array.from(hits, (h) => made.pairs[h.index]!);
    res = { id: req.id, data: encodeHits(hits.map((h, i) => ({ ...h, index: i }))), pairs, made: made.pairs.length };
  }
  const transfer = [res.data.buffer as ArrayBuffer, ...(res.pairs ? [res.pairs.buffer as ArrayBuffer] : [])];
  parentPort!.postMessage(res, transfer);
});
