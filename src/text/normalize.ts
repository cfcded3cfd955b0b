/**
 * Normalization of one token: the slow path for tokens with non-ASCII code units.
 *
 * Unicode NFKC (compatibility forms: fullwidth letters, ligatures, composed vs combining
 * accents), diacritics of Latin and Greek letters dropped (and Cyrillic stress marks: see
 * `stripDiacritics`; ł, ø, đ, ı, œ, æ written as l, o, d, i, oe, ae), then case folding
 * (`toLowerCase` plus the full folds ß→ss and final ς→σ), with
 * joiners (apostrophes, soft hyphen, ZWNJ/ZWJ, invisible characters: JOINERS in char-class.ts)
 * removed; in Arabic script, diacritics and tatweel dropped and keyboard variants folded (ي/ی,
 * ك/ک, ه/ہ, أ/ا); decimal digits of every script written as ASCII digits; Russian ё folded to е; Cyrillic and Greek letters that look like Latin
 * ones folded to Latin in words that mix them with Latin letters or are made of nothing else
 * (see `foldLookalikes`). Typographic quotes, dashes and spaces never reach here: they separate
 * tokens, so they fold by construction.
 */
import { HAN_FOLD_FIRST, HAN_FOLD_LAST, HAN_FOLD_PAIRS } from './han-fold.js';
import { JOINERS } from './char-class.js';
import { decodeEntities } from './entities.js';

/** The tokenizer's joiners (one list for both: a joiner kept in a word is dropped here). */
const JOINERS_RE = new RegExp(`[${JOINERS.map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join('')}]`, 'g');
const FOLD_RE = /[ßς]/g;

/** Characters that script folding touches (Hebrew points, Arabic script, Cyrillic ё). */
const SCRIPT_RE = /[\u0591-\u05c7\u0600-\u06ff\u0451]/;
/**
 * Arabic diacritics (harakat, superscript alef) and tatweel, and Hebrew vowel points and
 * cantillation marks (niqqud: texts for learners and liturgy have them, news does not): dropped.
 */
const ARABIC_MARKS_RE = /[\u0640\u064b-\u065f\u0670\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]/g;
/**
 * Letter variants that differ between Arabic, Persian and Urdu keyboards and sites, folded to one
 * form (as in common Arabic-script search normalization), and
 * Russian ё to е (often written without its dots).
 */
const SCRIPT_FOLDS: Record<string, string> = {
  '\u0623': '\u0627', // أ → ا
  '\u0625': '\u0627', // إ → ا
  '\u0622': '\u0627', // آ → ا
  '\u0671': '\u0627', // ٱ → ا
  '\u064a': '\u06cc', // ي (Arabic yeh) → ی
  '\u0649': '\u06cc', // ى (alef maksura) → ی
  '\u0643': '\u06a9', // ك (Arabic kaf) → ک
  '\u06c1': '\u0647', // ہ (heh goal) → ه
  '\u06d5': '\u0647', // ە (ae) → ه
  '\u0629': '\u0647', // ة (teh marbuta) → ه
  '\u0451': '\u0435', // ё → е
};
const SCRIPT_FOLD_RE = new RegExp(`[${Object.keys(SCRIPT_FOLDS).join('')}]`, 'g');

/**
 * Cyrillic and Greek letters drawn like a lower-case Latin letter (after case folding), and
 * those drawn like an upper-case one (before it): the homoglyphs swapped into copied text to
 * defeat exact matching ("pаper" with a Cyrillic а). ё goes with е, which it is folded to anyway.
 */
const LOOKALIKE_LOWER: Record<string, string> = {
  а: 'a', с: 'c', ԁ: 'd', е: 'e', ё: 'e', һ: 'h', і: 'i', ј: 'j', ӏ: 'l', о: 'o', р: 'p', ԛ: 'q', ѕ: 's', ԝ: 'w', х: 'x', у: 'y',
  α: 'a', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', υ: 'u', χ: 'x',
};
const LOOKALIKE_CASED: Record<string, string> = {
  ...LOOKALIKE_LOWER,
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', І: 'I', Ј: 'J', К: 'K', М: 'M', О: 'O', Р: 'P', Ԛ: 'Q', Ѕ: 'S', Т: 'T', Ԝ: 'W', Х: 'X', У: 'Y',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
const LOOKALIKE_LOWER_RE = new RegExp(`[${Object.keys(LOOKALIKE_LOWER).join('')}]`, 'g');
const LOOKALIKE_CASED_RE = new RegExp(`[${Object.keys(LOOKALIKE_CASED).join('')}]`, 'g');

/** Below U+0530: 1 for a Latin letter, 2 for a lower-case look-alike, 4 for another Cyrillic or Greek character. */
const LOOKALIKE_CLASS = new Uint8Array(0x530);
for (let c = 0x41; c <= 0x5a; c++) LOOKALIKE_CLASS[c] = LOOKALIKE_CLASS[c | 0x20] = 1;
for (let c = 0x370; c < 0x530; c++) LOOKALIKE_CLASS[c] = 4;
for (const ch of Object.keys(LOOKALIKE_LOWER)) LOOKALIKE_CLASS[ch.charCodeAt(0)] = 2;

/**
 * Homoglyph folding of a token (`s` its NFKC form, `lower` that case-folded); tokens without
 * Cyrillic or Greek letters come back as `lower`. A word that mixes them with Latin letters is
 * written in Latin with look-alikes swapped in: each look-alike (of either case) becomes its
 * Latin letter. A word made only of
 * letters that look like lower-case Latin ones ("а", "ео", "рох") is folded too, so that a
 * word whose every letter was swapped still matches; this is one-to-one on Cyrillic and on
 * Greek words, so no two words of those languages become one (only such short words of theirs
 * change form). Any other word is left as it is.
 */
function foldLookalikes(s: string, lower: string): string {
  // One loop, no regular expression first: it is the cheaper test on Russian text (~+15 ns a word).
  let seen = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    seen |= c < 0x530 ? LOOKALIKE_CLASS[c]! : 8;
  }
  if ((seen & 6) === 0) return lower; // no Cyrillic or Greek
  if (seen & 1) return s.replace(LOOKALIKE_CASED_RE, (ch) => LOOKALIKE_CASED[ch]!).toLowerCase();
  return seen === 2 ? lower.replace(LOOKALIKE_LOWER_RE, (ch) => LOOKALIKE_LOWER[ch]!) : lower;
}

/**
 * Latin letters with a stroke or ligatures that have no Unicode decomposition, written without
 * it where a keyboard or a site lacks them (after case folding).
 */
const LETTER_FOLDS: Record<string, string> = { ı: 'i', ł: 'l', ø: 'o', đ: 'd', ħ: 'h', œ: 'oe', æ: 'ae' };
const LETTER_FOLD_RE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

/**
 * Decimal digits of other scripts (Arabic-Indic, Persian, Devanagari, Bengali, Thai, …): their
 * value plus one, 0 for any other code unit. Every run of Unicode decimal digits (`\p{Nd}`) in
 * the BMP is 0–9 in order, so a digit's value is its distance from its run's start, modulo 10;
 * the runs start at these code points (Unicode 15; a script's digits added later are not folded).
 */
const DIGIT_VALUE = new Uint8Array(0x10000);
{
  const starts = [
    0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090,
    0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50,
    0xabf0, 0xff10,
  ];
  const nd = /\p{Nd}/u;
  for (const start of starts) for (let c = start; nd.test(String.fromCharCode(c)); c++) DIGIT_VALUE[c] = ((c - start) % 10) + 1;
}

/** `scan` flag: the token may carry diacritics to drop (see `scan`). */
const DIACRITICS = 1;
/** `scan` flag: the token has decimal digits of another script. */
const DIGITS = 2;
/** `scan` flag: the token has Han characters of U+3400–U+9FFF (HAN_FOLD's range). */
const HAN = 4;

/**
 * Traditional Chinese characters folded to simplified ones, by code point from HAN_FOLD_FIRST
 * (identity where OpenCC has no simplified form): a story published in Hong Kong or Taiwan in
 * traditional characters is the same text as its mainland original, as an accented and an
 * unaccented copy are. One character each, so offsets and token counts do not change.
 */
export const HAN_FOLD = new Uint16Array(HAN_FOLD_LAST - HAN_FOLD_FIRST + 1);
for (let i = 0; i < HAN_FOLD.length; i++) HAN_FOLD[i] = HAN_FOLD_FIRST + i;
for (let i = 0; i < HAN_FOLD_PAIRS.length; i += 2) HAN_FOLD[HAN_FOLD_PAIRS.charCodeAt(i) - HAN_FOLD_FIRST] = HAN_FOLD_PAIRS.charCodeAt(i + 1);

/** `s` with its traditional Chinese characters written in simplified ones. */
function foldHan(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= HAN_FOLD_FIRST && c <= HAN_FOLD_LAST ? String.fromCharCode(HAN_FOLD[c - HAN_FOLD_FIRST]!) : s[i];
  }
  return out;
}

/**
 * What a token needs beyond NFKC and case folding: DIACRITICS for Latin letters past ASCII
 * (U+00C0–U+024F), combining diacritical marks (U+0300–U+036F), Greek (U+0370–U+03FF) and the
 * Latin and Greek extended blocks (U+1E00–U+1FFF: Vietnamese, polytonic Greek); DIGITS for
 * decimal digits other than ASCII ones.
 */
function scan(s: string): number {
  let flags = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xc0) continue;
    if (c <= 0x3ff || (c >= 0x1e00 && c <= 0x1fff)) flags |= DIACRITICS;
    else if (c >= HAN_FOLD_FIRST && c <= HAN_FOLD_LAST) flags |= HAN;
    else if (c >= 0x660 && DIGIT_VALUE[c] !== 0) flags |= DIGITS; // U+0660: the first digit past ASCII
  }
  return flags;
}

/** `s` with its decimal digits of other scripts written as ASCII digits ("२०२४" → "2024"). */
function asciiDigits(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const v = DIGIT_VALUE[s.charCodeAt(i)]!;
    out += v === 0 ? s[i] : String.fromCharCode(0x2f + v);
  }
  return out;
}

/**
 * `s` without its diacritics: "Çavuşoğlu" → "Cavusoglu", "São" → "Sao", "Αθήνα" → "Αθηνα",
 * "Đà Nẵng" → "Đa Nang" (đ is a letter of its own, folded after case folding). Each character is
 * decomposed (NFD) and the combining diacritical marks (U+0300–U+036F) after a Latin or Greek
 * letter are dropped; after a Cyrillic letter only the stress marks (grave, acute) are, so й, ў
 * and ї stay letters of their own. Marks of other scripts (Devanagari vowel signs, Hebrew and
 * Thai marks) are outside that block and stay.
 */
function stripDiacritics(s: string): string {
  const d = s.normalize('NFD');
  let out = '';
  let from = 0;
  let cyrillic = false;
  for (let i = 0; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (c < 0x300 || c > 0x36f) {
      cyrillic = c >= 0x400 && c <= 0x52f;
      continue;
    }
    if (cyrillic && c > 0x301) continue;
    out += d.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? s : (out + d.slice(from)).normalize('NFC');
}

/** A hyphen that ends a line inside a word (the tokenizer keeps such a word whole), with the line break and indentation. */
const LINE_BREAK_HYPHEN_RE = /[-\u2010\u00ad]\r?\n[ \t]*/g;

/** Normalized form of a raw token (a slice of the original text). */
export function normalizeToken(raw: string): string {
  if (raw.includes('&')) raw = decodeEntities(raw); // a word the tokenizer read through &eacute; or &#39;
  if (raw.includes('\n')) raw = raw.replace(LINE_BREAK_HYPHEN_RE, ''); // "infor-\nmation"
  return normalizeWord(raw);
}

/**
 * `normalizeToken` of a token that holds no character reference and no line break: the
 * tokenizer's slow path, which knows when a word has neither.
 */
export function normalizeWord(raw: string): string {
  let nfkc = raw.replace(JOINERS_RE, '').normalize('NFKC');
  const flags = scan(nfkc);
  const marked = (flags & DIACRITICS) !== 0;
  if (marked) nfkc = stripDiacritics(nfkc);
  if (flags & DIGITS) nfkc = asciiDigits(nfkc);
  if (flags & HAN) nfkc = foldHan(nfkc);
  let s = nfkc.toLowerCase();
  s = foldLookalikes(nfkc, s);
  if (marked) s = s.replace(LETTER_FOLD_RE, (ch) => LETTER_FOLDS[ch]!);
  if (FOLD_RE.test(s)) {
    FOLD_RE.lastIndex = 0;
    s = s.replace(FOLD_RE, (ch) => (ch === 'ß' ? 'ss' : 'σ'));
  }
  FOLD_RE.lastIndex = 0;
  if (SCRIPT_RE.test(s)) s = s.replace(ARABIC_MARKS_RE, '').replace(SCRIPT_FOLD_RE, (ch) => SCRIPT_FOLDS[ch]!);
  return s;
}

/**
 * Normalized text of a whole string, for display and tests: tokens normalized and
 * joined by single spaces (punctuation dropped, whitespace collapsed).
 */
export function normalizeText(raw: string, tokens: { count: number; starts: Uint32Array; ends: Uint32Array }): string {
  const out: string[] = [];
  for (let i = 0; i < tokens.count; i++) out.push(normalizeToken(raw.slice(tokens.starts[i], tokens.ends[i])));
  return out.join(' ');
}
