/**
 * Test helper: runs the real binary (`node bin/dedupe.js`, which loads dist/) and captures
 * stdout, stderr and the exit status separately. `npm test` builds dist/ first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The executable the tests run. */
export const BIN = path.join(ROOT, 'bin/dedupe.js');

if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
  throw new Error('dist/ is missing: run `npm test` (tsc, then vitest) or `npm run build` first');
}

/** What a run produced. */
export interface CliResult {
  /** Exit status, or null when killed by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stdoutBytes: Buffer;
  readonly stderr: string;
}

/** How to run it. */
export interface RunOptions {
  /** Working directory (default: the repository root). */
  readonly cwd?: string;
  /** Bytes for stdin (default: stdin is /dev/null). */
  readonly input?: string | Buffer;
  /** Extra environment variables. */
  readonly env?: Record<string, string>;
  /** Called once the child has started (to kill it, write to it, …). */
  readonly onSpawn?: (child: ChildProcess) => void;
}

/**
 * A clean environment: no colour forcing, no inherited NODE_OPTIONS. Worker threads are used
 * whatever the input size (DEDUPE_PARALLEL_FROM_BYTES=0), so the small test corpora exercise
 * them; pass `DEDUPE_PARALLEL_FROM_BYTES: ''` for the default threshold.
 */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DEDUPE_PARALLEL_FROM_BYTES: '0', ...extra };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.NODE_OPTIONS;
  return env;
}

/**
 * Runs `node bin/dedupe.js ...args`.
 * @param args the arguments after the script
 * @param opts cwd, stdin bytes, environment
 * @returns exit status, signal, stdout and stderr
 */
export function runCli(args: readonly string[], opts: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: childEnv(opts.env),
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, signal, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr: Buffer.concat(err).toString('utf8') });
    });
    if (opts.input !== undefined) {
      child.stdin!.on('error', () => undefined); // the child may exit before reading it all
      child.stdin!.end(opts.input);
    }
    opts.onSpawn?.(child);
  });
}

/** Runs a shell command line (for pipelines such as `dedupe … | xargs -0 ls`). */
export function runShell(command: string, cwd = ROOT): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, signal, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** The shell-quoted path of the binary, for runShell. */
export const BIN_SH = `'${process.execPath.replace(/'/g, "'\\''")}' '${BIN.replace(/'/g, "'\\''")}'`;

/**
 * Asserts the run did not crash: it exited (no signal) with 0, 1 or 2; stderr holds only
 * `dedupe: …` lines, and no stack trace.
 */
export function expectNoCrash(r: CliResult): void {
  expect(r.signal, r.stderr).toBeNull();
  expect([0, 1, 2], r.stderr).toContain(r.code);
  expect(r.stderr).not.toMatch(/^\s+at .+(:\d+:\d+\)?|native\)?)$/m);
  expect(r.stderr).not.toMatch(/internal error|Uncaught|TypeError|RangeError|ReferenceError|ERR_/);
  for (const line of r.stderr.split('\n')) {
    if (line !== '') expect(line).toMatch(/^dedupe: /);
  }
}

/** The `dedupe: warning: …` lines of stderr. */
export function warnings(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('dedupe: warning: '));
}

/** Parses stdout as the one JSON document of --json (fails the test if anything else is there). */
export function parseJson(r: CliResult): JsonReport {
  return JSON.parse(r.stdout) as JsonReport;
}

/** The parts of the --json report the tests read. */
export interface JsonReport {
  version: number;
  params: Record<string, unknown>;
  documents: { id: string; path: string; format: string; tokens: number; shingles: number; bytes: number; chars: number; line?: number }[];
  clusters: { id: number; kind: string; size: number; members: string[]; keep: string; derived: string[] }[];
  pairs: {
    a: string;
    b: string;
    kind: string;
    jaccard: number;
    containment: { a_in_b: number; b_in_a: number };
    passages?: { a: { start: number; end: number }; b: { start: number; end: number }; words: number; text: string }[];
  }[];
  groups: { id: number; members: string[] }[];
  stats: Record<string, unknown>;
}

/** A fresh temporary directory; remove it with removeTmp. */
export function makeTmp(prefix = 'dedupe-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/**
 * A fresh temporary directory in memory (/dev/shm) when there is one, else in os.tmpdir(): for
 * tests that make many thousands of files (100k files: ~0.5 s on tmpfs, 5–20 s on a busy disk).
 */
export function makeFastTmp(prefix = 'dedupe-test-'): Promise<string> {
  let base = os.tmpdir();
  try {
    accessSync('/dev/shm', constants.W_OK);
    base = '/dev/shm';
  } catch {
    // No tmpfs: the disk it is.
  }
  return mkdtemp(path.join(base, prefix));
}

/** Removes a temporary directory made by makeTmp. */
export async function removeTmp(dir: string | undefined): Promise<void> {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true, maxRetries: 2 });
}
