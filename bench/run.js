#!/usr/bin/env node
/**
 * `npm run bench`: the project's speed measurement. See bench/README.md.
 *
 *   node bench/run.js [--small] [--corpus PATH] [--skip-baseline] [--jobs-list 1,2]
 *                     [--rebuild] [--timeout SECONDS] [--minhash-docs N] [--repeat N] [--bin PATH]
 *
 * stdout: a table, then one line `BENCH_JSON {...}` with every number. stderr: progress.
 * Each run is also appended to .cache/bench/history.jsonl.
 * Every measured program runs as its own child process, so wall time and peak RSS are its own.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CACHE_DIR, ROOT, buildCorpus } from './corpus.js';
import { hasGnuTime, runMeasured } from './lib/measure.js';
import { corpusId, plantedRecall, precisionChecks, reportedPairs, withoutTimings } from './lib/quality.js';
import { forEachLine } from './lib/read-jsonl.js';

const USAGE = `usage: node bench/run.js [options]
  --small              10 MB corpus (whole bench in under a minute once the corpus is cached)
  --corpus PATH        use an existing JSONL corpus ({"id","text"} per line); planted.json beside it is used if present
  --skip-baseline      skip the Node read+parse and minhash npm rows
  --jobs-list 1,2      dedupe --jobs values for the --no-overlap runs (the overlap run uses the last one)
  --rebuild            rebuild the cached corpus
  --timeout SECONDS    limit for each dedupe run (default 300 with --small, else 3600)
  --minhash-docs N     documents for the minhash npm row (default 300 with --small, else 2000; at most 20 s)
  --repeat N           run each measured program N times and keep the fastest (default 1)
  --bin PATH           the dedupe CLI to measure (default bin/dedupe.js; for comparing builds)
`;

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

/**
 * @param {string[]} argv
 * @returns {{ small: boolean, corpus: string | null, skipBaseline: boolean, jobsList: number[], rebuild: boolean,
 *   timeout: number | null, minhashDocs: number | null, repeat: number, bin: string, help: boolean }}
 */
function parseArgs(argv) {
  const o = { small: false, corpus: null, skipBaseline: false, jobsList: [1, 2], rebuild: false, timeout: null, minhashDocs: null, repeat: 1, bin: 'bin/dedupe.js', help: false };
  const problems = [];
  const positive = (flag, v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) problems.push(`${flag} needs a whole number >= 1 (got ${v})`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) problems.push(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--small') o.small = true;
    else if (a === '--skip-baseline') o.skipBaseline = true;
    else if (a === '--rebuild') o.rebuild = true;
    else if (a === '--help' || a === '-h') o.help = true;
    else if (a === '--corpus') o.corpus = value();
    else if (a === '--bin') o.bin = value();
    else if (a === '--timeout') o.timeout = positive(a, value());
    else if (a === '--minhash-docs') o.minhashDocs = positive(a, value());
    else if (a === '--repeat') o.repeat = positive(a, value());
    else if (a === '--jobs-list') o.jobsList = String(value()).split(',').map((v) => positive(a, v));
    else problems.push(`unknown option ${a}`);
  }
  if (problems.length > 0) throw Object.assign(new Error(problems.join('; ')), { usage: true });
  return o;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e.message}\n${USAGE}`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const timeout = opts.timeout ?? (opts.small ? 300 : 3600);
  const minhashDocs = opts.minhashDocs ?? (opts.small ? 300 : 2000);

  // 1. The corpus.
  let corpusPath;
  let planted = null;
  let corpusMeta = null;
  if (opts.corpus) {
    corpusPath = path.resolve(opts.corpus);
    if (!fs.existsSync(corpusPath)) {
      process.stderr.write(`--corpus ${opts.corpus}: no such file\n`);
      return 2;
    }
    const p = path.join(path.dirname(corpusPath), 'planted.json');
    if (fs.existsSync(p)) planted = JSON.parse(fs.readFileSync(p, 'utf8'));
  } else {
    const built = await buildCorpus({ small: opts.small, rebuild: opts.rebuild, log: (m) => process.stderr.write(`[corpus] ${m}\n`) });
    corpusPath = built.corpusPath;
    corpusMeta = built.meta;
    planted = JSON.parse(fs.readFileSync(built.plantedPath, 'utf8'));
  }
  const fileBytes = fs.statSync(corpusPath).size;
  let docCount = 0;
  forEachLine(corpusPath, () => {
    docCount++;
  });
  const corpusArg = path.relative(ROOT, corpusPath).startsWith('..') ? corpusPath : path.relative(ROOT, corpusPath);
  const fileMB = fileBytes / 1e6;
  const rows = [];
  const notes = [];
  if (!hasGnuTime()) notes.push('peak RSS polled from /proc/<pid>/status (VmHWM); `apt-get install time` gives exact numbers via /usr/bin/time');

  // 2. Baselines.
  if (!opts.skipBaseline) {
    log('baseline: node read + JSON.parse');
    const [r, j] = await fastestChild(opts.repeat, () => runMeasured(process.execPath, [path.join(ROOT, 'bench/lib/baseline-parse.js'), corpusPath], { cwd: ROOT, timeoutSeconds: timeout }));
    rows.push(j.ok
      ? row('node read+JSON.parse, 1 thread', { docs: j.value.docs, bytes: j.value.bytes, seconds: j.value.seconds, timed: 'in-process', wall: r.wallSeconds, rss: r.peakRssMB })
      : unavailable('node read+JSON.parse, 1 thread', j.reason));

    log(`baseline: minhash npm on up to ${minhashDocs} documents`);
    const [m, mj] = await fastestChild(opts.repeat, () =>
      runMeasured(process.execPath, [path.join(ROOT, 'bench/lib/minhash-npm.js'), corpusPath, String(minhashDocs), '20'], { cwd: ROOT, timeoutSeconds: timeout }));
    rows.push(mj.ok
      ? row(`minhash npm, ${mj.value.numPerm} perm, word 5-shingles (sample)`, { docs: mj.value.docs, bytes: mj.value.bytes, seconds: mj.value.seconds, timed: 'in-process', wall: m.wallSeconds, rss: m.peakRssMB })
      : unavailable('minhash npm', mj.reason));
  }

  // 3. dedupe runs.
  const bin = path.resolve(ROOT, opts.bin);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dedupe-bench-'));
  const outPath = path.join(tmp, 'out.json');
  const runs = [
    ...opts.jobsList.map((jobs) => ({ label: `dedupe --jobs ${jobs} --no-overlap`, jobs, overlap: false })),
    { label: `dedupe --jobs ${opts.jobsList[opts.jobsList.length - 1]} (overlap on)`, jobs: opts.jobsList[opts.jobsList.length - 1], overlap: true },
  ];
  const reports = [];
  const binShown = bin.startsWith(`${ROOT}/`) ? path.relative(ROOT, bin) : bin;
  let binMissing = fs.existsSync(bin) ? null : `${binShown} does not exist`;
  // Per-stage timings are opt-in (`--timings`: they make the JSON not byte-reproducible).
  let extraFlags = [];
  if (!binMissing) {
    const help = await runMeasured(process.execPath, [bin, '--help'], { cwd: ROOT, timeoutSeconds: 60 });
    if (help.code !== 0) binMissing = `--help fails: exit ${help.code ?? help.signal}: ${firstErrorLine(help.stderr)}`;
    else if (/--timings\b/.test(help.stdout)) extraFlags = ['--timings'];
  }
  for (const run of runs) {
    if (binMissing) {
      rows.push(unavailable(run.label, binMissing));
      continue;
    }
    const args = [bin, corpusArg, ...(run.overlap ? [] : ['--no-overlap']), '--json', '-o', outPath, '--jobs', String(run.jobs), ...extraFlags];
    log(`${run.label}: node ${args.map((a) => (a.startsWith(`${ROOT}/`) ? path.relative(ROOT, a) : a)).join(' ')}`);
    // With --repeat, the report of the first run is kept and the fastest run's time and RSS.
    let r = null;
    let parsed = null;
    for (let i = 0; i < opts.repeat; i++) {
      fs.rmSync(outPath, { force: true });
      const ri = await runMeasured(process.execPath, args, { cwd: ROOT, timeoutSeconds: timeout });
      const pi = readReport(ri, outPath, timeout);
      if (!pi.ok) {
        parsed = pi;
        break;
      }
      parsed ??= pi;
      if (r === null || ri.wallSeconds < r.wallSeconds) r = ri;
    }
    if (!parsed.ok) {
      rows.push(unavailable(run.label, parsed.reason));
      continue;
    }
    const rep = parsed.value;
    const reported = Array.isArray(rep.documents) ? rep.documents.length : docCount;
    const raw = parsed.raw;
    rows.push(row(run.label, { docs: reported, bytes: fileBytes, seconds: r.wallSeconds, timed: 'wall', wall: r.wallSeconds, rss: r.peakRssMB }));
    if (reported !== docCount) notes.push(`${run.label}: reported ${reported} documents, the corpus has ${docCount}`);
    reports.push({ run, report: rep, raw, exitCode: r.code });
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  // 4. Stages, determinism, quality.
  const noOverlap = reports.filter((x) => !x.run.overlap);
  const first = noOverlap[0] ?? null;
  const stages = [];
  for (const x of reports) {
    const timings = x.report?.stats?.timings;
    if (!timings || typeof timings !== 'object') continue;
    const total = x.report.stats.seconds;
    for (const [stage, seconds] of [...Object.entries(timings), ...(typeof total === 'number' ? [['total (stats.seconds)', total]] : [])]) {
      if (typeof seconds !== 'number' || !(seconds >= 0)) continue;
      stages.push({ run: x.run.label, stage, seconds: round(seconds, 4), mbPerSecond: seconds > 0 ? round(fileMB / seconds, 2) : null });
    }
  }
  let deterministic = null;
  if (noOverlap.length >= 2) {
    const base = JSON.stringify(withoutTimings(noOverlap[0].report));
    deterministic = {
      compared: noOverlap.map((x) => x.run.label),
      identical: noOverlap.every((x) => JSON.stringify(withoutTimings(x.report)) === base),
      // With --timings (passed whenever the CLI has it) the bytes differ by the times: not comparable.
      byteIdentical: extraFlags.length > 0 ? null : noOverlap.every((x) => x.raw === noOverlap[0].raw),
    };
  }
  let recall = null;
  let precision = null;
  if (first && planted) {
    recall = plantedRecall(first.report, planted);
    const keys = new Set(planted.map(([a, b]) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`)));
    const needed = new Set();
    for (const p of reportedPairs(first.report).values()) {
      needed.add(p.ca);
      needed.add(p.cb);
    }
    const texts = new Map();
    forEachLine(corpusPath, (line) => {
      const d = JSON.parse(line);
      if (needed.has(String(d.id))) texts.set(String(d.id), d.text);
    });
    log(`rechecking the truth Jaccard of up to 20000 reported pairs (${needed.size} documents)`);
    precision = precisionChecks(first.report, keys, texts);
  } else if (first) {
    precision = precisionChecks(first.report, new Set(), new Map());
  }

  const overlapRun = reports.find((x) => x.run.overlap);
  const overlapSummary = overlapRun
    ? { run: overlapRun.run.label, pairsByKind: countBy(overlapRun.report.pairs, (p) => p.kind ?? 'duplicate'), groups: Array.isArray(overlapRun.report.groups) ? overlapRun.report.groups.length : null }
    : null;

  // 5. Ratios.
  const byLabel = (prefix) => rows.find((r) => r.ok && r.name.startsWith(prefix));
  const nodeRow = byLabel('node read');
  const minhashRow = byLabel('minhash npm');
  const j1Row = rows.find((r) => r.ok && r.name.startsWith('dedupe --jobs') && r.name.endsWith('--no-overlap'));
  const fingerprint = first?.report?.stats?.timings?.fingerprint;
  const sigMBps = typeof fingerprint === 'number' && fingerprint > 0 ? fileMB / fingerprint : null;
  const ratios = {
    dedupeVsMinhashNpm: minhashRow && (sigMBps ?? j1Row?.mbPerSecond) ? round((sigMBps ?? j1Row.mbPerSecond) / minhashRow.mbPerSecond, 2) : null,
    dedupeVsMinhashNpmBasis: !minhashRow ? null : sigMBps ? `stats.timings.fingerprint of ${first.run.label}` : j1Row ? `end to end, ${j1Row.name}` : null,
    dedupeVsNodeParse: nodeRow && j1Row ? round(j1Row.mbPerSecond / nodeRow.mbPerSecond, 4) : null,
  };

  // 6. Output.
  const git = gitInfo();
  const result = {
    version: 1,
    date: new Date().toISOString(),
    git,
    node: process.version,
    cpus: os.cpus().length,
    mode: opts.corpus ? 'custom' : opts.small ? 'small' : 'full',
    repeat: opts.repeat,
    corpus: { path: corpusArg, documents: docCount, fileBytes, textBytes: corpusMeta?.bytes ?? null, planted: planted?.length ?? null, recipe: corpusMeta?.recipe ?? null },
    rows: rows.map(({ ok, name, reason, docs, bytes, seconds, timed, wall, mbPerSecond, docsPerSecond, rssMB }) =>
      ok ? { name, docs, bytes, seconds: round(seconds, 4), timed, wallSeconds: round(wall, 4), mbPerSecond, docsPerSecond, peakRssMB: rssMB } : { name, unavailable: reason }),
    stages,
    deterministic,
    recall,
    precision,
    overlap: overlapSummary,
    ratios,
    notes,
  };
  process.stdout.write(formatTable(result));
  process.stdout.write(`BENCH_JSON ${JSON.stringify(result)}\n`);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  fs.appendFileSync(path.join(CACHE_DIR, 'history.jsonl'), `${JSON.stringify(result)}\n`);
  return 0;
}

/** A measured row; MB are 10^6 bytes; rates from `seconds` (in-process or wall, as `timed` says). */
function row(name, { docs, bytes, seconds, timed, wall, rss }) {
  return {
    ok: true,
    name,
    docs,
    bytes,
    seconds,
    timed,
    wall,
    mbPerSecond: seconds > 0 ? round(bytes / 1e6 / seconds, 2) : null,
    docsPerSecond: seconds > 0 ? Math.round(docs / seconds) : null,
    rssMB: rss,
  };
}

const unavailable = (name, reason) => ({ ok: false, name, reason });

const countBy = (xs, key) => {
  const out = {};
  for (const x of Array.isArray(xs) ? xs : []) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
};

/**
 * Runs a bench child `n` times; returns the run with the least in-process seconds and its
 * parsed JSON line, or the first failure.
 */
async function fastestChild(n, start) {
  let best = null;
  for (let i = 0; i < n; i++) {
    const r = await start();
    const j = parseChildJson(r);
    if (!j.ok) return [r, j];
    if (best === null || j.value.seconds < best[1].value.seconds) best = [r, j];
  }
  return best;
}

/** The one JSON line a bench child prints, or why there is none. */
function parseChildJson(r) {
  if (r.timedOut) return { ok: false, reason: 'timed out' };
  if (r.code !== 0) return { ok: false, reason: `exit ${r.code ?? r.signal}: ${firstErrorLine(r.stderr)}` };
  try {
    return { ok: true, value: JSON.parse(r.stdout.trim().split('\n').pop()) };
  } catch (e) {
    return { ok: false, reason: `unreadable output: ${e.message}` };
  }
}

/**
 * dedupe's JSON report from -o (or stdout), or why there is none. Exit 1 means "no duplicates",
 * not failure. `raw` is the SHA-256 of the report bytes (reports can exceed a JS string's size).
 * Large reports are parsed record by record: dedupe writes one record per line inside each
 * top-level array, and passages (not needed here) are dropped to bound memory.
 */
function readReport(r, outPath, timeout) {
  if (r.timedOut) return { ok: false, reason: `timed out after ${timeout} s (--timeout)` };
  if (r.code !== 0 && r.code !== 1) return { ok: false, reason: `exit ${r.code ?? r.signal}: ${firstErrorLine(r.stderr)}` };
  let buf = fs.existsSync(outPath) ? fs.readFileSync(outPath) : Buffer.alloc(0);
  if (buf.length === 0 && r.stdout.trim().startsWith('{')) buf = Buffer.from(r.stdout);
  if (buf.length === 0) return { ok: false, reason: `exit ${r.code}, no JSON written to -o ${outPath}` };
  const raw = createHash('sha256').update(buf).digest('hex');
  try {
    const value = buf.length < 256 * 1024 * 1024 ? JSON.parse(buf.toString('utf8')) : parseByRecords(buf);
    if (!Array.isArray(value.pairs)) return { ok: false, reason: 'JSON has no pairs[] array' };
    return { ok: true, value, raw };
  } catch (e) {
    return { ok: false, reason: `JSON does not parse: ${e.message}` };
  }
}

/** Parses dedupe's line-structured JSON one line at a time (see readReport). */
function parseByRecords(buf) {
  const out = {};
  let section = null;
  let start = 0;
  while (start < buf.length) {
    let end = buf.indexOf(10, start);
    if (end < 0) end = buf.length;
    const line = buf.toString('utf8', start, end);
    start = end + 1;
    const opened = /^ {2}"(\w+)": \[\]?,?$/.exec(line);
    if (opened) {
      section = line.endsWith('[') ? opened[1] : null;
      out[opened[1]] = [];
      continue;
    }
    if (section && line.startsWith('    {')) {
      const rec = JSON.parse(line.endsWith(',') ? line.slice(4, -1) : line.slice(4));
      if (section === 'pairs') delete rec.passages;
      out[section].push(rec);
      continue;
    }
    if (/^ {2}\],?$/.test(line)) {
      section = null;
      continue;
    }
    const field = /^ {2}"(\w+)": (.*?),?$/.exec(line);
    if (field) out[field[1]] = JSON.parse(field[2]);
  }
  return out;
}

function firstErrorLine(stderr) {
  const lines = String(stderr).split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines.find((l) => /error|cannot|unknown|invalid/i.test(l)) ?? lines[lines.length - 1] ?? '(no message)';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

function gitInfo() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return { commit, dirty };
  } catch {
    return null;
  }
}

function formatTable(res) {
  const out = [];
  const c = res.corpus;
  out.push(`dedupe bench (${res.mode}): ${c.path}: ${c.documents} docs, ${(c.fileBytes / 1e6).toFixed(1)} MB JSONL${c.planted != null ? `, ${c.planted} planted pairs` : ''}`);
  out.push(`node ${res.node}, ${res.cpus} CPUs${res.git ? `, git ${res.git.commit}${res.git.dirty ? ' (uncommitted changes)' : ''}` : ''}, ${res.date}`);
  out.push('');
  const header = ['', 'docs', 'MB', 'seconds', 'MB/s', 'docs/s', 'peak RSS MB'];
  const lines = res.rows.map((r) =>
    r.unavailable
      ? [r.name, `not available (${r.unavailable})`]
      : [r.name, String(r.docs), (r.bytes / 1e6).toFixed(1), `${r.seconds.toFixed(3)}${r.timed === 'wall' ? '' : '*'}`, fmt(r.mbPerSecond), String(r.docsPerSecond ?? '-'), r.peakRssMB == null ? '-' : r.peakRssMB.toFixed(0)],
  );
  out.push(...alignTable([header, ...lines]));
  out.push('  seconds: wall time of the child process; * = timed inside the process (reading excluded for minhash npm)');
  if (res.stages.length > 0) {
    out.push('');
    out.push('per stage (stats.timings; MB/s over the whole corpus)');
    const totals = new Map(res.stages.filter((s) => s.stage.startsWith('total')).map((s) => [s.run, s.seconds]));
    const summed = (s) => !s.stage.startsWith('total') && totals.has(s.run) && s.seconds > totals.get(s.run);
    out.push(...alignTable([['', 'stage', 'seconds', 'MB/s'], ...res.stages.map((s) => [s.run, s.stage, `${s.seconds.toFixed(3)}${summed(s) ? '†' : ''}`, fmt(s.mbPerSecond)])]));
    if (res.stages.some(summed)) out.push('  † more than the whole run: seconds summed over worker threads (so MB/s is per worker)');
    if (res.rows.some((r) => /--jobs ([2-9]|\d\d)/.test(r.name) && !r.unavailable))
      out.push('  with --jobs > 1, stages run in worker threads (fingerprint) report seconds summed over the workers');
  } else if (res.rows.some((r) => !r.unavailable && r.name.startsWith('dedupe'))) {
    out.push('', 'per stage: dedupe reported no stats.timings');
  }
  out.push('');
  if (res.deterministic) {
    const d = res.deterministic;
    out.push(`deterministic: ${d.identical ? 'yes' : 'no'} (${d.compared.join(' vs ')}; JSON compared with timing and jobs fields removed)`);
  } else out.push('deterministic: not checked (needs two successful --no-overlap runs)');
  if (res.recall) {
    const r = res.recall;
    out.push('');
    out.push(`recall of planted pairs (threshold ${r.threshold}; truth = exact word 5-shingle Jaccard in JS)`);
    out.push(...alignTable([['kind', 'pairs', 'found', 'recall', 'truth J (all)', 'dedupe J (found)'], ...r.perKind.map((g) => [g.kind, String(g.pairs), String(g.found), pct(g.recall), fmt(g.meanTruthJaccard, 3), g.meanDedupeJaccard == null ? '-' : fmt(g.meanDedupeJaccard, 3)])]));
    const o = r.overall;
    out.push(`  overall: ${o.found}/${o.eligible} planted pairs with truth J >= ${r.threshold} found = ${pct(o.recall)}; ` +
      `with truth J >= ${round(r.threshold + 0.05, 2)}: ${o.clearFound}/${o.clearEligible} = ${pct(o.clearRecall)}; missed near the threshold: ${o.borderMissed}`);
    if (r.missed.length > 0) out.push(`  missed (first ${Math.min(3, r.missed.length)}): ${r.missed.slice(0, 3).map((m) => `${m.a} ~ ${m.b} (${m.kind}, truth J ${m.truthJaccard})`).join('; ')}`);
    if (r.truthVsDedupe.pairs > 0) out.push(`  truth vs dedupe Jaccard on found pairs: mean |diff| ${r.truthVsDedupe.meanAbsDiff}, max ${r.truthVsDedupe.maxAbsDiff}`);
  } else if (!res.corpus.planted) out.push('recall: no planted.json beside the corpus');
  if (res.precision) {
    const p = res.precision;
    out.push('');
    out.push(`precision: ${p.duplicates} duplicate pairs reported (${p.planted} planted, ${p.unplanted} found in the sources themselves); ` +
      `below threshold ${p.threshold}: ${p.violations}${p.violations ? ` e.g. ${JSON.stringify(p.violationExamples)}` : ''}`);
    if (p.truthChecked > 0) out.push(`  truth Jaccard rechecked on ${p.truthChecked} pairs: ${p.suspect} below ${round(p.threshold - 0.05, 2)}`);
  }
  if (res.overlap) {
    const kinds = Object.entries(res.overlap.pairsByKind).map(([k, n]) => `${n} ${k}`).join(', ') || 'no pairs';
    out.push(`${res.overlap.run}: ${kinds}${res.overlap.groups != null ? `, ${res.overlap.groups} groups` : ''}`);
  }
  const ra = res.ratios;
  if (ra.dedupeVsMinhashNpm != null || ra.dedupeVsNodeParse != null) {
    out.push('');
    if (ra.dedupeVsMinhashNpm != null) out.push(`dedupe / minhash npm: ${ra.dedupeVsMinhashNpm}× (MB/s; dedupe: ${ra.dedupeVsMinhashNpmBasis})`);
    if (ra.dedupeVsNodeParse != null) out.push(`dedupe end to end / node read+parse: ${ra.dedupeVsNodeParse} (share of the speed of light)`);
  }
  for (const n of res.notes) out.push(`note: ${n}`);
  out.push('');
  return `${out.join('\n')}\n`;
}

function alignTable(rows) {
  const widths = [];
  for (const r of rows) if (r.length > 2) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((r) =>
    r.length <= 2
      ? `${r[0].padEnd(widths[0] ?? 0)}  ${r[1] ?? ''}`.trimEnd()
      : r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd(),
  );
}

const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
const fmt = (x, d = 2) => (x == null ? '-' : x >= 100 && d === 2 ? x.toFixed(0) : x.toFixed(d));
const pct = (x) => (x == null ? '-' : `${(x * 100).toFixed(1)}%`);

process.exitCode = await main();
