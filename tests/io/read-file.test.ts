import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readDocumentFile, readMode } from '../../src/io/read-file.js';
import type { DiscoveredFile } from '../../src/io/discover.js';
import { makeTree, removeTree } from './tmp-dir.js';

describe('reading files synchronously while it is fast', () => {
  let root = '';
  const names = Array.from({ length: 40 }, (_, i) => `f${String(i).padStart(2, '0')}.txt`);
  const texts = names.map((n, i) => `Document ${n} says ${'word '.repeat(i + 1)}and ends.`);
  beforeAll(async () => {
    root = await makeTree({ ...Object.fromEntries(names.map((n, i) => [n, texts[i]!])), 'page.html': '<p>An <b>HTML</b> page.</p>' });
  });
  afterAll(async () => removeTree(root));

  const file = (name: string, format: 'text' | 'html' = 'text'): DiscoveredFile & { format: 'text' | 'html' } => ({
    kind: 'file',
    abs: path.join(root, name),
    path: name,
    format,
    size: 0,
    regular: true,
    named: false,
  });

  it('gives what the asynchronous read gives, and stays synchronous when reads are fast', async () => {
    const mode = readMode();
    for (const [i, n] of names.entries()) {
      const sync = await readDocumentFile(file(n), 1 << 20, mode);
      const async_ = await readDocumentFile(file(n), 1 << 20);
      expect(sync).toEqual(async_);
      expect(sync.doc!.text).toBe(texts[i]);
    }
    expect((await readDocumentFile(file('page.html', 'html'), 1 << 20, mode)).doc!.text).toBe('An HTML page.');
    expect(mode.reads).toBe(names.length + 1);
    expect(mode.sync).toBe(true);
  });

  it('switches to asynchronous reads once reads are slow on average, not at the first one', async () => {
    // Every read counts as slow: the switch comes after the reads it judges, and later reads
    // are asynchronous (the mode counts no more of them) with the same results.
    const mode = readMode(-1);
    const outcomes = [];
    for (const n of names) outcomes.push(await readDocumentFile(file(n), 1 << 20, mode));
    expect(mode.sync).toBe(false);
    expect(mode.reads).toBe(16);
    expect(outcomes.map((o) => o.doc!.text)).toEqual(texts);
    // An unreadable file is a warning either way.
    const gone = await readDocumentFile(file('missing.txt'), 1 << 20, readMode());
    expect(gone.doc).toBeUndefined();
    expect(gone.warnings[0]!.reason).toBe('unreadable');
  });
});
