/**
 * A render thread: writes runs of pair records (render-protocol.ts renderPacked: the bytes the
 * serial writers' pairLines makes), quoting passages from the spill file, and sends back their
 * UTF-8 bytes. Reads the spill file only; writes nothing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SpilledTextReader } from '../io/spill-store.js';
import { JsonBytes } from '../report/json-bytes.js';
import { idBytes, renderPacked, type RenderRequest, type RenderResponse, type RenderWorkerInit } from './render-protocol.js';

const { ids, texts } = workerData as RenderWorkerInit;
const reader = new SpilledTextReader(texts);
const idsUtf8 = idBytes(ids);

parentPort!.on('message', (req: RenderRequest) => {
  let res: RenderResponse;
  try {
    // A buffer of its own for each run (transferred with the reply).
    const out = new JsonBytes(1 << 16);
    renderPacked(req, idsUtf8, (d) => reader.get(d), out);
    const bytes = out.bytes();
    res = { seq: req.seq, bytes };
    parentPort!.postMessage(res, [bytes.buffer]);
  } catch (e) {
    res = { seq: req.seq, error: e instanceof Error ? e.message : String(e) };
    parentPort!.postMessage(res);
  }
});
