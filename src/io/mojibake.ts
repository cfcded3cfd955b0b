/**
 * Mojibake repair: UTF-8 text that was once decoded as windows-1252 (or Latin-1) and saved
 * again, so "don’t" reads "donâ€™t" and "São" reads "SÃ£o" — common in scraped pages and
 * crawl datasets. Each run of characters that spells the windows-1252 reading of a UTF-8
 * sequence (a lead character Â–ô followed by the right number of continuation characters) is
 * turned back into the bytes it came from and decoded as UTF-8; twice, for text mangled twice.
 * A text is repaired only when at least two such runs are found, so a lone "É»" of real French
 * stays as written. Pure.
 */

import { WINDOWS_1252_HIGH as HIGH } from './decode.js';

/** Character → the windows-1252 byte that decodes to it, for bytes 0x80–0xFF. */
const BYTE = new Map<number, number>();
for (let b = 0x80; b <= 0xff; b++) BYTE.set(b < 0xa0 ? HIGH.charCodeAt(b - 0x80) : b, b);
// Latin-1 readers give C1 controls for 0x80–0x9F: those are the same bytes.
for (let b = 0x80; b < 0xa0; b++) BYTE.set(b, b);

/** A character standing for a UTF-8 continuation byte (0x80–0xBF). */
const CONT = `[\\u0080-\\u00bf${[...new Set(HIGH)].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`;
/** The windows-1252 reading of a 2-, 3- or 4-byte UTF-8 sequence. */
const SEQUENCE = new RegExp(`[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3}`, 'g');

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** One round: each sequence that decodes as UTF-8 is replaced by what it decodes to. */
function round(text: string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(SEQUENCE, (run) => {
    const bytes = new Uint8Array(run.length);
    for (let i = 0; i < run.length; i++) bytes[i] = BYTE.get(run.charCodeAt(i)) ?? run.charCodeAt(i);
    try {
      const decoded = UTF8.decode(bytes);
      count++;
      return decoded;
    } catch {
      return run; // not UTF-8 after all (an overlong form, a surrogate): as written
    }
  });
  return { text: out, count };
}

/**
 * `text` with its mojibake repaired, and how many sequences were; the same string (count 0)
 * when fewer than two are found.
 */
export function repairMojibake(text: string): { text: string; repaired: number } {
  SEQUENCE.lastIndex = 0;
  // Cheap test first: most texts have no lead character at all.
  if (!/[\u00c2-\u00f4]/.test(text)) return { text, repaired: 0 };
  const first = round(text);
  if (first.count < 2) return { text, repaired: 0 };
  const second = round(first.text); // mangled twice: "Ã¢â‚¬â„¢" → "â€™" → "’"
  const out = second.count >= 2 ? second : { text: first.text, count: 0 };
  // "à" is C3 A0, and A0 (a no-break space) is often saved as a plain space: "Ã " is "à " then.
  const spaced = out.text.replace(A_GRAVE_SPACED, 'à');
  return { text: spaced, repaired: first.count + out.count + (spaced === out.text ? 0 : 1) };
}

/**
 * "Ã" before a space: the remains of "à" whose second byte (a no-break space) became a plain
 * space, followed by the text's own space ("Ã  Paris"), or lost with it ("Ã Paris"). No word
 * ends in "Ã".
 */
const A_GRAVE_SPACED = /\u00c3 (?= )|\u00c3(?= )/g;
