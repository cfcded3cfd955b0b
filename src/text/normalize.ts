/**
 * Normalization of one token: the slow path for tokens with non-ASCII code units.
 *
 * Unicode NFKC (compatibility forms: fullwidth letters, ligatures, composed vs combining
 * accents), then case folding (`toLowerCase` plus the full folds ß→ss and final ς→σ), with
 * joiners (apostrophes, soft hyphen, ZWNJ/ZWJ, word joiner) removed. Typographic quotes,
 * dashes and spaces never reach here: they separate tokens, so they fold by construction.
 */

const JOINERS_RE = /['\u2019\u02bc\u00ad\u200c\u200d\u2060]/g;
const FOLD_RE = /[ßς]/g;

/** Normalized form of a raw token (a slice of the original text). */
export function normalizeToken(raw: string): string {
  let s = raw.replace(JOINERS_RE, '').normalize('NFKC').toLowerCase();
  if (FOLD_RE.test(s)) {
    FOLD_RE.lastIndex = 0;
    s = s.replace(FOLD_RE, (ch) => (ch === 'ß' ? 'ss' : 'σ'));
  }
  FOLD_RE.lastIndex = 0;
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
