/**
 * Alignment on worker threads: the documents' arrays are already in shared memory (the
 * pipeline's SharedArena), so the workers are given the arena's chunks and a table of where each
 * document's arrays lie; then batches of pairs are spread over the workers, least busy first.
 */
import { Worker } from 'node:worker_threads';
import type { AlignPlan, OverlapState, PairHit, SharedHashes } from '../compare/overlap-stage.js';
import type { SharedArena } from '../util/shared-arena.js';
import type { CandidateIndex } from '../overlap/fingerprint-index.js';
import { decodeHits, Part, PARTS, type AlignRequest, type AlignResponse, type AlignWorkerInit, type CandidateRequest, type SharedSeeds } from './align-protocol.js';

/**
 * Describes where every document's alignment data lies in the shared arena, for the workers.
 * @param sets each document's shingle set (from the same arena)
 */
export function shareSeeds(state: OverlapState, sets: readonly Uint32Array[], arena: SharedArena): SharedSeeds {
  const n = state.count;
  const seeds: SharedSeeds = {
    count: n,
    chunks: arena.chunks.length > 0 ? arena.chunks : [new SharedArrayBuffer(4)],
    table: new SharedArrayBuffer(Math.max(4, n * PARTS * 3 * 4)),
    counts: new SharedArrayBuffer(Math.max(4, n * 4)),
    minTokens: new SharedArrayBuffer(Math.max(4, n * 4)),
  };
  const table = new Uint32Array(seeds.table);
  const counts = new Uint32Array(seeds.counts);
  const minTokens = new Uint32Array(seeds.minTokens);
  for (let d = 0; d < n; d++) {
    table.set(arena.locate(state.sequences[d]!), 3 * (d * PARTS + Part.Sequence));
    table.set(arena.locate(state.winnowed[d]!), 3 * (d * PARTS + Part.Winnowed));
    table.set(arena.locate(state.positions[d]!), 3 * (d * PARTS + Part.Positions));
    table.set(arena.locate(sets[d]!), 3 * (d * PARTS + Part.Set));
    counts[d] = state.counts[d]!;
    minTokens[d] = state.minTokens[d]!;
  }
  return seeds;
}

/** The pool. */
export class AlignPool {
  private readonly workers: Worker[];
  private readonly busy: number[];
  private readonly pending = new Map<number, { resolve: (r: AlignResponse) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;
  private closed = false;
  /** Seconds from the first batch sent to the last result received. */
  seconds = 0;

  /** @param candidates the candidate index, made in shared memory (planOverlapsAsync), for alignRange */
  constructor(jobs: number, seeds: SharedSeeds, plan: AlignPlan, candidates?: CandidateIndex) {
    const init: AlignWorkerInit = { seeds, plan, ...(candidates ? { candidates } : {}) };
    const url = new URL('./align-worker.js', import.meta.url);
    this.workers = Array.from({ length: jobs }, () => new Worker(url, { workerData: init }));
    this.busy = this.workers.map(() => 0);
    this.workers.forEach((w, i) => {
      w.on('message', (res: AlignResponse) => {
        const job = this.pending.get(res.id);
        if (!job) return;
        this.pending.delete(res.id);
        this.busy[i]!--;
        job.resolve(res);
      });
      w.on('error', (e) => this.fail(e as Error));
      w.on('exit', (code) => {
        if (code !== 0 && !this.closed) this.fail(new Error(`alignment worker exited with code ${code}`));
      });
    });
  }

  /** Aligns a batch on the least busy worker. */
  async align(pairs: Float64Array, shared?: SharedHashes): Promise<PairHit[]> {
    const req: AlignRequest = { id: this.nextId++, pairs: pairs.slice(), ...(shared ? { counts: shared.counts.slice(), hashes: shared.hashes.slice() } : {}) };
    const transfer = [req.pairs.buffer as ArrayBuffer, ...(req.counts && req.hashes ? [req.counts.buffer as ArrayBuffer, req.hashes.buffer as ArrayBuffer] : [])];
    return decodeHits((await this.send(req, transfer)).data);
  }

  /**
   * Makes the candidates of documents [from, to) on the least busy worker (from the index given
   * to the constructor) and aligns them: the hits, their pairs, and how many candidates were made.
   */
  async alignRange(from: number, to: number): Promise<{ pairs: Float64Array; hits: PairHit[]; made: number }> {
    const req: CandidateRequest = { id: this.nextId++, from, to };
    const res = await this.send(req, []);
    return { pairs: res.pairs!, hits: decodeHits(res.data), made: res.made! };
  }

  private send(req: AlignRequest | CandidateRequest, transfer: ArrayBuffer[]): Promise<AlignResponse> {
    if (this.failure) return Promise.reject(this.failure);
    let w = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.busy[i]! < this.busy[w]!) w = i;
    this.busy[w]!++;
    return new Promise<AlignResponse>((resolve, reject) => {
      this.pending.set(req.id, { resolve, reject });
      this.workers[w]!.postMessage(req, transfer);
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
