/**
 * Cuts a source file's paragraphs into article-sized documents and decides which ones count
 * as English prose. Sizes are in UTF-16 code units (≈ bytes for English text).
 */

/** Document size bounds: each document aims at a size drawn uniformly from [MIN, MAX]. */
export const DOC_MIN = 2000;
export const DOC_MAX = 6000;
/** A trailing piece shorter than this is merged into the previous document or dropped. */
const TAIL_MIN = 1000;

/**
 * Groups paragraphs into documents of roughly DOC_MIN..DOC_MAX characters, cutting only on
 * paragraph boundaries (a paragraph longer than DOC_MAX is first cut at sentence ends).
 * @param {readonly string[]} paragraphs
 * @param {{ int: (n: number) => number }} prng
 * @returns {string[]} documents, paragraphs joined by "\n\n"
 */
export function splitIntoDocs(paragraphs, prng) {
  const docs = [];
  let cur = [];
  let len = 0;
  let target = DOC_MIN + prng.int(DOC_MAX - DOC_MIN + 1);
  const flush = () => {
    if (cur.length > 0) docs.push(cur.join('\n\n'));
    cur = [];
    len = 0;
    target = DOC_MIN + prng.int(DOC_MAX - DOC_MIN + 1);
  };
  for (const p of paragraphs) {
    for (const piece of p.length > DOC_MAX ? cutLong(p, DOC_MAX) : [p]) {
      if (len > 0 && len + piece.length + 2 > DOC_MAX) flush();
      cur.push(piece);
      len += piece.length + 2;
      if (len >= target) flush();
    }
  }
  if (len >= TAIL_MIN) flush();
  else if (len > 0 && docs.length > 0 && docs[docs.length - 1].length + len <= DOC_MAX + TAIL_MIN) {
    docs[docs.length - 1] += `\n\n${cur.join('\n\n')}`;
  }
  return docs;
}

/** Cuts a long paragraph into pieces of at most `max` characters, at sentence ends or spaces. */
function cutLong(p, max) {
  const pieces = [];
  let rest = p;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('. ');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = max - 1;
    pieces.push(rest.slice(0, cut + 1).trim());
    rest = rest.slice(cut + 1).trim();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/**
 * Whether a document looks like English prose: at least 120 words, letters are at least 55%
 * of its characters (so tables and code listings drop out), and at least 97% of its letters
 * are ASCII (so translations drop out).
 * @param {string} text
 * @returns {boolean}
 */
export function isEnglishProse(text) {
  const words = text.match(/\S+/g)?.length ?? 0;
  if (words < 120) return false;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 0.55 * text.length) return false;
  const ascii = text.match(/[A-Za-z]/g)?.length ?? 0;
  return ascii >= 0.97 * letters;
}
