/**
 * HTML character references left in plain text: scraped articles and crawl datasets carry
 * them (`don&#39;t`, `&quot;Yes&quot;`, `caf&eacute;`, `AT&amp;T`, doubly encoded
 * `&amp;#8217;`). The tokenizer reads a reference as the character it stands for, so a copy
 * with references and one without are the same words; offsets still point into the original
 * text. Only complete references count (`&name;`, `&#39;`, `&#x2019;`, with the semicolon:
 * "AT&T" and "R&D" stay as written), decoded as HTML decodes them (`entities`), so `&#146;`
 * is windows-1252's ’.
 */
import { decodeHTMLStrict } from 'entities';

const BODY = /(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;

/** The characters of the last reference `entityEnd` found. */
export let entityValue = '';

/**
 * End (exclusive) of the character reference starting at `i` (`text[i]` is `&`), or 0 when none
 * does; its characters are left in `entityValue`. `&amp;` followed by the body of another
 * reference (`&amp;#39;`, `&amp;quot;`: text encoded twice) is read as that one reference.
 */
export function entityEnd(text: string, i: number): number {
  BODY.lastIndex = i + 1;
  if (!BODY.test(text)) return 0;
  let end = BODY.lastIndex;
  let body = text.slice(i + 1, end);
  if (body === 'amp;') {
    BODY.lastIndex = end;
    if (BODY.test(text)) {
      body = text.slice(end, BODY.lastIndex);
      end = BODY.lastIndex;
      const value = decodeHTMLStrict(`&${body}`);
      if (value !== `&${body}`) {
        entityValue = value;
        return end;
      }
      end = i + 5; // not a reference after all: just &amp;
      body = 'amp;';
    }
  }
  const value = decodeHTMLStrict(`&${body}`);
  if (value === `&${body}`) return 0;
  entityValue = value;
  return end;
}

/** `s` with its character references decoded (as `entityEnd` reads them). */
export function decodeEntities(s: string): string {
  let out = '';
  let from = 0;
  for (let i = s.indexOf('&'); i >= 0; i = s.indexOf('&', i + 1)) {
    const end = entityEnd(s, i);
    if (end === 0) continue;
    out += s.slice(from, i) + entityValue;
    from = end;
    i = end - 1;
  }
  return from === 0 ? s : out + s.slice(from);
}
