/**
 * Alignment on worker threads: the documents are packed once into SharedArrayBuffers (and the
 * main thread's per-document arrays become views of them, so nothing is held twice), then
 * batches of pairs are spread over the workers, least busy first.
 */
import { Worker } from 'node:worker_threads';
import type { AlignPlan, OverlapState, PairHit } from '../compare/overlap-stage.js';
import { decodeHits, seedViews, type AlignRequest, type AlignResponse, type AlignWorkerInit, type SharedSeeds } from './align-protocol.js';

/**
 * Packs the overlap state's documents and the shingle sets into shared memory, and points the
 * state and `sets` at the copies (nothing is held twice).
 */
export function shareSeeds(state: OverlapState, sets: Uint32Array[]): SharedSeeds {
  const n = state.count;
  let seqLen = 0;
  let winLen = 0;
  let setLen = 0;
  for (let d = 0; d < n; d++) {
    seqLen += state.sequences[d]!.length;
    winLen += state.winnowed[d]!.length;
    setLen += sets[d]!.length;
  }
  const seeds: SharedSeeds = {
    count: n,
    seq: new SharedArrayBuffer(Math.max(4, seqLen * 4)),
    seqOff: new SharedArrayBuffer((n + 1) * 8),
    win: new SharedArrayBuffer(Math.max(4, winLen * 4)),
    pos: new SharedArrayBuffer(Math.max(4, winLen * 4)),
    winOff: new SharedArrayBuffer((n + 1) * 8),
    counts: new SharedArrayBuffer(Math.max(4, n * 4)),
    sets: new SharedArrayBuffer(Math.max(4, setLen * 4)),
    setOff: new SharedArrayBuffer((n + 1) * 8),
  };
  const { seq, seqOff, win, pos, winOff, counts, sets: setData, setOff } = seedViews(seeds);
  let to = 0;
  for (let d = 0; d < n; d++) {
    const s = sets[d]!;
    setData.set(s, to);
    setOff[d] = to;
    sets[d] = setData.subarray(to, to + s.length);
    to += s.length;
  }
  setOff[n] = to;
  let so = 0;
  let wo = 0;
  for (let d = 0; d < n; d++) {
    const s = state.sequences[d]!;
    seq.set(s, so);
    seqOff[d] = so;
    state.sequences[d] = seq.subarray(so, so + s.length);
    so += s.length;
    const h = state.winnowed[d]!;
    const p = state.positions[d]!;
    win.set(h, wo);
    pos.set(p, wo);
    winOff[d] = wo;
    state.winnowed[d] = win.subarray(wo, wo + h.length);
    state.positions[d] = pos.subarray(wo, wo + p.length);
    wo += h.length;
    counts[d] = state.counts[d]!;
  }
  seqOff[n] = so;
  winOff[n] = wo;
  return seeds;
}

/** The pool. */
export class AlignPool {
  private readonly workers: Worker[];
  private readonly busy: number[];
  private readonly pending = new Map<number, { resolve: (r: PairHit[]) => void; reject: (e: Error) => void; count: number; worker: number }>();
  private nextId = 0;
  private failure: Error | undefined;
  private closed = false;
  /** Seconds from the first batch sent to the last result received. */
  seconds = 0;

  constructor(jobs: number, seeds: SharedSeeds, plan: AlignPlan) {
    const init: AlignWorkerInit = { seeds, plan };
    const url = new URL('./align-worker.js', import.meta.url);
    this.workers = Array.from({ length: jobs }, () => new Worker(url, { workerData: init }));
    this.busy = this.workers.map(() => 0);
    this.workers.forEach((w, i) => {
      w.on('message', (res: AlignResponse) => {
        const job = this.pending.get(res.id);
        if (!job) return;
        this.pending.delete(res.id);
        this.busy[i]!--;
        job.resolve(decodeHits(res.data));
      });
      w.on('error', (e) => this.fail(e as Error));
      w.on('exit', (code) => {
        if (code !== 0 && !this.closed) this.fail(new Error(`alignment worker exited with code ${code}`));
      });
    });
  }

  /** Aligns a batch on the least busy worker. */
  align(pairs: Float64Array): Promise<PairHit[]> {
    if (this.failure) return Promise.reject(this.failure);
    let w = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.busy[i]! < this.busy[w]!) w = i;
    const id = this.nextId++;
    this.busy[w]!++;
    const req: AlignRequest = { id, pairs: pairs.slice() };
    return new Promise<PairHit[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, count: pairs.length, worker: w });
      this.workers[w]!.postMessage(req, [req.pairs.buffer as ArrayBuffer]);
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const job of this.pending.values()) job.reject(e);
    this.pending.clear();
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
