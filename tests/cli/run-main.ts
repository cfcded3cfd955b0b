/**
 * Test helper: runs `main` in-process with captured streams. For checks that never reach the
 * inputs (option errors), where a process per case would only add start-up time; the same cases
 * are sampled through the real binary too (see run-cli.ts).
 */
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { ROOT } from './run-cli.js';

/** What an in-process run produced. */
export interface MainResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Calls main(['node', 'dedupe', ...args]) with stdout/stderr captured and an empty stdin.
 * @param args the arguments after the script
 * @param cwd the working directory it resolves inputs against (default: the repository root)
 */
export async function runMain(args: readonly string[], cwd = ROOT): Promise<MainResult> {
  const capture = (): { stream: PassThrough; text: () => string } => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (d: Buffer) => chunks.push(d));
    return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
  };
  const out = capture();
  const err = capture();
  const code = await main(['node', 'dedupe', ...args], {
    stdout: out.stream,
    stderr: err.stream,
    stdin: Readable.from([]),
    env: {},
    cwd,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}
