/**
 * `dedupe` end to end: parse and validate flags (before any file is read), read the inputs,
 * run the pipeline, write the report, and return the exit status:
 * 0 success; 1 duplicates found with --exit-code; 2 usage error, or an input that could not be read.
 */
import { promises as fs } from 'node:fs';
import { CommanderError } from 'commander';
import { Deduper, type DedupeResult } from '../dedupe.js';
import { resolveOptions, type DedupeOptions } from '../options.js';
import { DedupeError, isDedupeError } from '../errors.js';
import { readInputs } from '../io/read-inputs.js';
import { describeFsError } from '../io/warnings.js';
import { buildProgram, type CliFlags, type Format } from './program.js';
import { makeLogger, type Logger } from './logger.js';
import { pendingTemps, writeFileAtomic, writeStdout } from './output.js';
import { writeJsonlWith, writeJsonWith, writePairsHere } from '../report/json.js';
import { renderPairsOnThreads } from '../parallel/render-pool.js';
import { packable } from '../parallel/render-protocol.js';
import { writeText } from '../report/text.js';
import { writeRedundant } from '../report/redundant.js';
import { writeHtml } from '../report/html.js';
import { COLOR, PLAIN, shouldColor } from '../report/style.js';
import { candidateProbability, meanCandidateProbability } from '../index/bands.js';
import { decodeText } from '../io/decode.js';
import { knownInputBytes, makeProgress, makeStageProgress } from './progress.js';
import { FingerprintPool } from '../parallel/pool.js';
import { SpillTextStore } from '../io/spill-store.js';
import { makeInputTracker, type InputTracker } from './input-summary.js';
import { installInterruptHandlers, interruptedStatus, interruption } from './signals.js';

/** The process around main (injectable for tests). */
export interface CliEnv {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
}

const defaultEnv = (): CliEnv => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});

/** What the flags ask of the output. */
interface OutputPlan {
  readonly format: Format | 'redundant';
  readonly file: string | undefined;
}

/**
 * Runs dedupe.
 * @param argv full process.argv (node, script, ...args)
 * @returns the exit status
 */
export async function main(argv: readonly string[], env: CliEnv = defaultEnv()): Promise<number> {
  // A reader that goes away (`| head -1`, a closed terminal) makes writes fail with EPIPE. Without
  // a listener that 'error' event would kill the process, and on stderr it would cost the report:
  // messages to a closed stderr are dropped, a closed stdout ends the report quietly (writeStdout).
  env.stdout.on('error', ignoreStreamError);
  env.stderr.on('error', ignoreStreamError);
  try {
    return await runMain(argv, env);
  } finally {
    env.stdout.off('error', ignoreStreamError);
    env.stderr.off('error', ignoreStreamError);
  }
}

function ignoreStreamError(): void {
  // Deliberately empty: see main.
}

async function runMain(argv: readonly string[], env: CliEnv): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({
    writeOut: (s) => env.stdout.write(s),
    writeErr: (s) => env.stderr.write(s),
    // Commander's own errors (unknown option, bad value) read like ours: one line, `dedupe: error: …`.
    outputError: (s, write) => write(commanderErrorLine(s)),
  });
  let flags: CliFlags;
  let paths: string[];
  try {
    await program.parseAsync([...argv]);
    flags = program.opts<CliFlags>();
    paths = program.args;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
    }
    throw e;
  }

  const log = makeLogger(env.stderr, { quiet: flags.quiet === true, verbose: flags.verbose === true });
  const started = performance.now();
  const uninstall = installInterruptHandlers(pendingTemps, env.stderr);
  try {
    const plan = planOutput(flags);
    const options = resolveOptions({
      threshold: flags.threshold,
      shingleSize: flags.shingleSize,
      unit: flags.unit,
      numPerm: flags.numPerm,
      seed: flags.seed,
      bands: flags.bands,
      rows: flags.rows,
      sketch: flags.sketch,
      keep: flags.keep,
      stem: flags.stem,
      stopwords: flags.stopwords,
      lang: flags.lang,
      overlap: flags.overlap,
      minPassage: flags.minPassage,
      maxGap: flags.maxGap,
      containment: flags.containment,
      maxDf: flags.maxDf,
    });
    if (paths.length === 0) {
      if (env.stdin.isTTY) throw new DedupeError('E_USAGE', 'no inputs: name files or directories, or - for stdin (see --help)');
      paths = ['-'];
    }
    if (flags.explain) explain(options, log);
    const boilerplateTexts = await readBoilerplate(flags.boilerplate ?? []);

    const inputs = makeInputTracker(log, flags.verbose === true);
    const result = await run(paths, flags, options, boilerplateTexts, env, log, inputs);
    const failed = result.failed;
    const skipped = inputs.summary();
    if (skipped !== undefined) log.info(skipped);
    const seconds = (performance.now() - started) / 1000;
    await emit(result.result, plan, flags, env, seconds, result.texts, log);
    if (flags.verbose) {
      const s = result.result.stats;
      if (s.maxDf !== null) {
        log.verbose(`overlap: ${s.overlapCandidates} candidate pairs; fingerprints in more than ${s.maxDf} documents were boilerplate${flags.maxDf === undefined ? ' (automatic cut-off)' : ''}`);
      }
      log.verbose(`timings (s): ${JSON.stringify(s.timings)}; total ${seconds.toFixed(3)}`);
    }
    if (failed > 0) {
      log.error(`${failed} input${failed === 1 ? '' : 's'} could not be read (see the warnings above)`);
      return 2;
    }
    return flags.exitCode && result.result.clusters.length > 0 ? 1 : 0;
  } catch (e) {
    // Interrupted while writing the report: the signal handler has said so and is exiting.
    if (interruption.signal !== undefined) return interruptedStatus(interruption.signal);
    if (isDedupeError(e)) {
      log.error(e.message);
      return e.exitCode;
    }
    log.error(`internal error: ${e instanceof Error ? (flags.verbose ? e.stack : e.message) : String(e)}`);
    return 2;
  } finally {
    for (const tmp of pendingTemps) await fs.rm(tmp, { force: true }).catch(() => undefined);
    uninstall();
  }
}

/**
 * Commander's error text (`error: option '…' argument '2' is invalid. expected …\n`) as one
 * `dedupe: error: …` line pointing at --help.
 */
export function commanderErrorLine(text: string): string {
  const message = text.trim().replace(/^error:\s*/, '').replace(/\s*\n\s*/g, ' ');
  return `dedupe: error: ${message} (see dedupe --help)\n`;
}

/** Checks flag combinations and decides the output format. */
function planOutput(flags: CliFlags): OutputPlan {
  const problems: string[] = [];
  if (flags.json && flags.format && flags.format !== 'json') problems.push(`--json conflicts with --format ${flags.format}`);
  if (flags.redundant && (flags.json || flags.format)) problems.push('--redundant prints a list of paths; it cannot be combined with --json or --format');
  if (flags.null && !flags.redundant) problems.push('-0/--null goes with --redundant');
  if (flags.includeContained && !flags.redundant) problems.push('--include-contained goes with --redundant');
  if (flags.includeContained && !flags.overlap) problems.push('--include-contained needs overlap detection (drop --no-overlap)');
  if (problems.length > 0) throw new DedupeError('E_USAGE', problems.join('; '));
  const format: OutputPlan['format'] = flags.redundant ? 'redundant' : flags.json ? 'json' : (flags.format ?? 'text');
  return { format, file: flags.output };
}

/** Prints the LSH parameters and the S-curve around the threshold. */
function explain(o: DedupeOptions, log: Logger): void {
  const p = (s: number): string => candidateProbability(s, o.bands, o.rows).toFixed(4);
  log.note(
    `LSH: ${o.numPerm} permutations (${o.sketch}) in ${o.bands} bands × ${o.rows} rows; ` +
      `a pair at the threshold ${o.threshold} becomes a candidate with probability ${p(o.threshold)}`,
  );
  const points = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].filter((s) => Math.abs(s - o.threshold) > 1e-9);
  log.note(`P(candidate | Jaccard): ${points.map((s) => `${s}: ${p(s)}`).join(', ')}`);
  const mean = meanCandidateProbability(o.threshold, 1, o.bands, o.rows);
  log.note(`of pairs with Jaccard spread evenly over [${o.threshold}, 1], ${(mean * 100).toFixed(2)}% become candidates`);
  log.note(`every candidate is then verified by exact Jaccard over the shingle sets; only pairs >= ${o.threshold} are reported`);
}

/** Reads the --boilerplate files (a problem here is a usage error: nothing has been read yet). */
async function readBoilerplate(files: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of files) {
    try {
      out.push(decodeText(await fs.readFile(f)).text);
    } catch (cause) {
      throw new DedupeError('E_USAGE', `--boilerplate ${f}: cannot read (${describeFsError(cause)})`, { path: f, cause });
    }
  }
  return out;
}

/** Reads the inputs into the pipeline; returns the result and how many inputs failed. */
async function run(
  paths: string[],
  flags: CliFlags,
  options: DedupeOptions,
  boilerplateTexts: string[],
  env: CliEnv,
  log: Logger,
  inputs: InputTracker,
): Promise<{ result: DedupeResult; failed: number; texts: SpillTextStore }> {
  // Texts past a few megabytes go to a temporary file; if it cannot be made or written, they stay
  // in memory (the run goes on).
  const textStore = new SpillTextStore(undefined, (where, code) => log.warn(`${where}: cannot write texts to a temporary file (${code}); keeping them in memory`));
  const deduper = new Deduper(options, { boilerplateTexts, textStore });
  const showProgress = flags.progress === true || env.stderr.isTTY === true;
  const progress = makeProgress(env.stderr, showProgress, showProgress ? knownInputBytes(paths, env.cwd) : undefined);
  // Worker threads pay off past a few megabytes; below that (a folder of articles) starting
  // them would cost more than the whole run. The result is the same bytes either way.
  const parallelFrom = parallelThreshold(env);
  let pool: FingerprintPool | undefined;
  let bytes = 0;
  try {
  for await (const doc of readInputs(
    paths,
    {
      include: flags.include ?? [],
      exclude: flags.exclude ?? [],
      textField: flags.textField,
      idField: flags.idField,
      stdinFormat: flags.stdinFormat,
      maxDocBytes: flags.maxDocBytes,
      strict: flags.strict === true,
      cwd: env.cwd,
    },
    inputs.onWarning,
    env.stdin,
    inputs.stats,
  )) {
    let i: number;
    if (!pool && flags.jobs > 1 && bytes >= parallelFrom) pool = startPool(flags.jobs, deduper, options);
    if (pool) {
      i = deduper.reserve(doc);
      await pool.submit(i, doc.text);
    } else {
      i = deduper.add(doc);
    }
    bytes += doc.bytes;
    progress.update(i + 1, bytes);
  }
  if (pool) await pool.close();
  } finally {
    if (pool) await pool.close().catch(() => undefined);
  }
  progress.done();
  const stage = makeStageProgress(env.stderr, showProgress, 'aligning', 'documents');
  const result = await deduper.finishAsync(pool ? flags.jobs : 1, (done, total) => stage.update(done, total));
  stage.done();
  if (pool) result.stats.timings.fingerprint = (result.stats.timings.fingerprint ?? 0) + pool.seconds;
  if (flags.jobs > 1) {
    log.verbose(pool ? `worker threads: ${flags.jobs}` : `worker threads: none (input under ${parallelFrom} bytes: starting them would cost more than they save)`);
  }
  // Reported after the run, in input order, whatever order the workers finished in.
  // 20 of them at most, unless --verbose: a dataset of many empty records does not flood stderr.
  let wordless = 0;
  for (const d of result.documents) {
    if (d.tokens !== 0) continue;
    if (wordless++ < 20 || flags.verbose) log.warn(`${d.id}: ${d.chars === 0 ? 'empty' : 'no words in'} document; not compared`);
  }
  if (wordless > 20 && !flags.verbose) log.info(`${wordless - 20} more documents without words not shown (--verbose shows them; the report lists all with tokens: 0)`);
  return { result, failed: inputs.failed, texts: textStore };
}

/** Input bytes from which --jobs > 1 uses worker threads: 4 MiB (DEDUPE_PARALLEL_FROM_BYTES overrides it, e.g. 0 in tests). */
function parallelThreshold(env: CliEnv): number {
  const raw = env.env.DEDUPE_PARALLEL_FROM_BYTES;
  const v = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(v) && v >= 0 ? v : 4 * 1024 * 1024;
}

/** Starts the worker pool that fingerprints on the Deduper's behalf. */
function startPool(jobs: number, deduper: Deduper, o: DedupeOptions): FingerprintPool {
  const { filter: _filter, ...params } = deduper.fingerprintParams;
  return new FingerprintPool(jobs, { params, filter: { lang: o.lang, stem: o.stem, stopwords: o.stopwords } }, (index, fp) =>
    deduper.complete(index, fp),
  );
}

/** Renders the report and writes it to stdout or the output file. */
async function emit(r: DedupeResult, plan: OutputPlan, flags: CliFlags, env: CliEnv, seconds: number, texts: SpillTextStore, log: Logger): Promise<void> {
  const jsonOpts = flags.timings ? { timings: true, seconds } : { timings: false };
  // Many pairs in JSON: rendered on worker threads (same bytes; see render-pool.ts).
  // The threads read every text from the spill file (no file, e.g. no usable temporary
  // directory: rendered here).
  const spilled =
    (plan.format === 'json' || plan.format === 'jsonl') && flags.jobs > 1 && r.pairs.length >= parallelRenderFrom(env, flags.jobs) && packable(r.pairs)
      ? texts.spillAll(r.documents.length)
      : undefined;
  if (spilled) log.verbose(`report: ${r.pairs.length} pair records rendered on ${flags.jobs} threads`);
  const render = (write: (chunk: string) => void, bytes: (b: Uint8Array) => void): void | Promise<void> => {
    const pairs = spilled ? renderPairsOnThreads(flags.jobs, spilled, bytes) : writePairsHere;
    switch (plan.format) {
      case 'json':
        return writeJsonWith(r, write, jsonOpts, pairs);
      case 'jsonl':
        return writeJsonlWith(r, write, jsonOpts, pairs);
      case 'html':
        writeHtml(r, write);
        break;
      case 'redundant':
        writeRedundant(r, write, { nul: flags.null === true, includeContained: flags.includeContained === true });
        break;
      case 'text': {
        const toTTY = plan.file === undefined && env.stdout.isTTY === true;
        const color = plan.file === undefined && shouldColor(flags.color, env.env, toTTY);
        // Timing only when a person is watching: piped and file output stays byte-reproducible.
        writeText(r, write, { style: color ? COLOR : PLAIN, ...(toTTY ? { seconds } : {}) });
        break;
      }
    }
  };
  // Written in pieces: a report with millions of pairs is larger than any one JS string can be.
  if (plan.file !== undefined) {
    await writeFileAtomic(plan.file, render);
    return;
  }
  const chunks: (string | Uint8Array)[] = [];
  await render(
    (s) => chunks.push(s),
    (b) => chunks.push(b),
  );
  await writeStdout(chunks, env.stdout);
}

/**
 * Pairs from which --jobs > 1 renders JSON pair records on worker threads, or 1 when
 * DEDUPE_PARALLEL_FROM_BYTES=0 (tests: every path threaded). Starting the threads, spilling the
 * texts and a full collection cost ~0.25 s; measured on two cores, the threads broke even at
 * ~166k pairs (116 MB of JSON: 1.1 s either way) and saved ~1 s at 522k: from 200,000 pairs on
 * two threads, from 65,536 on more (each one takes a larger share).
 */
function parallelRenderFrom(env: CliEnv, jobs: number): number {
  if (parallelThreshold(env) === 0) return 1;
  return jobs <= 2 ? 200_000 : 65_536;
}
