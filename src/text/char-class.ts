/**
 * Character classes for the tokenizer, as a lookup table over the Basic Multilingual Plane
 * (built once, ~10 ms) plus a slower check for astral code points.
 *
 * A word is a maximal run of letters, marks and digits of any script (`\p{L}\p{M}\p{N}`).
 * Scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan)
 * make one token per character, so k-token shingles become character k-grams there (their
 * decimal digits excepted: a number is a word in every script).
 * Joiners (apostrophes, soft hyphen, ZWNJ/ZWJ, word joiner, and the invisible characters that
 * can be slipped into a word without changing how it looks: zero-width space, zero-width
 * no-break space, combining grapheme joiner, variation selectors, invisible operators,
 * bidirectional marks and controls) between
 * two word characters stay inside the word and are dropped from its normalized form
 * ("don’t" = "don't" = "dont"; "wo\u200Brd" = "word").
 */

/** Not part of any token. */
export const SEP = 0;
/** A letter, mark or digit of a spaced script. */
export const WORD = 1;
/** A character of an unspaced script: a token on its own. */
export const SOLO = 2;
/** Kept inside a word when between two word characters; dropped from the normalized form. */
export const JOIN = 3;
/** A high surrogate: classify the astral code point with `classifyAstral`. */
export const HIGH = 4;

const WORD_RE = /[\p{L}\p{M}\p{N}]/u;
const SOLO_RE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;
/** Decimal digits: numbers are words in every script (Thai digits too: "๒๕๖๗" is one token, like "2567"). */
const DIGIT_RE = /\p{Nd}/u;
/** Code points kept inside a word between two word characters and dropped from its normalized form. */
export const JOINERS = [0x27, 0x2019, 0x02bc, 0x00ad, 0x034f, 0x200b, 0x200c, 0x200d, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff];
for (let c = 0xfe00; c <= 0xfe0f; c++) JOINERS.push(c); // variation selectors
// Bidirectional marks and controls (ALM, LRM, RLM, embeddings, overrides, isolates): invisible, common in Arabic-script web text.
JOINERS.push(0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069);

function buildTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 0x30; c <= 0x39; c++) table[c] = WORD;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = WORD;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = WORD;
  for (let c = 0x80; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      table[c] = c <= 0xdbff ? HIGH : SEP; // a lone low surrogate is not text
      continue;
    }
    const ch = String.fromCharCode(c);
    if (WORD_RE.test(ch)) table[c] = SOLO_RE.test(ch) && !DIGIT_RE.test(ch) ? SOLO : WORD;
  }
  for (const c of JOINERS) table[c] = JOIN;
  return table;
}

/** Class of each BMP code unit. */
export const CHAR_CLASS: Uint8Array = buildTable();

/** Class (SEP, WORD or SOLO) of an astral code point given as a surrogate pair string. */
export function classifyAstral(pair: string): number {
  if (!WORD_RE.test(pair)) return SEP;
  return SOLO_RE.test(pair) && !DIGIT_RE.test(pair) ? SOLO : WORD;
}
