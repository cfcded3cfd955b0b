/**
 * The tokenizer: one pass of a char-code scanner over the original text that finds words
 * (see char-class.ts), normalizes them (see normalize.ts) and hashes them as it goes,
 * keeping each token's UTF-16 range `[start, end)` in the original text.
 *
 * ASCII words are lower-cased through a lookup table and hashed inline (the hot path: no
 * strings are made); words with any other code unit take the slow path through
 * `normalizeToken`. Both paths give `hashToken(normalizedForm)`, so a word hashes the same
 * whichever path it took. Stop words and stemming, when asked for, are a second pass.
 *
 * The pass is made by two scanners in turn: a plain one for ASCII words among separators (most
 * of English text), which stops at the first thing it does not handle, and the full one from
 * there to the end. Both give the same tokens (tested against the full scanner alone).
 */
import type { Tokens } from '../types.js';
import * as classes from './char-class.js';
import { classifyAstral } from './char-class.js';
import * as fnv from './hash.js';
import { fmix32, hashToken } from './hash.js';
import { entityEnd, entityValue } from './entities.js';
import { HAN_FOLD as HAN_FOLD_IMPORT, normalizeToken, normalizeWord } from './normalize.js';
import * as han from './han-fold.js';

// The scanners' constants as module-local bindings: V8 reads an imported binding through its
// module cell on every use (imports are live), a local const it folds into the compiled loop.
// Measured: the plain scanner ~7% faster on English text (30,000 bench documents 776–794 →
// 718–740 ms).
const { CHAR_CLASS, HIGH, JOIN, SEP, SOLO, WORD } = classes;
const { FNV_OFFSET, FNV_PRIME } = fnv;
const HAN_FOLD = HAN_FOLD_IMPORT;
const { HAN_FOLD_FIRST, HAN_FOLD_LAST } = han;

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
  const tokens = scanTokens(text);
  return filter && (filter.stopwords || filter.stem) ? applyFilter(text, tokens, filter) : tokens;
}

/** Tokens found so far: the arrays (of `cap` entries), `count` of them used. */
interface ScanState {
  hashes: Uint32Array;
  starts: Uint32Array;
  ends: Uint32Array;
  cap: number;
  count: number;
  /** Quarters short of 4 per token, over the unspaced-script tokens. */
  solo: number;
}

/**
 * The scanner (see the file comment): the plain scanner as far as it goes, the full one for the rest.
 * @param plain false to use the full scanner from the start (the same tokens: for tests)
 */
export function scanTokens(text: string, plain = true): Tokens {
  const cap = (text.length >>> 2) + 16;
  const st: ScanState = { hashes: new Uint32Array(cap), starts: new Uint32Array(cap), ends: new Uint32Array(cap), cap, count: 0, solo: 0 };
  const from = plain ? scanPlain(text, st) : 0;
  if (from < text.length) scanFull(text, from, st);
  return { count: st.count, hashes: st.hashes, starts: st.starts, ends: st.ends, quarters: 4 * st.count - st.solo };
}

/**
 * The scanner of ASCII words in text whose other characters are separators: the common case,
 * kept small so that V8 compiles it tight (the full scanner's character references and line-end
 * hyphens cost ~20% on English text even where there are none). It stops at the first place it
 * does not handle, always a token boundary, where the full scanner goes on with the same result:
 * an `&`, a word with a non-ASCII letter (from that word's start), a hyphen before a line break,
 * a character of an unspaced script.
 * @returns where it stopped (text.length when done)
 */
function scanPlain(text: string, st: ScanState): number {
  const n = text.length;
  let { hashes, starts, ends, cap, count } = st;
  let i = 0;
  let stop = n;
  outer: while (i < n) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      if (ASCII_WORD[c] === 0) {
        if (c === 0x26) {
          stop = i;
          break;
        }
        i++;
        continue;
      }
    } else {
      const cls = CHAR_CLASS[c]!;
      if (cls === SEP || cls === JOIN) {
        i++;
        continue;
      }
      stop = i;
      break;
    }
    const start = i;
    let h = FNV_OFFSET;
    // The ASCII-letter loop is scanFull's own, copied on purpose: this scanner exists to be a
    // small, separately compiled copy of it (a shared helper would return two values per word).
    while (i < n) {
      c = text.charCodeAt(i);
      if (c < 0x80) {
        const l = ASCII_WORD[c]!;
        if (l !== 0) {
          h = Math.imul(h ^ l, FNV_PRIME);
          i++;
          continue;
        }
        // An apostrophe before a word character (a non-ASCII one stops this scanner next).
        if (c === 0x27 && i + 1 < n) {
          const d = text.charCodeAt(i + 1);
          if (d < 0x80 ? ASCII_WORD[d] !== 0 : CHAR_CLASS[d] === WORD || CHAR_CLASS[d] === HIGH) {
            i++;
            continue;
          }
        }
        if (c === 0x26 || (c === 0x2d && text.charCodeAt(i + 1) <= 0x0d)) {
          stop = start;
          break outer;
        }
        break;
      }
      const cls = CHAR_CLASS[c]!;
      if (cls === SEP && c !== 0x2010) break;
      // A joiner between ASCII letters ("Iran’s"): in the range, not in the hash, as
      // normalizeWord drops it (the hash is then the same as the full scanner's).
      // One before a separator ends the word (a soft hyphen may be a line-end hyphen: not here).
      if (cls === JOIN) {
        const d = text.charCodeAt(i + 1);
        if (d < 0x80 && ASCII_WORD[d] !== 0) {
          i++;
          continue;
        }
        if (c !== 0xad && (d < 0x80 || CHAR_CLASS[d] === SEP)) break;
      }
      stop = start;
      break outer;
    }
    if (count === cap) ({ hashes, starts, ends, cap } = grown(hashes, starts, ends, cap));
    hashes[count] = fmix32(h);
    starts[count] = start;
    ends[count++] = i;
  }
  Object.assign(st, { hashes, starts, ends, cap, count });
  return stop;
}

/** The full scanner, from `from` (a token boundary) to the end of the text. */
function scanFull(text: string, from: number, st: ScanState): void {
  const n = text.length;
  let { hashes, starts, ends, cap, count, solo } = st;
  let i = from;
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
        const next = unusual(text, -1, i, c);
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
        // One token per character. CJK ideographs (Extension A and unified; traditional ones
        // folded to simplified as normalizeWord does) and hiragana are NFKC-stable and caseless:
        // hashed inline; other unspaced scripts go through normalization.
        const h =
          width === 1 && c >= HAN_FOLD_FIRST && c <= HAN_FOLD_LAST
            ? fmix32(Math.imul(FNV_OFFSET ^ HAN_FOLD[c - HAN_FOLD_FIRST]!, FNV_PRIME))
            : width === 1 && c >= 0x3041 && c <= 0x3096
              ? fmix32(Math.imul(FNV_OFFSET ^ c, FNV_PRIME))
              : hashToken(normalizeWord(text.slice(i, i + width)));
        if (count === cap) ({ hashes, starts, ends, cap } = grown(hashes, starts, ends, cap));
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
        // An apostrophe between word characters stays in the range, not in the hash.
        if (c === 0x27 && i + 1 < n && classAt(text, i + 1) === WORD) {
          i++;
          continue;
        }
        // A character reference, or a hyphen before a line break: rare, handled out of line.
        if (c === 0x26 || (c === 0x2d && text.charCodeAt(i + 1) <= 0x0d)) {
          const next = unusual(text, start, i, c);
          if (next > 0) {
            marked = true;
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
        const next = unusual(text, start, i, c);
        if (next > 0) {
          ascii = false;
          marked = true;
          i = next;
          continue;
        }
      }
      break; // a separator, or an unspaced-script character (the outer loop takes it)
    }
    if (count === cap) ({ hashes, starts, ends, cap } = grown(hashes, starts, ends, cap));
    hashes[count] = ascii ? fmix32(h) : hashToken(marked ? normalizeToken(text.slice(start, i)) : normalizeWord(text.slice(start, i)));
    starts[count] = start;
    ends[count++] = i;
  }
  Object.assign(st, { hashes, starts, ends, cap, count, solo });
}

/**
 * The scanner's rare cases, in one function kept out of the scanner (one call, not inlined
 * pieces that would crowd out the scanner's hot helpers). At character `c` at `i`:
 *
 * - outside a word (`start` < 0), `c` is `&`: returns `i` when a character reference to a
 *   letter or digit starts a word there, else where scanning goes on (past a reference standing
 *   for a separator or a character of an unspaced script, which is not read; else past the `&`);
 * - inside the word begun at `start`, `c` ends its letters: returns where the word goes on, or
 *   0 when it ends. A character reference standing for a letter, or for a joiner between letters, is part of
 *   the word; a hyphen (`-`, U+2010 or a soft hyphen) that ends a line and breaks the word in
 *   two ("infor-\nmation", typeset text) is skipped with the line break and the next line's
 *   indentation, when a letter is before it (not a digit: "2020-\n21" stays two numbers) and a
 *   lower-case letter after. The hyphen and line break stay in the word's range and are dropped
 *   from its normalized form (`normalizeToken`); a compound broken at its own hyphen
 *   ("well-\nknown") becomes one word too, the price of reading typeset text.
 */
function unusual(text: string, start: number, i: number, c: number): number {
  const n = text.length;
  if (c === 0x26) {
    const end = entityEnd(text, i);
    if (end === 0) return start < 0 ? i + 1 : 0;
    const e = entityValue.codePointAt(0) ?? 0;
    const cls = e < 0x10000 ? CHAR_CLASS[e]! : classifyAstral(String.fromCodePoint(e));
    if (start < 0) return cls === WORD ? i : end;
    return cls === WORD || (cls === JOIN && end < n && classAt(text, end) === WORD) ? end : 0;
  }
  // A hyphen at a line end.
  if (i === start) return 0;
  const before = text.charCodeAt(i - 1);
  if (before >= 0x30 && before <= 0x39) return 0;
  let j = i + 1;
  if (text.charCodeAt(j) === 0x0d) j++;
  if (text.charCodeAt(j) !== 0x0a) return 0;
  j++;
  let d = text.charCodeAt(j);
  while (d === 0x20 || d === 0x09) d = text.charCodeAt(++j);
  if (d >= 0x61 && d <= 0x7a) return j;
  if (d < 0x80 || CHAR_CLASS[d] !== WORD) return 0;
  const ch = text[j]!;
  return ch.toUpperCase() !== ch && ch.toLowerCase() === ch ? j : 0;
}

/** The token arrays, full at `cap` entries, copied into arrays of about twice the size (rare: a new object is fine). */
function grown(hashes: Uint32Array, starts: Uint32Array, ends: Uint32Array, cap: number): { hashes: Uint32Array; starts: Uint32Array; ends: Uint32Array; cap: number } {
  const size = cap * 2 + 16;
  return { hashes: grow(hashes, size), starts: grow(starts, size), ends: grow(ends, size), cap: size };
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
