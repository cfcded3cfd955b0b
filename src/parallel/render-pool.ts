/**
 * Pair records rendered on worker threads. The pairs are the bulk of a large report (hundreds of
 * megabytes of JSON on a templated corpus) and rendering them is most of the time spent writing
 * it; the threads render runs of pairs while the main thread packs the next runs, and the bytes
 * are written strictly in order, so the report is byte for byte the one rendered in one thread.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import type { PairsWriter } from '../report/json.js';
import type { SpilledTexts } from '../io/spill-store.js';
import { packPairs, type RenderResponse, type RenderWorkerInit } from './render-protocol.js';

/** Options of renderPairsOnThreads. */
export interface RenderPoolOptions {
  /** Most pairs in one run (default 512: ~0.5 MB of JSON). */
  readonly chunkPairs?: number;
}

/**
 * A PairsWriter that renders on `jobs` threads and hands the UTF-8 bytes, in report order, to
 * `bytes` (which must keep them in order with whatever else the report writes). Every pair must be
 * packable (render-protocol.ts) and every text in the spill file `texts` (SpillTextStore.spillAll).
 */
export function renderPairsOnThreads(jobs: number, texts: SpilledTexts, bytes: (b: Uint8Array) => void, opts: RenderPoolOptions = {}): PairsWriter {
  return async (r, ids, layout) => {
    const pairs = r.pairs;
    const n = pairs.length;
    if (n === 0) return;
    // Runs small enough that every thread gets several (the last ones do not leave one working alone).
    const chunk = Math.max(1, Math.min(opts.chunkPairs ?? 512, Math.ceil(n / (8 * jobs))));
    const url = new URL('./render-worker.js', import.meta.url);
    const init: RenderWorkerInit = { ids, texts };
    const workers = Array.from({ length: Math.max(1, jobs) }, () => new Worker(url, { workerData: init }));
    const waiting = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
    let failure: Error | undefined;
    const fail = (e: Error): void => {
      failure ??= e;
      for (const w of waiting.values()) w.reject(failure);
      waiting.clear();
    };
    for (const w of workers) {
      w.on('message', (res: RenderResponse) => {
        const job = waiting.get(res.seq);
        if (!job) return;
        waiting.delete(res.seq);
        if (res.bytes) job.resolve(res.bytes);
        else job.reject(new Error(`render thread: ${res.error ?? 'no output'}`));
      });
      w.on('error', (e) => fail(e as Error));
      w.on('exit', (code) => {
        if (code !== 0) fail(new Error(`render thread exited with code ${code}`));
      });
    }
    // While the threads start: a full collection, so that what only the finished stages held
    // (the shared arrays of alignment: hundreds of megabytes on large corpora, which nothing
    // would otherwise prompt V8 to collect) is released before the threads add their own heaps.
    collectGarbage();
    const queue: Promise<Uint8Array>[] = [];
    let next = 0;
    let seq = 0;
    const post = (): void => {
      const to = Math.min(n, next + chunk);
      const req = packPairs(pairs, next, to, seq, layout);
      const done = new Promise<Uint8Array>((resolve, reject) => {
        if (failure) reject(failure);
        else waiting.set(req.seq, { resolve, reject });
      });
      done.catch(() => undefined); // awaited in order below; no unhandled rejection meanwhile
      queue.push(done);
      workers[seq % workers.length]!.postMessage(req, [req.meta.buffer, req.nums.buffer, req.ints.buffer] as ArrayBuffer[]);
      seq++;
      next = to;
    };
    // A few runs ahead per thread: the threads never wait for the main thread to pack.
    const ahead = 3 * workers.length;
    try {
      while (next < n && queue.length < ahead) post();
      while (queue.length > 0) {
        const b = await queue.shift()!;
        while (next < n && queue.length < ahead) post();
        bytes(b);
      }
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  };
}

/** A full garbage collection (V8's gc, exposed for this call). */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}
