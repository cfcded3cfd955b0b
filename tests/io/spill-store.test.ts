import { describe, expect, it, vi } from 'vitest';
import fs, { existsSync } from 'node:fs';
import { SpilledTextReader, SpillTextStore } from '../../src/io/spill-store.js';
import { findDuplicates } from '../../src/dedupe.js';
import { seeds } from '../pipeline/helpers.js';

describe('SpillTextStore', () => {
  it('gives back every text, in memory or spilled, including non-ASCII', () => {
    const store = new SpillTextStore(10);
    const texts = ['short', 'a longer text past the budget', 'Çavuşoğlu 上海 𝒜', '', 'x'];
    texts.forEach((t, i) => store.put(i, t));
    texts.forEach((t, i) => expect(store.get(i)).toBe(t));
    store.close();
    store.close();
  });

  it('keeps lone surrogates (JSONL escapes can make them) exactly, spilled as UTF-16', () => {
    const store = new SpillTextStore(0);
    const texts = ['lone high \ud800 here', 'lone low \udc00', 'a pair 𝒜 is fine', 'ends high \udbff'];
    texts.forEach((t, i) => store.put(i, t));
    texts.forEach((t, i) => expect(store.get(i)).toBe(t));
    store.close();
  });

  it('spillAll moves the texts in memory to the file, where another reader finds every one', () => {
    const store = new SpillTextStore(12);
    // 0 and 2 fit the budget (memory), 1 and 3 spill; 4 is never stored; 5 is empty.
    const texts = ['short', 'a longer text past the budget', 'Çavuşoğlu', 'lone \ud800 surrogate', undefined, ''];
    texts.forEach((t, i) => t !== undefined && store.put(i, t));
    const where = store.spillAll(texts.length);
    expect(where.starts).toHaveLength(texts.length);
    expect(Number.isNaN(where.starts[4])).toBe(true);
    const reader = new SpilledTextReader(where);
    texts.forEach((t, i) => {
      expect(reader.get(i)).toBe(t ?? '');
      expect(store.get(i)).toBe(t ?? '');
    });
    // The same document twice (the cached one), then another.
    expect(reader.get(3)).toBe(texts[3]);
    expect(reader.get(3)).toBe(texts[3]);
    expect(reader.get(0)).toBe(texts[0]);
    reader.close();
    // Nothing left in memory: spilled texts are read back from the file.
    expect((store as unknown as { memory: (string | undefined)[] }).memory.every((m) => m === undefined)).toBe(true);
    store.close();
  });

  it('spillAll on an empty store gives a file that can be opened', () => {
    const store = new SpillTextStore();
    const where = store.spillAll(2);
    const reader = new SpilledTextReader(where);
    expect(reader.get(0)).toBe('');
    reader.close();
    store.close();
  });

  it('gives back texts written in pieces: many small ones, and ones larger than a write buffer', () => {
    const store = new SpillTextStore(0);
    const texts = Array.from({ length: 3000 }, (_, i) => `text ${i} ${'Çavuşoğlu '.repeat(i % 50)}`);
    texts.splice(1500, 0, 'å'.repeat(1_500_000), 'b'.repeat(3_000_000));
    // Read back while writing too: a text still waiting in the buffer is found as well.
    texts.forEach((t, i) => {
      store.put(i, t);
      if (i % 700 === 0) expect(store.get(i)).toBe(t);
    });
    texts.forEach((t, i) => expect(store.get(i)).toBe(t));
    const reader = new SpilledTextReader(store.spillAll(texts.length));
    texts.forEach((t, i) => expect(reader.get(i)).toBe(t));
    reader.close();
    store.close();
  });

  it('keeps texts in memory, and says so once, when no temporary file can be made', () => {
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = '/nonexistent/dedupe-test';
    try {
      const problems: string[] = [];
      const store = new SpillTextStore(0, (where, code) => problems.push(`${where} ${code}`));
      const texts = ['one', 'two Çavuşoğlu', 'three \ud800'];
      texts.forEach((t, i) => store.put(i, t));
      expect(problems).toEqual(['/nonexistent/dedupe-test ENOENT']);
      texts.forEach((t, i) => expect(store.get(i)).toBe(t));
      // Other threads cannot read them: the report is then rendered in the main thread.
      expect(store.spillAll(texts.length)).toBeUndefined();
      expect(problems).toHaveLength(1);
      store.close();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it('keeps every text when a write fails (a full disk): those written are read back, the rest from memory', () => {
    const problems: string[] = [];
    const store = new SpillTextStore(0, (_where, code) => problems.push(code));
    const texts = Array.from({ length: 400 }, (_, i) => `text ${i} ${'Çavuşoğlu '.repeat(500 + (i % 7))}`);
    const real = fs.writeSync.bind(fs);
    let writes = 0;
    const spy = vi.spyOn(fs, 'writeSync').mockImplementation(((...args: Parameters<typeof fs.writeSync>) => {
      // The first piece is written; then the disk is full.
      if (writes++ > 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      return (real as (...a: unknown[]) => number)(...args);
    }) as typeof fs.writeSync);
    try {
      texts.forEach((t, i) => store.put(i, t));
      store.get(0); // reading flushes what is pending
    } finally {
      spy.mockRestore();
    }
    expect(writes).toBeGreaterThan(1);
    expect(problems).toEqual(['ENOSPC']);
    texts.forEach((t, i) => expect(store.get(i)).toBe(t));
    expect(store.spillAll(texts.length)).toBeUndefined();
    texts.forEach((t, i) => expect(store.get(i)).toBe(t));
    store.close();
  });

  it('removes its temporary file on close', () => {
    const store = new SpillTextStore(0);
    store.put(0, 'spilled');
    const file = (store as unknown as { file: string }).file;
    expect(existsSync(file)).toBe(true);
    store.close();
    expect(existsSync(file)).toBe(false);
  });

  it('gives the pipeline the same result as keeping texts in memory', () => {
    const store = new SpillTextStore(3000); // the seeds are ~22 KB: most spill
    const spilled = findDuplicates(seeds(), {}, { textStore: store });
    const memory = findDuplicates(seeds());
    // Passages are quoted from the texts when they are read: before the store is closed.
    expect(JSON.stringify(spilled.pairs)).toBe(JSON.stringify(memory.pairs));
    expect(spilled.pairs.some((p) => (p.passages ?? []).length > 0)).toBe(true);
    store.close();
    // After: a clear error, never an empty quotation.
    expect(() => spilled.pairs.map((p) => p.passages)).toThrow(/read after its store was closed/);
  });
});
