/**
 * Planted near-copies: a copy of a document with a known share of its words edited, so the
 * bench knows which pairs dedupe must report. All randomness comes from the PRNG passed in.
 */

/**
 * The kinds of planted copies, chosen uniformly: word edits at a rate (share of the original's
 * words, each edit a substitution, insertion or deletion with equal odds), or a new header and
 * footer around an unchanged body.
 * @type {readonly ({ kind: 'edit', rate: number } | { kind: 'header-footer' })[]}
 */
export const PLANT_KINDS = [
  { kind: 'edit', rate: 0 },
  { kind: 'edit', rate: 0.01 },
  { kind: 'edit', rate: 0.03 },
  { kind: 'edit', rate: 0.05 },
  { kind: 'edit', rate: 0.1 },
  { kind: 'edit', rate: 0.2 },
  { kind: 'header-footer' },
];

/**
 * Applies round(rate × words) random word edits (at least one when rate > 0). Whitespace
 * between words is kept, so paragraphs survive; inserted words are followed by one space.
 * @param {string} text
 * @param {number} rate share of words to edit, in [0, 1]
 * @param {readonly string[]} pool replacement and inserted words
 * @param {ReturnType<import('./prng.js').createPrng>} prng
 * @returns {string}
 */
export function editWords(text, rate, pool, prng) {
  if (rate === 0) return text;
  const parts = text.split(/(\s+)/);
  // parts alternates word, space, word, …; a leading space yields an empty first word.
  const ws = [];
  const seps = [];
  for (let i = 0; i < parts.length; i += 2) {
    ws.push(parts[i]);
    seps.push(parts[i + 1] ?? '');
  }
  const edits = Math.max(1, Math.round(rate * ws.length));
  for (let e = 0; e < edits; e++) {
    const op = prng.int(3);
    if (op === 0 || ws.length < 2) {
      ws[prng.int(ws.length)] = prng.pick(pool);
    } else if (op === 1) {
      const i = prng.int(ws.length);
      ws.splice(i, 0, prng.pick(pool));
      seps.splice(i, 0, ' ');
    } else {
      const i = prng.int(ws.length - 1);
      ws.splice(i, 1);
      seps.splice(i, 1);
    }
  }
  let out = '';
  for (let i = 0; i < ws.length; i++) out += ws[i] + seps[i];
  return out;
}

const SITES = ['docs-mirror.example.org', 'wiki.example.net', 'kb.example.com', 'archive.example.edu'];
const ORGS = ['Example Corp.', 'The Documentation Collective', 'Acme Knowledge Base', 'Open Docs Mirror'];

/**
 * Puts a new header and footer (boilerplate plus random words from the pool) around the text.
 * @param {string} text
 * @param {readonly string[]} pool
 * @param {ReturnType<import('./prng.js').createPrng>} prng
 * @returns {{ text: string, addedWords: number }}
 */
export function addHeaderFooter(text, pool, prng) {
  const filler = (n) => Array.from({ length: n }, () => prng.pick(pool)).join(' ');
  const year = 2000 + prng.int(25);
  const header =
    `Mirrored from https://${prng.pick(SITES)}/page/${prng.int(1e6)} on ${year}-0${1 + prng.int(9)}-1${prng.int(10)}. ` +
    `Topics: ${filler(8 + prng.int(12))}.`;
  const footer =
    `Copyright ${year} ${prng.pick(ORGS)} All rights reserved. Related pages: ${filler(10 + prng.int(20))}. ` +
    `This page was last edited on ${year + 1}-1${prng.int(3)}-0${1 + prng.int(9)}.`;
  const addedWords = (header.match(/\S+/g)?.length ?? 0) + (footer.match(/\S+/g)?.length ?? 0);
  return { text: `${header}\n\n${text}\n\n${footer}`, addedWords };
}
