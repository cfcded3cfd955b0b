/**
 * Output integrity: `-o FILE` is atomic (a failed or interrupted run leaves the old FILE or the
 * complete new one, and no temporary file); SIGINT/SIGTERM exit 130/143; a closed pipe
 * (`| head -1`) ends the run quietly; warnings never reach stdout.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { makeBadFixtures } from '../../scripts/make-bad-fixtures.mjs';
import { BIN, BIN_SH, ROOT, expectNoCrash, makeTmp, parseJson, removeTmp, runCli, runShell, warnings } from '../cli/run-cli.js';

let tmp: string;
/** A corpus of `PAIRS` near-duplicate pairs: a long report, a run of about a second. */
let corpus: string;
const PAIRS = 200;

beforeAll(async () => {
  tmp = await makeTmp('dedupe-output-');
  corpus = path.join(tmp, 'corpus');
  mkdirSync(corpus);
  let s = 7;
  const rand = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const vocab = Array.from({ length: 5000 }, (_, i) => `${i.toString(36)}${Math.floor(rand() * 1e6).toString(36)}`);
  for (let i = 0; i < PAIRS; i++) {
    const words = Array.from({ length: 300 }, () => vocab[Math.floor(rand() * vocab.length)]);
    const name = `doc${String(i).padStart(4, '0')}`;
    writeFileSync(path.join(corpus, `${name}-a.txt`), words.join(' '));
    words[150] = 'changed';
    writeFileSync(path.join(corpus, `${name}-b.txt`), words.join(' '));
  }
  await (makeBadFixtures as (dir: string) => Promise<string[]>)(path.join(tmp, 'bad'));
});
afterAll(() => removeTmp(tmp));

/** Files in `dir` whose names look like our temporary files. */
async function strayTemps(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.endsWith('.tmp'));
}

describe('-o FILE is atomic', () => {
  it('a run that fails on a bad option leaves an existing FILE untouched', async () => {
    const out = path.join(tmp, 'keep.json');
    await writeFile(out, 'old contents\n');
    const before = await stat(out);
    const r = await runCli(['fixtures/seeds', '--json', '-o', out, '--threshold', '7']);
    expect(r.code).toBe(2);
    expect(await readFile(out, 'utf8')).toBe('old contents\n');
    expect((await stat(out)).mtimeMs).toBe(before.mtimeMs);
    expect(await strayTemps(tmp)).toEqual([]);
  });

  it('a --strict JSONL failure leaves FILE untouched too', async () => {
    const out = path.join(tmp, 'strict.json');
    await writeFile(out, 'old\n');
    const r = await runCli([path.join(tmp, 'bad/jsonl/malformed.jsonl'), '--strict', '--json', '-o', out]);
    expect(r.code).toBe(2);
    expect(await readFile(out, 'utf8')).toBe('old\n');
  });

  it('writes the report to FILE and nothing to stdout; an unwritable FILE is a one-line error, exit 2', async () => {
    const out = path.join(tmp, 'new.json');
    const r = await runCli(['fixtures/seeds', '--json', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(await readFile(out, 'utf8'))).toHaveProperty('version', 1);
    const bad = await runCli(['fixtures/seeds', '--json', '-o', path.join(tmp, 'no-such-dir', 'x.json')]);
    expectNoCrash(bad);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^dedupe: error: .*no-such-dir\/x\.json: cannot write the report \(ENOENT\)\n$/);
  });

  it('a report of several megabytes (written by the writer thread) has the bytes the same run prints on stdout', { timeout: 60_000 }, async () => {
    const big = path.join(tmp, 'big');
    mkdirSync(big);
    const words = Array.from({ length: 2000 }, (_, i) => `w${(i * 7919) % 100003}`);
    for (let i = 0; i < 120; i++) {
      const text = words.map((w, j) => `${w}x${(i * 31 + j) % 997}`).join(' ');
      writeFileSync(path.join(big, `d${String(i).padStart(3, '0')}-a.txt`), text);
      writeFileSync(path.join(big, `d${String(i).padStart(3, '0')}-b.txt`), `${text} one more word`);
    }
    const out = path.join(tmp, 'big.json');
    const toFile = await runCli([big, '--json', '-o', out]);
    expect(toFile.code).toBe(0);
    const bytes = await readFile(out);
    expect(bytes.length).toBeGreaterThan(2 << 20); // several 1 MiB chunks
    const toStdout = await runCli([big, '--json']);
    expect(toStdout.code).toBe(0);
    expect(bytes.equals(toStdout.stdoutBytes)).toBe(true);
    expect(parseJson(toStdout).pairs.length).toBe(120);
    expect(await strayTemps(tmp)).toEqual([]);
  });

  it('SIGTERM/SIGINT at any moment: exit 143/130, and FILE is the old one or the complete new one, never half', { timeout: 60_000 }, async () => {
    const out = path.join(tmp, 'interrupted.json');
    const complete = await runCli([corpus, '--json', '-o', out]);
    expect(complete.code).toBe(0);
    const full = await readFile(out, 'utf8');
    expect(full.length).toBeGreaterThan(300_000);
    const old = 'the previous report\n';
    let interrupted = 0;
    // Kill as soon as the run reports progress (it is reading), then later and later.
    const plans: [NodeJS.Signals, number][] = [['SIGTERM', 0], ['SIGINT', 0], ['SIGTERM', 100], ['SIGINT', 250], ['SIGTERM', 400], ['SIGTERM', 600]];
    for (const [signal, delay] of plans) {
      await writeFile(out, old);
      const r = await runCli([corpus, '--json', '-o', out, '--progress'], {
        onSpawn: (child) => child.stderr!.once('data', () => setTimeout(() => child.kill(signal), delay)),
      });
      const now = await readFile(out, 'utf8');
      expect(now === old || now === full, `${signal} after ${delay} ms: a partial report`).toBe(true);
      expect(await strayTemps(tmp)).toEqual([]);
      if (r.code === 0) {
        expect(now).toBe(full); // the run finished before the signal
      } else if (r.signal !== null) {
        // The signal came after main had returned and removed its handlers, while the process was
        // exiting: the default action killed it. The report was complete by then.
        expect(r.signal).toBe(signal);
        expect(now).toBe(full);
      } else {
        interrupted++;
        expect(r.code).toBe(signal === 'SIGINT' ? 130 : 143);
        expect(r.stderr).toContain(`dedupe: interrupted by ${signal}`);
        expect(r.stdout).toBe('');
      }
    }
    expect(interrupted).toBeGreaterThan(0);
  });

  it('the signal handler removes a temporary report being written and exits 128+n', { timeout: 20_000 }, async () => {
    // Deterministic: a report is being "written" (its temporary file registered) when the signal
    // arrives. A cooperative writer notices `interruption` and lets go of its file at once; a
    // stuck one is waited for (2 s at most), and its file removed anyway.
    const cases = [['SIGTERM', 143, true], ['SIGINT', 130, true], ['SIGHUP', 129, false]] as const;
    for (const [signal, status, cooperative] of cases) {
      const temp = path.join(tmp, `.pending-${signal}.tmp`);
      const script = `
        import { writeFileSync } from 'node:fs';
        import { pendingTemps } from ${JSON.stringify(path.join(ROOT, 'dist/cli/output.js'))};
        import { installInterruptHandlers, interruption } from ${JSON.stringify(path.join(ROOT, 'dist/cli/signals.js'))};
        installInterruptHandlers(pendingTemps, process.stderr);
        writeFileSync(${JSON.stringify(temp)}, 'half a rep');
        pendingTemps.add(${JSON.stringify(temp)});
        process.stdout.write('ready\\n');
        setInterval(() => {
          if (${cooperative} && interruption.signal !== undefined) pendingTemps.delete(${JSON.stringify(temp)});
        }, 10);
      `;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.once('data', () => child.kill(signal));
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      expect(code, stderr).toBe(status);
      expect(stderr).toBe(`dedupe: interrupted by ${signal}\n`);
      expect(await strayTemps(tmp)).toEqual([]);
    }
  });
});

describe('a closed pipe', () => {
  it('the reader going away after the first chunk: exit 0, nothing on stderr', async () => {
    for (const format of [['--json'], ['--format', 'jsonl'], ['--format', 'text']]) {
      const r = await runCli([corpus, ...format], { onSpawn: (child) => child.stdout!.once('data', () => child.stdout!.destroy()) });
      expect(r.signal).toBeNull();
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
    }
  });

  it('stderr closed early (its reader gone): the warnings are dropped, the report is complete, exit 0', async () => {
    const r = await runCli([path.join(tmp, 'bad'), corpus, '--json'], { onSpawn: (child) => child.stderr!.once('data', () => child.stderr!.destroy()) });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    expect(parseJson(r).documents.length).toBeGreaterThan(2 * PAIRS);
  });

  it('`dedupe … 2>&1 | head -1`: both streams closed, exits quietly', async () => {
    const r = await runShell(`bash -c '"$0" "$1" "$2" "$3" 2>&1 | head -1 >/dev/null; echo "\${PIPESTATUS[0]}" >&2' ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${JSON.stringify(path.join(tmp, 'bad'))} ${JSON.stringify(corpus)}`);
    expect(r.stderr).toBe('0\n');
  });

  it('`dedupe … | head -1` exits quietly', async () => {
    const r = await runShell(`${BIN_SH} ${JSON.stringify(corpus)} --format jsonl | head -1; echo "status $?" >&2`);
    expect(r.stdout).toMatch(/^\{"type":"params"/);
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('status 0\n');
    // bash knows the status of the first command of a pipeline too.
    const b = await runShell(`bash -c '"$0" "$1" "$2" --json | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}" >&2' ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${JSON.stringify(corpus)}`);
    expect(b.stderr).toBe('0\n');
  });

  it('`dedupe --help | head -2` and `--version | true` exit 0 without a stack trace', async () => {
    // Help is written without waiting, so its EPIPE arrives after main has returned.
    const help = await runShell(`bash -c '"$0" "$1" --help | head -2 >/dev/null; echo "\${PIPESTATUS[0]}" >&2' ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`);
    expect(help.stderr).toBe('0\n');
    const version = await runShell(`bash -c '"$0" "$1" --version | true; echo "\${PIPESTATUS[0]}" >&2' ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`);
    expect(version.stderr).toBe('0\n');
  });
});

describe('stdout carries results only', () => {
  it('with warnings galore, stdout is the report and every warning is on stderr', async () => {
    const bad = path.join(tmp, 'bad');
    const json = await runCli([bad, 'fixtures/seeds', 'missing.txt', '--json']);
    expect(json.code).toBe(2);
    expect(warnings(json.stderr).length).toBeGreaterThan(10);
    parseJson(json); // nothing but JSON
    expect(json.stdout).not.toMatch(/warning|dedupe: /);

    const text = await runCli([bad, 'fixtures/seeds', 'missing.txt']);
    expect(text.code).toBe(2);
    expect(text.stdout).not.toMatch(/warning|not compared|skipped/);
    expect(text.stdout).toMatch(/^dedupe: \d+ documents/); // the text report's own headline

    const red = await runCli([bad, 'fixtures/seeds', '--redundant']);
    expect(red.code).toBe(0);
    for (const line of red.stdout.trimEnd().split('\n')) expect(line).toMatch(/\.(txt|html|jsonl#.*)$/);
  });
});
