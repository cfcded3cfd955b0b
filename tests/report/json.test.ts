import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../../src/dedupe.js';
import { jsonReport, writeJson, writeJsonl, SCHEMA_VERSION } from '../../src/report/json.js';
import { seeds } from '../pipeline/helpers.js';

describe('JSON report', () => {
  const r = findDuplicates(seeds());

  it('streams in chunks that parse to exactly the report object', () => {
    const chunks: string[] = [];
    writeJson(r, (s) => chunks.push(s), { timings: false });
    expect(chunks.length).toBeGreaterThan(10); // never one giant string
    expect(JSON.parse(chunks.join(''))).toEqual(jsonReport(r, { timings: false }));
  });

  it('writes JSON Lines records that each parse, params first and summary last', () => {
    const chunks: string[] = [];
    writeJsonl(r, (s) => chunks.push(s), { timings: false });
    const lines = chunks.join('').trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; version?: number });
    expect(lines[0]!.type).toBe('params');
    expect(lines[0]!.version).toBe(SCHEMA_VERSION);
    expect(lines.at(-1)!.type).toBe('summary');
    expect(lines.filter((l) => l.type === 'document')).toHaveLength(5);
    expect(lines.filter((l) => l.type === 'pair')).toHaveLength(r.pairs.length);
  });

  it('adds timings only when asked (byte-reproducible otherwise)', () => {
    expect(jsonReport(r, { timings: false }).stats).not.toHaveProperty('timings');
    expect(jsonReport(r, { timings: true, seconds: 1 }).stats).toHaveProperty('timings');
  });
});
