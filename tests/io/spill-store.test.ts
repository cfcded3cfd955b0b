import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { SpillTextStore } from '../../src/io/spill-store.js';
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
