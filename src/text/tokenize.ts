/**
 * The tokenizer: one pass of a char-code scanner over the original text that finds words
 * (see char-class.ts), normalizes them (see normalize.ts) and hashes them as it goes,
 * keeping each token's UTF-16 range `[start, end)` in the original text.
 *
 * ASCII words are lower-cased through a lookup table and hashed inline (the hot path: no
 * strings are made); words with any other code unit take the slow path through
 * `normalizeToken`. Both paths give `hashToken(normalizedForm)`, so a word hashes the same
 * whichever path it took. Stop words and stemming, when asked for, are a second pass.
 */
import type { Tokens } from '../types.js';
import { CHAR_CLASS, HIGH, JOIN, SOLO, WORD, classifyAstral } from './char-class.js';
import { FNV_OFFSET, FNV_PRIME, fmix32, hashToken } from './hash.js';
import { entityEnd, entityValue } from './entities.js';
import { normalizeToken, normalizeWord } from './normalize.js';

/** Optional token filters, resolved at the edge (see languages.ts). */
export interface TokenFilter {
  /** Normalized words to drop (stop words). */
  readonly stopwords?: ReadonlySet<string>;
  /** Maps a normalized word to its stem. */
  readonly stem?: (word: string) => string;
}

/**
 * Length in quarter words of a one-character token of an unspaced script: a Han or kana
 * character is about half a word (2), a character of Thai, Lao, Tibetan, Myanmar or Khmer (a
 * letter, vowel sign or tone mark) about a quarter (1). A word of a spaced script counts 4. So a
 * passage's length in words can be compared across scripts: 12 words of English, 24 Chinese
 * characters, 48 Thai ones.
 */
export function wordQuarters(c: number): number {
  return (c >= 0x0e00 && c <= 0x109f) || (c >= 0x1780 && c <= 0x17ff) || (c >= 0x19e0 && c <= 0x19ff) || (c >= 0xa9e0 && c <= 0xa9ff) || (c >= 0xaa60 && c <= 0xaa7f) ? 1 : 2;
}

/** For each ASCII code: its lower-case form if it is a letter or digit, else 0. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) ASCII_WORD[c] = c;
for (let c = 0x61; c <= 0x7a; c++) ASCII_WORD[c] = c;
for (let c = 0x41; c <= 0x5a; c++) ASCII_WORD[c] = c | 0x20;

/** Class (SEP, WORD or SOLO) of the code point starting at `i`. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return ASCII_WORD[c] !== 0 ? WORD : 0;
  const cls = CHAR_CLASS[c]!;
  if (cls !== HIGH) return cls === JOIN ? 0 : cls;
  const lo = text.charCodeAt(i + 1);
  if (lo >= 0xdc00 && lo <= 0xdfff) return classifyAstral(text.slice(i, i + 2));
  return 0; // a lone high surrogate is not text
}

/**
 * Tokenizes `text`.
 * @param text the original document text
 * @param filter optional stop-word and stemming filters
 * @returns token hashes and their half-open UTF-16 ranges in `text`, in text order
 */
export function tokenize(text: string, filter?: TokenFilter): Tokens {
  const tokens = scan(text);
  return filter && (filter.stopwords || filter.stem) ? applyFilter(text, tokens, filter) : tokens;
}

/** The scanner (see the file comment). */
function scan(text: string): Tokens {
  const n = text.length;
  let cap = (n >>> 2) + 16;
  let hashes = new Uint32Array(cap);
  let starts = new Uint32Array(cap);
  let ends = new Uint32Array(cap);
  let count = 0;
  let solo = 0; // quarters short of 4 per token, over the unspaced-script tokens
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let width = 1;
    if (c < 0x80) {
      if (ASCII_WORD[c] === 0) {
        // A character reference (&quot;, &#39;) standing for a separator is skipped whole; one
        // standing for a letter (&eacute;) starts a word here.
        if (c !== 0x26) {
          i++;
          continue;
        }
        const next = afterReference(text, i);
        if (next !== i) {
          i = next;
          continue;
        }
      }
    } else {
      let cls = CHAR_CLASS[c]!;
      if (cls === HIGH) {
        cls = classAt(text, i);
        width = cls === 0 ? 1 : 2;
      }
      if (cls === SOLO) {
        // One token per character. CJK unified ideographs and hiragana are NFKC-stable and
        // caseless: hashed inline; other unspaced scripts go through normalization.
        const h =
          width === 1 && ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3041 && c <= 0x3096))
            ? fmix32(Math.imul(FNV_OFFSET ^ c, FNV_PRIME))
            : hashToken(normalizeWord(text.slice(i, i + width)));
        if (count === cap) {
          cap = cap * 2 + 16;
          hashes = grow(hashes, cap);
          starts = grow(starts, cap);
          ends = grow(ends, cap);
        }
        hashes[count] = h;
        starts[count] = i;
        ends[count++] = i + width;
        solo += 4 - wordQuarters(c);
        i += width;
        continue;
      }
      if (cls !== WORD) {
        i += width;
        continue;
      }
    }
    // A word starts at i.
    const start = i;
    let h = FNV_OFFSET;
    let ascii = true;
    let marked = false; // read through a character reference or a line-break hyphen
    while (i < n) {
      c = text.charCodeAt(i);
      if (c < 0x80) {
        const l = ASCII_WORD[c]!;
        if (l !== 0) {
          h = Math.imul(h ^ l, FNV_PRIME);
          i++;
          continue;
        }
        // An apostrophe between word characters, a line-break hyphen or a character reference
        // may go on with the word (one table look-up at a word's end: the checks are rare).
        if (WORD_GOES_ON[c] !== 0) {
          const next = wordGoesOn(text, start, i, c);
          if (next > 0) {
            if (c !== 0x27) marked = true;
            if (c === 0x26) ascii = false;
            i = next;
            continue;
          }
        }
        break;
      }
      const cls = CHAR_CLASS[c]!;
      if (cls === WORD) {
        ascii = false;
        i++;
        continue;
      }
      if (cls === HIGH) {
        if (classAt(text, i) !== WORD) break;
        ascii = false;
        i += 2;
        continue;
      }
      if (cls === JOIN && i + 1 < n && classAt(text, i + 1) === WORD) {
        ascii = false;
        i++;
        continue;
      }
      if (c === 0x2010 || c === 0xad) {
        const next = afterLineBreakHyphen(text, start, i);
        if (next > 0) {
          ascii = false;
          marked = true;
          i = next;
          continue;
        }
      }
      break; // a separator, or an unspaced-script character (the outer loop takes it)
    }
    if (count === cap) {
      cap = cap * 2 + 16;
      hashes = grow(hashes, cap);
      starts = grow(starts, cap);
      ends = grow(ends, cap);
    }
    hashes[count] = ascii ? fmix32(h) : hashToken(marked ? normalizeToken(text.slice(start, i)) : normalizeWord(text.slice(start, i)));
    starts[count] = start;
    ends[count++] = i;
  }
  return { count, hashes, starts, ends, quarters: 4 * count - solo };
}

/** 1 for the ASCII characters after which a word may go on: apostrophe, hyphen, ampersand. */
const WORD_GOES_ON = new Uint8Array(128);
WORD_GOES_ON[0x27] = WORD_GOES_ON[0x2d] = WORD_GOES_ON[0x26] = 1;

/**
 * Where the word started at `start` goes on after the ASCII character `c` at `i` (an apostrophe,
 * a hyphen or an ampersand), or 0 when it ends there. An apostrophe between word characters
 * stays in the range, not in the hash; a hyphen ending a line inside a word, see
 * `afterLineBreakHyphen`; a character reference standing for a letter, or for a joiner
 * between letters, is part of the word.
 */
function wordGoesOn(text: string, start: number, i: number, c: number): number {
  if (c === 0x27) return i + 1 < text.length && classAt(text, i + 1) === WORD ? i + 1 : 0;
  if (c === 0x2d) return afterLineBreakHyphen(text, start, i);
  const end = entityEnd(text, i);
  if (end === 0) return 0;
  const cls = referenceClass();
  return cls === WORD || (cls === JOIN && end < text.length && classAt(text, end) === WORD) ? end : 0;
}

/**
 * Where a word goes on after a hyphen at `i` (`-`, U+2010 or a soft hyphen) that ends a line
 * and breaks the word in two: a letter before it (not a digit: "2020-\n21" stays two numbers),
 * a line break right after it, and a lower-case letter after the next line's indentation. 0
 * when it does not. The hyphen and the line break stay in the word's range and are dropped
 * from its normalized form (`normalizeToken`); a compound broken at its hyphen ("well-\nknown")
 * becomes one word too, the price of reading typeset text.
 */
function afterLineBreakHyphen(text: string, start: number, i: number): number {
  if (i === start) return 0;
  const before = text.charCodeAt(i - 1);
  if (before >= 0x30 && before <= 0x39) return 0;
  let j = i + 1;
  if (text.charCodeAt(j) === 0x0d) j++;
  if (text.charCodeAt(j) !== 0x0a) return 0;
  j++;
  let c = text.charCodeAt(j);
  while (c === 0x20 || c === 0x09) c = text.charCodeAt(++j);
  if (c >= 0x61 && c <= 0x7a) return j;
  if (c < 0x80 || CHAR_CLASS[c] !== WORD) return 0;
  const ch = text[j]!;
  return ch.toUpperCase() !== ch && ch.toLowerCase() === ch ? j : 0;
}

/** Class of the character a reference stands for (of its first, when it stands for two). */
function referenceClass(): number {
  const e = entityValue.codePointAt(0) ?? 0;
  return e < 0x10000 ? CHAR_CLASS[e]! : classifyAstral(String.fromCodePoint(e));
}

/**
 * At a `&` outside a word: `i` itself when a reference to a letter or digit starts a word there,
 * else where scanning goes on: past a reference standing for a separator or a character of an
 * unspaced script (which is not read), else past the `&`.
 */
function afterReference(text: string, i: number): number {
  const end = entityEnd(text, i);
  if (end === 0) return i + 1;
  return referenceClass() === WORD ? i : end;
}

function grow(a: Uint32Array, cap: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(cap);
  b.set(a);
  return b;
}

/** Drops stop words and stems the rest; the kept tokens keep their ranges. */
function applyFilter(text: string, t: Tokens, filter: TokenFilter): Tokens {
  const hashes = new Uint32Array(t.count);
  const starts = new Uint32Array(t.count);
  const ends = new Uint32Array(t.count);
  let w = 0;
  for (let i = 0; i < t.count; i++) {
    let word = normalizeToken(text.slice(t.starts[i], t.ends[i]));
    if (filter.stopwords?.has(word)) continue;
    if (filter.stem) word = filter.stem(word);
    hashes[w] = hashToken(word);
    starts[w] = t.starts[i]!;
    ends[w++] = t.ends[i]!;
  }
  // Dropped tokens are stop words: whole words of spaced scripts.
  return { count: w, hashes, starts, ends, quarters: t.quarters - 4 * (t.count - w) };
}
