/**
 * A pool of fingerprinting workers (worker_threads). Documents are sent in batches (about
 * BATCH_BYTES of text each) round-robin; each result is handed to `onResult` with the
 * documents' indexes, so the caller stores fingerprints by index and the output does not depend
 * on which worker finished first. At most MAX_IN_FLIGHT batches per worker are outstanding:
 * `submit` waits when the workers are behind, which bounds memory while streaming.
 */
import { Worker } from 'node:worker_threads';
import type { DocFingerprint } from '../sketch/fingerprint.js';
import { FIELDS, type BatchRequest, type BatchResult, type WorkerInit } from './protocol.js';

/** Text per batch, in UTF-16 code units. */
const BATCH_CHARS = 512 * 1024;
/** Documents per batch at most. */
const BATCH_DOCS = 256;
/** Outstanding batches per worker. */
const MAX_IN_FLIGHT = 3;

/** Receives each document's fingerprint. */
export type ResultSink = (index: number, fp: DocFingerprint) => void;

/** The pool. */
export class FingerprintPool {
  private readonly workers: Worker[];
  private readonly inFlight: number[];
  private next = 0;
  private batchNo = 0;
  private indexes: number[] = [];
  private texts: string[] = [];
  private chars = 0;
  private waiters: (() => void)[] = [];
  private failure: Error | undefined;
  private outstanding = 0;
  private idle: (() => void) | undefined;
  /** Seconds the workers spent fingerprinting (summed over workers). */
  seconds = 0;

  constructor(jobs: number, init: WorkerInit, private readonly onResult: ResultSink) {
    const url = new URL('./worker.js', import.meta.url);
    this.workers = Array.from({ length: jobs }, () => new Worker(url, { workerData: init }));
    this.inFlight = this.workers.map(() => 0);
    this.workers.forEach((w, i) => {
      w.on('message', (res: BatchResult) => this.receive(i, res));
      w.on('error', (e) => this.fail(e as Error));
      w.on('exit', (code) => {
        if (code !== 0 && !this.closed) this.fail(new Error(`fingerprint worker exited with code ${code}`));
      });
    });
  }

  private closed = false;

  /** Queues one document; resolves when the pool can take more. */
  async submit(index: number, text: string): Promise<void> {
    this.indexes.push(index);
    this.texts.push(text);
    this.chars += text.length;
    if (this.chars >= BATCH_CHARS || this.texts.length >= BATCH_DOCS) await this.flush();
  }

  /** Sends the pending batch to the least busy worker, waiting if all are full. */
  private async flush(): Promise<void> {
    if (this.texts.length === 0) return;
    for (;;) {
      if (this.failure) throw this.failure;
      const w = this.pickWorker();
      if (w >= 0) {
        const req: BatchRequest = { batch: this.batchNo++, indexes: this.indexes, texts: this.texts };
        this.indexes = [];
        this.texts = [];
        this.chars = 0;
        this.inFlight[w]!++;
        this.outstanding++;
        this.workers[w]!.postMessage(req);
        return;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private pickWorker(): number {
    let best = -1;
    for (let k = 0; k < this.workers.length; k++) {
      const w = (this.next + k) % this.workers.length;
      if (this.inFlight[w]! < MAX_IN_FLIGHT && (best < 0 || this.inFlight[w]! < this.inFlight[best]!)) best = w;
    }
    if (best >= 0) this.next = (best + 1) % this.workers.length;
    return best;
  }

  private receive(worker: number, res: BatchResult): void {
    this.inFlight[worker]!--;
    this.outstanding--;
    this.seconds += res.seconds;
    const numPerm = res.indexes.length === 0 ? 0 : res.signatures.length / res.indexes.length;
    let so = 0;
    let wo = 0;
    let qo = 0;
    let oo = 0;
    res.indexes.forEach((index, i) => {
      const tokens = res.counts[FIELDS * i]!;
      const setLen = res.counts[FIELDS * i + 1]!;
      const winLen = res.counts[FIELDS * i + 2]!;
      const seqLen = res.counts[FIELDS * i + 4]!;
      const offLen = res.counts[FIELDS * i + 5]!;
      this.onResult(index, {
        tokens,
        quarters: res.counts[FIELDS * i + 6]!,
        check: res.counts[FIELDS * i + 3]!,
        sequence: res.sequences.subarray(qo, qo + seqLen),
        set: res.sets.subarray(so, so + setLen),
        signature: res.signatures.subarray(i * numPerm, (i + 1) * numPerm),
        winnowHashes: res.winnowHashes.subarray(wo, wo + winLen),
        winnowPositions: res.winnowPositions.subarray(wo, wo + winLen),
        offsets: res.offsets.subarray(oo, oo + offLen),
      });
      oo += offLen;
      so += setLen;
      wo += winLen;
      qo += seqLen;
    });
    this.wake();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.wake();
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const r of ws) r();
    if (this.outstanding === 0 || this.failure) this.idle?.();
  }

  /** Sends what is pending and waits for every result; then stops the workers. */
  async close(): Promise<void> {
    try {
      await this.flush();
      while (this.outstanding > 0 && !this.failure) await new Promise<void>((resolve) => (this.idle = resolve));
      if (this.failure) throw this.failure;
    } finally {
      this.closed = true;
      await Promise.all(this.workers.map((w) => w.terminate()));
    }
  }
}
