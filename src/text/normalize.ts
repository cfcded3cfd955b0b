/**
 * Normalization of one token: the slow path for tokens with non-ASCII code units.
 *
 * Unicode NFKC (compatibility forms: fullwidth letters, ligatures, composed vs combining
 * accents), then case folding (`toLowerCase` plus the full folds ß→ss and final ς→σ), with
 * joiners (apostrophes, soft hyphen, ZWNJ/ZWJ, word joiner) removed; in Arabic script,
 * diacritics and tatweel dropped and keyboard variants folded (ي/ی, ك/ک, ه/ہ, أ/ا, digits);
 * Russian ё folded to е. Typographic quotes,
 * dashes and spaces never reach here: they separate tokens, so they fold by construction.
 */

const JOINERS_RE = /['\u2019\u02bc\u00ad\u200c\u200d\u2060]/g;
const FOLD_RE = /[ßς]/g;

/** Characters that script folding touches (Arabic script, Arabic-Indic digits, Cyrillic ё). */
const SCRIPT_RE = /[\u0600-\u06ff\u0451]/;
/** Arabic diacritics (harakat, superscript alef) and tatweel: dropped. */
const ARABIC_MARKS_RE = /[\u0640\u064b-\u065f\u0670]/g;
/**
 * Letter variants that differ between Arabic, Persian and Urdu keyboards and sites, folded to one
 * form (as in common Arabic-script search normalization), Arabic-Indic digits to ASCII, and
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
for (let d = 0; d < 10; d++) {
  SCRIPT_FOLDS[String.fromCharCode(0x0660 + d)] = String(d); // Arabic-Indic digits
  SCRIPT_FOLDS[String.fromCharCode(0x06f0 + d)] = String(d); // Extended (Persian, Urdu) digits
}
const SCRIPT_FOLD_RE = new RegExp(`[${Object.keys(SCRIPT_FOLDS).join('')}]`, 'g');

/** Normalized form of a raw token (a slice of the original text). */
export function normalizeToken(raw: string): string {
  let s = raw.replace(JOINERS_RE, '').normalize('NFKC').toLowerCase();
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
