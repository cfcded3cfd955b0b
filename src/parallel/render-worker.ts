/**
 * A render thread: writes runs of pair records (render-protocol.ts) with pairLines, the function
 * the serial writers use, quoting passages from the spill file, and sends back their UTF-8 bytes.
 * Reads the spill file only; writes nothing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pairLines } from '../report/json.js';
import { SpilledTextReader } from '../io/spill-store.js';
import { unpackPairs, type RenderRequest, type RenderResponse, type RenderWorkerInit } from './render-protocol.js';

const { ids, texts } = workerData as RenderWorkerInit;
const reader = new SpilledTextReader(texts);

parentPort!.on('message', (req: RenderRequest) => {
  let res: RenderResponse;
  try {
    const pairs = unpackPairs(req, (d) => reader.get(d));
    // Each record is encoded as soon as it is made (no run-long string to flatten), into a buffer
    // of its own (never a view of Node's shared pool, so that it can be transferred).
    let buf = Buffer.allocUnsafeSlow(1 << 16);
    let n = 0;
    for (let i = 0; i < pairs.length; i++) {
      const s = pairLines(ids, [pairs[i]!], req.first + i, req.layout);
      // A UTF-16 code unit takes at most 3 bytes of UTF-8.
      if (n + 3 * s.length > buf.length) {
        const bigger = Buffer.allocUnsafeSlow(Math.max(2 * buf.length, n + 3 * s.length));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      n += buf.write(s, n, 'utf8');
    }
    res = { seq: req.seq, bytes: new Uint8Array(buf.buffer, 0, n) };
    parentPort!.postMessage(res, [buf.buffer as ArrayBuffer]);
  } catch (e) {
    res = { seq: req.seq, error: e instanceof Error ? e.message : String(e) };
    parentPort!.postMessage(res);
  }
});
