/**
 * Bad options: a one-line `dedupe: error: …` naming the valid range or the conflict, exit 2,
 * nothing on stdout, and before any file is read (a nonexistent path passed along draws no
 * "no such file" warning).
 *
 * The whole table runs in-process through `main` (a process per case would cost ~5 s of start-up);
 * a sample runs through the real binary, which shares every line of that code path.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { runMain } from '../cli/run-main.js';

const MISSING = 'this/path/does/not/exist.txt';

/** [arguments, what the error line must contain] */
const CASES: readonly [string[], RegExp][] = [
  [['--threshold', '0'], /--threshold <x>' argument '0' is invalid\. expected a number in \(0, 1\]/],
  [['--threshold', '1.5'], /expected a number in \(0, 1\]/],
  [['--threshold', '-0.1'], /expected a number in \(0, 1\]/],
  [['-t', 'abc'], /expected a number in \(0, 1\]/],
  [['-t', '0x1'], /expected a number in \(0, 1\]/],
  [['-t', 'NaN'], /expected a number in \(0, 1\]/],
  [['-t'], /--threshold <x>' argument missing/],
  [['--containment', '0'], /--containment <x>' argument '0' is invalid\. expected a number in \(0, 1\]/],
  [['--shingle-size', '2.5'], /expected a whole number from 1 to 64/],
  [['-k', '0'], /expected a whole number from 1 to 64/],
  [['--num-perm', '1e3'], /expected a whole number from 1 to 1024/],
  [['--jobs', '0'], /--jobs <n>' argument '0' is invalid\. expected a whole number from 1 to 256/],
  [['--seed', '-1'], /expected a whole number from 0 to 4294967295/],
  [['--min-passage', 'many'], /expected a whole number from 1 to 10000/],
  [['--max-doc-bytes', '12Q'], /expected a size such as 500000, 64M or 1G/],
  [['--max-doc-bytes', '0'], /expected a size of at least 1 byte/],
  [['--format', 'xml'], /Allowed choices are text, json, jsonl, html/],
  [['--unit', 'syllable'], /Allowed choices are word, char/],
  [['--keep', 'best'], /Allowed choices are first, longest, shortest/],
  [['--bogus'], /unknown option '--bogus'/],
  [['--bands', '64', '--rows', '4'], /--bands × --rows .* at most --num-perm 128/],
  [['-k', '20'], /--min-passage \(12\) must be at least --shingle-size \(20\)/],
  [['--redundant', '--json'], /--redundant prints a list of paths; it cannot be combined with --json or --format/],
  [['--redundant', '--format', 'jsonl'], /--redundant .* cannot be combined with --json or --format/],
  [['--json', '--format', 'text'], /--json conflicts with --format text/],
  [['-0'], /-0\/--null goes with --redundant/],
  [['--include-contained'], /--include-contained goes with --redundant/],
  [['--redundant', '--include-contained', '--no-overlap'], /--include-contained needs overlap detection/],
  [['--boilerplate', 'no/such/boilerplate.txt'], /--boilerplate no\/such\/boilerplate\.txt: cannot read \(no such file or directory\)/],
];

/** Asserts the one-line usage error. */
function expectUsageError(r: { code: number | null; stdout: string; stderr: string }, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^dedupe: error: /);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/no such file or directory(?!\))/); // the inputs were never looked at
}

describe('bad options', () => {
  it.each(CASES)('%j → one error line, exit 2, no input read', async (args, message) => {
    expectUsageError(await runMain([MISSING, 'fixtures/seeds', ...args]), message);
  });

  it.each([0, 17, 22, 25, 28])('the real binary agrees (case %i)', async (i) => {
    const [args, message] = CASES[i]!;
    expectUsageError(await runCli([MISSING, 'fixtures/seeds', ...args]), message);
  });

  it('the boundaries are accepted: --threshold 1, -k 1, --max-doc-bytes 1', async () => {
    const r = await runCli(['fixtures/seeds', '--threshold', '1', '-k', '1', '--min-passage', '1', '--max-doc-bytes', '1', '--json']);
    expect(r.code, r.stderr).toBe(0);
  });
});
