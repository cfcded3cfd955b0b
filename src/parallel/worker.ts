/**
 * A fingerprinting worker: receives batches of texts, returns their fingerprints packed into
 * transferable typed arrays. Pure computation; no file access.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeFingerprinter, type DocFingerprint } from '../sketch/fingerprint.js';
import { loadTokenFilter } from '../text/languages.js';
import { FIELDS, type BatchRequest, type BatchResult, type WorkerInit } from './protocol.js';

const init = workerData as WorkerInit;
const filter = loadTokenFilter(init.filter.lang, init.filter.stem, init.filter.stopwords);
const fingerprint = makeFingerprinter({ ...init.params, ...(filter ? { filter } : {}) });

/** Concatenates typed arrays. */
function concat(parts: readonly Uint32Array[]): Uint32Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint32Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

parentPort!.on('message', (req: BatchRequest) => {
  const t0 = performance.now();
  const fps: DocFingerprint[] = req.texts.map((t) => fingerprint(t));
  const counts = new Uint32Array(fps.length * FIELDS);
  fps.forEach((fp, i) => {
    counts[FIELDS * i] = fp.tokens;
    counts[FIELDS * i + 1] = fp.set.length;
    counts[FIELDS * i + 2] = fp.winnowHashes.length;
    counts[FIELDS * i + 3] = fp.check;
    counts[FIELDS * i + 4] = fp.sequence.length;
    counts[FIELDS * i + 5] = fp.offsets.length;
    counts[FIELDS * i + 6] = fp.quarters;
  });
  const res: BatchResult = {
    batch: req.batch,
    indexes: req.indexes,
    counts,
    sets: concat(fps.map((f) => f.set)),
    signatures: concat(fps.map((f) => f.signature)),
    winnowHashes: concat(fps.map((f) => f.winnowHashes)),
    winnowPositions: concat(fps.map((f) => f.winnowPositions)),
    sequences: concat(fps.map((f) => f.sequence)),
    offsets: Buffer.concat(fps.map((f) => f.offsets)),
    seconds: (performance.now() - t0) / 1000,
  };
  const transfer = [res.counts, res.sets, res.signatures, res.winnowHashes, res.winnowPositions, res.sequences].map((a) => a.buffer as ArrayBuffer);
  // Buffer.concat may return a view of Node's shared pool when small: transfer only a buffer of its own.
  if (res.offsets.byteOffset === 0 && res.offsets.buffer.byteLength === res.offsets.byteLength) transfer.push(res.offsets.buffer as ArrayBuffer);
  parentPort!.postMessage(res, transfer);
});
