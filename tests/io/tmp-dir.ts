/** Test helper: a fresh temporary directory with files written from a spec. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Create a temp dir; `files` maps relative paths to contents (parent dirs are created in the order given). */
export async function makeTree(files: Record<string, string | Buffer> = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dedupe-io-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  return root;
}

/** Remove a tree made by makeTree. */
export async function removeTree(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}
