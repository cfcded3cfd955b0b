/**
 * The tokenizer: one pass of a char-code scanner over the original text that finds words
 * (see char-class.ts), normalizes them (see normalize.ts) and hashes them as it goes,
 * keeping each token's UTF-16 range `[start, end)` in the original text.
 *
 * ASCII words are lower-cased and hashed inline (the hot path: no strings are made);
 * words with any other code unit take the slow path through `normalizeToken`. Both paths
 * give `hashToken(normalizedForm)`, so a word hashes the same whichever path it took.
 */
import type { Tokens } from '../types.js';
import { CHAR_CLASS, HIGH, JOIN, SOLO, WORD, classifyAstral } from './char-class.js';
import { FNV_OFFSET, FNV_PRIME, fmix32, hashToken } from './hash.js';
import { normalizeToken } from './normalize.js';

/** Optional token filters, resolved at the edge (see languages.ts). */
export interface TokenFilter {
  /** Normalized words to drop (stop words). */
  readonly stopwords?: ReadonlySet<string>;
  /** Maps a normalized word to its stem. */
  readonly stem?: (word: string) => string;
}

/** Growable token arrays. */
class TokenBuffer {
  count = 0;
  hashes: Uint32Array;
  starts: Uint32Array;
  ends: Uint32Array;

  constructor(capacity: number) {
    this.hashes = new Uint32Array(capacity);
    this.starts = new Uint32Array(capacity);
    this.ends = new Uint32Array(capacity);
  }

  push(hash: number, start: number, end: number): void {
    if (this.count === this.hashes.length) this.grow();
    const i = this.count++;
    this.hashes[i] = hash;
    this.starts[i] = start;
    this.ends[i] = end;
  }

  private grow(): void {
    const n = this.hashes.length * 2 + 16;
    const h = new Uint32Array(n);
    const s = new Uint32Array(n);
    const e = new Uint32Array(n);
    h.set(this.hashes);
    s.set(this.starts);
    e.set(this.ends);
    this.hashes = h;
    this.starts = s;
    this.ends = e;
  }
}

/** Class of the code point starting at `i`, and its width in code units. */
function classAt(text: string, i: number): number {
  const cls = CHAR_CLASS[text.charCodeAt(i)]!;
  if (cls !== HIGH) return cls;
  const lo = text.charCodeAt(i + 1);
  if (lo >= 0xdc00 && lo <= 0xdfff) return classifyAstral(text.slice(i, i + 2));
  return 0; // a lone high surrogate is not text
}

/**
 * Tokenizes `text`.
 * @param text the original document text
 * @param filter optional stop-word and stemming filters (slower path for every token)
 * @returns token hashes and their half-open UTF-16 ranges in `text`, in text order
 */
export function tokenize(text: string, filter?: TokenFilter): Tokens {
  const out = new TokenBuffer(Math.min((text.length >>> 3) + 16, 1 << 20));
  const n = text.length;
  const filtered = filter !== undefined && (filter.stopwords !== undefined || filter.stem !== undefined);

  const emit = (start: number, end: number, fastHash: number, ascii: boolean): void => {
    if (!filtered) {
      out.push(ascii ? fastHash : hashToken(normalizeToken(text.slice(start, end))), start, end);
      return;
    }
    let word = ascii ? text.slice(start, end).toLowerCase().replace(/'/g, '') : normalizeToken(text.slice(start, end));
    if (filter!.stopwords?.has(word)) return;
    if (filter!.stem) word = filter!.stem(word);
    out.push(hashToken(word), start, end);
  };

  let inWord = false;
  let start = 0;
  let h = FNV_OFFSET;
  let ascii = true;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      // Hot path: ASCII.
      if (CHAR_CLASS[c] === WORD) {
        if (!inWord) {
          inWord = true;
          start = i;
          h = FNV_OFFSET;
          ascii = true;
        }
        h = Math.imul(h ^ (c >= 0x41 && c <= 0x5a ? c | 0x20 : c), FNV_PRIME);
        i++;
        continue;
      }
      if (c === 0x27 && inWord && i + 1 < n && classAt(text, i + 1) === WORD) {
        i++; // an apostrophe inside a word: kept in the range, not in the hash
        continue;
      }
      if (inWord) {
        emit(start, i, fmix32(h), ascii);
        inWord = false;
      }
      i++;
      continue;
    }
    let cls = CHAR_CLASS[c]!;
    let width = 1;
    if (cls === HIGH) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cls = classifyAstral(text.slice(i, i + 2));
        width = 2;
      } else {
        cls = 0;
      }
    }
    if (cls === WORD) {
      if (!inWord) {
        inWord = true;
        start = i;
        h = FNV_OFFSET;
      }
      ascii = false;
      i += width;
      continue;
    }
    if (cls === JOIN && inWord && i + 1 < n && classAt(text, i + 1) === WORD) {
      ascii = false;
      i++;
      continue;
    }
    if (inWord) {
      emit(start, i, fmix32(h), ascii);
      inWord = false;
    }
    if (cls === SOLO) {
      // CJK unified ideographs and hiragana are NFKC-stable and have no case: hash inline.
      if (width === 1 && !filtered && ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3041 && c <= 0x3096))) {
        out.push(fmix32(Math.imul(FNV_OFFSET ^ c, FNV_PRIME)), i, i + 1);
      } else {
        emit(i, i + width, 0, false);
      }
    }
    i += width;
  }
  if (inWord) emit(start, n, fmix32(h), ascii);
  return { count: out.count, hashes: out.hashes, starts: out.starts, ends: out.ends };
}
