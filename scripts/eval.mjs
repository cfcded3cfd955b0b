#!/usr/bin/env node
// Scores dedupe on a labelled corpus folder (docs/*.txt + truth.json) with the corpus's scorer.
// usage: node scripts/eval.mjs <corpus-dir> <score.py> [--mode clusters|pairs|graded] [dedupe flags...]
// Prints the scorer's output. Nothing in src/ knows about any corpus; this is tooling only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const [corpus, scorer, ...rest] = process.argv.slice(2);
let mode = 'clusters';
const mi = rest.indexOf('--mode');
if (mi >= 0) { mode = rest[mi + 1]; rest.splice(mi, 2); }
const tk = rest.indexOf('--truth-key');
let truthKey;
if (tk >= 0) { truthKey = rest[tk + 1]; rest.splice(tk, 2); }
const bin = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'bin', 'dedupe.js');
const r = spawnSync('node', [bin, path.join(corpus, 'docs'), '--json', '--quiet', ...rest], { encoding: 'utf8', maxBuffer: 1 << 30 });
if (r.status !== 0) { process.stderr.write(r.stderr); process.exit(1); }
const out = JSON.parse(r.stdout);
const idOf = (s) => path.basename(s).replace(/\.txt$/, '');
const tmp = mkdtempSync(path.join(tmpdir(), 'dedupe-eval-'));
const predFile = path.join(tmp, 'pred.json');
if (mode === 'graded') {
  // 3-way confusion against graded_pairs: duplicate-or-contained / overlap / none
  const truth = JSON.parse(readFileSync(path.join(corpus, 'truth.json'), 'utf8'));
  const rel = new Map();
  for (const p of out.pairs) rel.set([idOf(p.a), idOf(p.b)].sort().join('|'), p.kind === 'overlap' ? 'overlap' : 'dup');
  const cm = {};
  for (const g of truth.graded_pairs) {
    const [a, b, label] = Array.isArray(g) ? g : [g.source ?? g.a, g.answer ?? g.b, g.label];
    const pred = rel.get([a, b].sort().join('|')) ?? 'none';
    cm[label] ??= { dup: 0, overlap: 0, none: 0 };
    cm[label][pred]++;
  }
  console.log(JSON.stringify(cm));
  process.exit(0);
}
const pred = mode === 'pairs'
  ? { pairs: out.pairs.map((p) => [idOf(p.a), idOf(p.b)]) }
  : { clusters: out.clusters.map((c) => c.members.map(idOf)) };
writeFileSync(predFile, JSON.stringify(pred));
const args = [scorer, path.join(corpus, 'truth.json'), predFile];
if (truthKey) args.push('--truth-key', truthKey);
const s = spawnSync('python3', args, { encoding: 'utf8' });
process.stdout.write(s.stdout + s.stderr);
console.log(`stats: ${JSON.stringify({ clusters: out.stats.clusters, dup: out.stats.duplicate_pairs, contained: out.stats.contained_pairs, overlap: out.stats.overlap_pairs })}`);
