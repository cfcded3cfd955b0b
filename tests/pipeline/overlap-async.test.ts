/**
 * findOverlapsAsync (the worker-thread path) against findOverlaps (in-process): one queue of
 * duplicate pairs, candidates and expansion pairs, batches finishing in any order, must give the
 * same pairs and passages.
 */
import { describe, expect, it } from 'vitest';
import { Deduper } from '../../src/dedupe.js';
import { findOverlaps, findOverlapsAsync, makeBatchAligner, planOverlaps, type OverlapContext, type OverlapState, type PairHit, type RangeAligner } from '../../src/compare/overlap-stage.js';
import { CandidateMaker } from '../../src/overlap/fingerprint-index.js';
import { mulberry32 } from '../../src/text/hash.js';
import { doc, editWords, seeds } from './helpers.js';

/** The Deduper's internals this test drives directly. */
interface Internals {
  overlap: OverlapState;
  sets: Uint32Array[];
  findDuplicatePairs(): Parameters<Internals['overlapContext']>[0];
  overlapContext(dup: unknown): OverlapContext;
}

function prepared(): { state: OverlapState; ctx: () => OverlapContext } {
  // Seeds (000/001 a duplicate cluster; 003 quotes 000/001 and 002), plus three near-copies of
  // 002 (a cluster of four) and two of 003: hits on an indexed member expand to the other copies.
  // One more copy of 002 adds a paragraph of 003 and one of 004: a candidate from its own
  // fingerprints with 004, and with 003 both a candidate and an expansion pair (kept once).
  const base = seeds();
  const words = (t: string, from: number, to: number): string => t.split(/\s+/).slice(from, to).join(' ');
  const docs = [
    ...base,
    ...[1, 2, 3].map((s) => doc(`002-copy-${s}`, editWords(base[2]!.text, 0.01, s))),
    ...[4, 5].map((s) => doc(`003-copy-${s}`, editWords(base[3]!.text, 0.01, s))),
    doc('002-copy-adding', `${editWords(base[2]!.text, 0.005, 9)}\n\n${words(base[3]!.text, 20, 60)}\n\n${words(base[4]!.text, 200, 240)}`),
  ];
  const d = new Deduper({});
  for (const x of docs) d.add(x);
  const inner = d as unknown as Internals;
  return { state: inner.overlap, ctx: () => inner.overlapContext(inner.findDuplicatePairs()) };
}

/** A pair as the report sees it. */
const view = (p: { a: number; b: number; kind: string; jaccard: number; passages?: unknown }): unknown => ({ a: p.a, b: p.b, kind: p.kind, jaccard: p.jaccard, passages: p.passages });
const sorted = <T extends { a: number; b: number; kind: string }>(ps: readonly T[]): T[] => [...ps].sort((x, y) => x.kind.localeCompare(y.kind) || x.a - y.a || x.b - y.b);

describe('findOverlapsAsync', () => {
  it('gives what findOverlaps gives, with small batches finishing in shuffled order', async () => {
    const sync = prepared();
    const syncCtx = sync.ctx();
    const want = findOverlaps(sync.state, syncCtx);

    for (const [seed, batch] of [[1, 2], [2, 3], [3, 5], [4, 7]] as const) {
      const run = prepared();
      const ctx = run.ctx();
      const plan = planOverlaps(run.state, ctx);
      const align = makeBatchAligner(plan.align, run.state.count, (d) => run.state.seedDoc(d), (d) => ctx.sets[d]!);
      const rand = mulberry32(seed);
      // Each batch resolves after a random number of turns of the event loop.
      const aligner = async (pairs: Float64Array, shared?: Parameters<typeof align>[1]): Promise<PairHit[]> => {
        const hits = align(pairs, shared);
        for (let t = rand() % 5; t > 0; t--) await new Promise((r) => setImmediate(r));
        return hits;
      };
      const got = await findOverlapsAsync(run.state, ctx, plan, aligner, batch, 3);
      expect(got.candidates).toBe(want.candidates);
      expect(sorted(got.pairs).map(view)).toEqual(sorted(want.pairs).map(view));
      expect(got.attach).toEqual(want.attach);
      expect(got.groups).toEqual(want.groups);
      expect(ctx.duplicates.map(view)).toEqual(syncCtx.duplicates.map(view));
    }
    // The same with the candidates made range by range (as the worker threads make them).
    for (const [seed, inFlight] of [[5, 1], [6, 2], [7, 3]] as const) {
      const run = prepared();
      const ctx = run.ctx();
      const plan = planOverlaps(run.state, ctx);
      const align = makeBatchAligner(plan.align, run.state.count, (d) => run.state.seedDoc(d), (d) => ctx.sets[d]!);
      const maker = new CandidateMaker(plan.index);
      const rand = mulberry32(seed);
      let ranges = 0;
      const aligner = async (pairs: Float64Array, shared?: Parameters<typeof align>[1]): Promise<PairHit[]> => align(pairs, shared);
      const rangeAligner: RangeAligner = async (from, to) => {
        ranges++;
        const made = maker.make(from, to);
        const hits = align(made.pairs, { counts: made.shared, hashes: made.hashes });
        for (let t = rand() % 5; t > 0; t--) await new Promise((r) => setImmediate(r));
        return { pairs: made.pairs, hits, made: made.pairs.length };
      };
      const got = await findOverlapsAsync(run.state, ctx, plan, aligner, 2, inFlight, undefined, rangeAligner);
      expect(ranges).toBeGreaterThan(1);
      expect(got.candidates).toBe(want.candidates);
      expect(sorted(got.pairs).map(view)).toEqual(sorted(want.pairs).map(view));
      expect(got.attach).toEqual(want.attach);
      expect(got.groups).toEqual(want.groups);
      expect(ctx.duplicates.map(view)).toEqual(syncCtx.duplicates.map(view));
    }
    // The corpus does exercise expansion: pairs with a copy of 002 or 003 (not a cluster's first).
    expect(want.pairs.some((p) => p.kind !== 'duplicate' && ((p.a >= 5 && p.a < 10) || (p.b >= 5 && p.b < 10)))).toBe(true);
    // And the copy with paragraphs of its own: paired with 004 (only through them) and with 003
    // (through them and by expansion), each once.
    const adding = want.pairs.filter((p) => p.b === 10 || p.a === 10).map((p) => Math.min(p.a, p.b));
    expect(adding.filter((x) => x === 4)).toHaveLength(1);
    expect(adding.filter((x) => x === 3)).toHaveLength(1);
    expect(syncCtx.duplicates.length).toBeGreaterThanOrEqual(2);
  });
});
