import { describe, expect, it } from 'vitest';
import { createPathFilter } from '../../src/io/path-filter.js';

describe('createPathFilter', () => {
  it('accepts everything without globs', () => {
    const f = createPathFilter([], []);
    expect(f.acceptsFile('a/b.txt')).toBe(true);
    expect(f.excludes('a')).toBe(false);
  });

  it('matches globs without a slash against the name at any depth', () => {
    const f = createPathFilter(['*.md'], ['draft*']);
    expect(f.acceptsFile('x.md')).toBe(true);
    expect(f.acceptsFile('deep/er/x.md')).toBe(true);
    expect(f.acceptsFile('deep/x.txt')).toBe(false);
    expect(f.acceptsFile('deep/draft-1.md')).toBe(false);
    expect(f.excludes('a/drafts')).toBe(true);
  });

  it('matches globs with a slash against the whole relative path', () => {
    const f = createPathFilter(['notes/**/*.txt', './top/*.txt'], ['notes/old/**']);
    expect(f.acceptsFile('notes/a.txt')).toBe(true);
    expect(f.acceptsFile('notes/x/y/a.txt')).toBe(true);
    expect(f.acceptsFile('other/notes/a.txt')).toBe(false);
    expect(f.acceptsFile('top/a.txt')).toBe(true);
    expect(f.acceptsFile('notes/old/a.txt')).toBe(false);
    expect(f.excludes('notes/old')).toBe(true);
    expect(f.excludes('notes')).toBe(false);
  });
});
