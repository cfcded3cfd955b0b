/** Test helpers for overlap: seeded random words and texts with known word offsets. */
import { mulberry32 } from '../../src/text/hash.js';

/** Seeded PRNG returning floats in [0, 1). */
export function rng(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

/** `size` distinct random lower-case ASCII words of 3–9 letters, all starting with `prefix` (keeps vocabularies disjoint). */
export function vocabulary(rand: () => number, size: number, prefix: string): string[] {
  const seen = new Set<string>();
  while (seen.size < size) {
    let w = prefix;
    const len = 3 + Math.floor(rand() * 7);
    for (let i = 0; i < len; i++) w += String.fromCharCode(97 + Math.floor(rand() * 26));
    seen.add(w);
  }
  return [...seen];
}

/** n words drawn from vocab. */
export function draw(rand: () => number, vocab: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(vocab[Math.floor(rand() * vocab.length)]!);
  return out;
}

/** A text built from words, with varied separators and capitalization; offsets of each word (UTF-16, half-open). */
export interface Built {
  readonly text: string;
  readonly starts: number[];
  readonly ends: number[];
}

const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '\n', ' — ', '; ', '\n\n', ' "'];

/** Joins words into a text; `rand` picks separators and capitalizes some words (tokens normalize back to the words). */
export function build(rand: () => number, words: readonly string[]): Built {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < words.length; i++) {
    if (i > 0) text += SEPARATORS[Math.floor(rand() * SEPARATORS.length)]!;
    let w = words[i]!;
    if (rand() < 0.15) w = w[0]!.toUpperCase() + w.slice(1);
    starts.push(text.length);
    text += w;
    ends.push(text.length);
  }
  return { text: text + '.', starts, ends };
}

/** Inserts `run` into `words` at `at`. */
export function plant(words: readonly string[], run: readonly string[], at: number): string[] {
  return [...words.slice(0, at), ...run, ...words.slice(at)];
}
