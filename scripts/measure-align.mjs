#!/usr/bin/env node
/**
 * Times passage alignment alone, on one thread, over the real candidates of a JSONL corpus:
 * fingerprints every document in-process, builds the overlap plan, then aligns every candidate
 * pair (in batches, as the pipeline does) `--repeat` times, and prints the time per pair with and
 * without passages and a checksum of every passage found (a change that must not change the
 * results must keep the checksum).
 *
 *   npm run build && node scripts/measure-align.mjs .cache/bench/full/corpus.jsonl [--repeat 2] [--limit N]
 *
 * ONLY=none (or ONLY=passages) times that kind alone after the classifying pass (e.g. under
 * `node --cpu-prof`, to see where the candidates without passages spend their time).
 *
 * Uses the pipeline's internals (dist/); a tool for developers, not part of the product.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { Deduper } from '../dist/dedupe.js';
import { candidateSlice, makeBatchAligner, planOverlaps } from '../dist/compare/overlap-stage.js';
import { CandidateMaker } from '../dist/overlap/fingerprint-index.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
if (!file) {
  console.error('usage: node scripts/measure-align.mjs CORPUS.jsonl [--repeat N] [--limit PAIRS]');
  process.exit(2);
}
const repeat = opt('--repeat', 2);

const d = new Deduper({});
const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
let t0 = performance.now();
for await (const line of rl) {
  if (!line.trim()) continue;
  const r = JSON.parse(line);
  d.add({ id: String(r.id), path: file, format: 'jsonl', bytes: Buffer.byteLength(line), text: r.text });
}
console.log(`fingerprinted ${d.size} documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
// Internals: the overlap state and the duplicate stage's context.
const ctx = d.overlapContext(d.findDuplicatePairs());
const state = d.overlap;
t0 = performance.now();
const plan = planOverlaps(state, ctx);
const { pairs, shared, hashes } = new CandidateMaker(plan.index).make(0, state.count);
console.log(`plan: ${pairs.length} candidates, cut-off ${plan.index.maxDf}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const starts = new Float64Array(pairs.length + 1);
for (let i = 0; i < pairs.length; i++) starts[i + 1] = starts[i] + shared[i];
const cand = { pairs, counts: shared, hashes, starts };
const limit = Math.min(pairs.length, opt('--limit', pairs.length));
const align = makeBatchAligner(plan.align, state.count, (x) => state.seedDoc(x), (x) => ctx.sets[x]);
const BATCH = 8192;

/** Aligns candidates [0, limit) for which keep(i) holds; returns seconds, pairs, hits, checksum. */
function pass(keep) {
  let seconds = 0;
  let n = 0;
  let hits = 0;
  let sum = 0;
  for (let i = 0; i < limit; i += BATCH) {
    const part = candidateSlice(cand, i, Math.min(limit, i + BATCH));
    let sel = part;
    if (keep) {
      // Only the selected pairs of this batch, with their shared hashes.
      const idx = [];
      for (let k = 0; k < part.pairs.length; k++) if (keep(i + k)) idx.push(k);
      const counts = Uint32Array.from(idx, (k) => part.shared.counts[k]);
      const hs = [];
      for (const k of idx) for (let h = starts[i + k]; h < starts[i + k + 1]; h++) hs.push(hashes[h]);
      sel = { pairs: Float64Array.from(idx, (k) => part.pairs[k]), shared: { counts, hashes: Uint32Array.from(hs) } };
    }
    const t = performance.now();
    const res = align(sel.pairs, sel.shared);
    seconds += (performance.now() - t) / 1000;
    n += sel.pairs.length;
    for (const h of res) {
      hits++;
      sum = (sum * 31 + sel.pairs[h.index] % 1e9 + h.intersection * 7 + h.alignment.coveredA * 13 + h.alignment.coveredB) % 1e9;
      for (const p of h.alignment.pieces) sum = (sum * 17 + p.aStart + p.aEnd * 3 + p.bStart * 5 + p.bEnd * 7 + p.gaps) % 1e9;
    }
  }
  return { seconds, n, hits, sum };
}

const hit = new Uint8Array(limit);
for (let rep = 0; rep < repeat; rep++) {
  const all = pass(undefined);
  console.log(`all        ${all.n} pairs  ${all.seconds.toFixed(2)} s  ${((all.seconds / all.n) * 1e6).toFixed(2)} µs/pair  ${all.hits} with passages  checksum ${all.sum}`);
}
// Which pairs have passages, then each kind alone.
for (let i = 0; i < limit; i += BATCH) {
  const part = candidateSlice(cand, i, Math.min(limit, i + BATCH));
  for (const h of align(part.pairs, part.shared)) hit[i + h.index] = 1;
}
for (const [label, flag] of [['passages', 1], ['none', 0]].filter(([l]) => !process.env.ONLY || process.env.ONLY === l)) {
  const r = pass((i) => hit[i] === flag);
  console.log(`${label.padEnd(10)} ${r.n} pairs  ${r.seconds.toFixed(2)} s  ${((r.seconds / Math.max(1, r.n)) * 1e6).toFixed(2)} µs/pair`);
}
