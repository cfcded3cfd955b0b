import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as lib from '../src/index.js';

describe('the library entry point', () => {
  it('runs the pipeline without the CLI', () => {
    const docs = ['a', 'b'].map((id) => ({ id, path: id, format: 'text' as const, text: 'the same short text about one letter sent to the leader', bytes: 55 }));
    const r = lib.findDuplicates(docs);
    expect(r.clusters.map((c) => c.members)).toEqual([[0, 1]]);
    const out: string[] = [];
    lib.writeJson(r, (s) => out.push(s), { timings: false });
    expect(JSON.parse(out.join('')).version).toBe(lib.SCHEMA_VERSION);
  });

  it('is what package.json exports, with type declarations', () => {
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8'));
    expect(pkg.exports['.'].import).toBe('./dist/index.js');
    expect(pkg.exports['.'].types).toBe('./dist/index.d.ts');
    expect(existsSync(path.join(import.meta.dirname, '..', 'dist', 'index.d.ts'))).toBe(true);
    expect(readFileSync(path.join(import.meta.dirname, '..', 'dist', 'index.d.ts'), 'utf8')).toContain('findDuplicates');
  });
});
