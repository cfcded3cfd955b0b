/** Shared helpers for pipeline tests: fixtures as SourceDocs, seeded edits. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { SourceDoc } from '../../src/types.js';
import { mulberry32 } from '../../src/text/hash.js';

export const root = path.resolve(import.meta.dirname, '../..');

/** A text document as the CLI would make it. */
export const doc = (id: string, text: string): SourceDoc => ({ id, path: id, format: 'text', text, bytes: Buffer.byteLength(text) });

/** All files of a fixture folder, as documents with ids relative to the repo root. */
export function fixtureDocs(dir: string): SourceDoc[] {
  const abs = path.join(root, dir);
  return readdirSync(abs)
    .sort()
    .map((f) => doc(`${dir}/${f}`, readFileSync(path.join(abs, f), 'utf8')));
}

export const seeds = (): SourceDoc[] => fixtureDocs('fixtures/seeds');
export const text = (file: string): string => readFileSync(path.join(root, file), 'utf8');

/**
 * Replaces a share of the words (runs of non-space) with new words, at seeded random places.
 * @param rate share of words to replace, in [0, 1]
 */
export function editWords(source: string, rate: number, seed: number): string {
  const rand = mulberry32(seed);
  const parts = source.split(/(\s+)/);
  const wordIdx = parts.map((p, i) => (/\S/.test(p) ? i : -1)).filter((i) => i >= 0);
  const n = Math.round(wordIdx.length * rate);
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(wordIdx[rand() % wordIdx.length]!);
  for (const i of chosen) parts[i] = `edit${rand() % 1e6}`;
  return parts.join('');
}

/** Pseudo-articles: seeded random sentences over a vocabulary (for corpora of many different texts). */
export function randomArticle(seed: number, words: number, vocabulary: readonly string[]): string {
  const rand = mulberry32(seed);
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    let w = vocabulary[rand() % vocabulary.length]!;
    if (i % 14 === 0) w = w.charAt(0).toUpperCase() + w.slice(1);
    out.push(i % 14 === 13 ? `${w}.` : w);
  }
  return out.join(' ');
}

/** A vocabulary of made-up words (no two articles share long runs by chance). */
export function vocabulary(size: number, seed = 1): string[] {
  const rand = mulberry32(seed);
  const syl = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'shi', 'vo', 'pe', 'da', 'zu', 'ri', 'an', 'el', 'or'];
  const out = new Set<string>();
  while (out.size < size) {
    const n = 1 + (rand() % 3);
    let w = '';
    for (let i = 0; i < n; i++) w += syl[rand() % syl.length];
    out.add(w);
  }
  return [...out];
}
