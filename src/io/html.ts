/**
 * HTML → visible text, with htmlparser2's streaming Parser (no DOM is built).
 * Pure: string in, string out.
 */
import { Parser } from 'htmlparser2';

/** Elements whose whole content is not visible text (or is page chrome): dropped. */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'title',
  'nav',
  'svg',
  'math',
  'iframe',
  'object',
]);

/**
 * Elements that may appear in <head>. Any other element ends the head, as in browsers, so an
 * unclosed <head> does not swallow the page.
 */
const HEAD_CONTENT = new Set(['base', 'link', 'meta', 'noscript', 'script', 'style', 'template', 'title']);

/** Elements that end the current line (but not the paragraph). */
const LINE_BREAKS = new Set(['br', 'li', 'dt', 'dd', 'tr', 'option']);

/** Elements that end the current paragraph: their text is separated from its neighbours by a blank line. */
const PARAGRAPH_BREAKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'details', 'dialog',
  'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'main', 'menu', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'ul',
]);

/** Table cells: separated by a space so neighbouring cells don't run together. */
const CELLS = new Set(['td', 'th']);

/** Runs of whitespace (including U+00A0 from `&nbsp;`) collapse to one space within a line. */
const WHITESPACE = /\s+/g;

/** Soft hyphens (`&shy;`) are invisible unless a line breaks there: dropped, so `snow&shy;melt` → `snowmelt`. */
const SOFT_HYPHENS = /\u00ad/g;

/**
 * Extract the visible text of an HTML (or XHTML) document.
 *
 * Contract:
 * - the content of script, style, noscript, template, head (so also the title), nav, svg, math,
 *   iframe and object is dropped;
 * - block elements (p, div, h1–h6, section, table, …) separate paragraphs with `\n\n`; br, li,
 *   tr, dt, dd end a line with `\n`; `<br><br>` ends a paragraph; td/th are separated by a space;
 * - inline elements add nothing: `<b>Hel</b>lo` → `Hello`;
 * - entities are decoded, soft hyphens dropped; whitespace runs collapse to one space within a line, lines are trimmed,
 *   empty lines and paragraphs are dropped; inside `<pre>` line breaks are kept;
 * - self-closing tags are honoured (`<script src="x"/>` does not swallow the rest of the page),
 *   which is what XHTML needs and harmless for HTML.
 *
 * @param html the document's markup
 * @returns the visible text: paragraphs joined by `\n\n`, lines by `\n`, no leading/trailing whitespace
 */
export function htmlToText(html: string): string {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  let pieces: string[] = [];
  let dropDepth = 0;
  let inHead = false;
  let preDepth = 0;

  const endLine = (): void => {
    if (pieces.length === 0) return;
    const line = pieces.join('').replace(SOFT_HYPHENS, '').replace(WHITESPACE, ' ').trim();
    pieces = [];
    if (line !== '') lines.push(line);
  };
  const endParagraph = (): void => {
    endLine();
    if (lines.length > 0) paragraphs.push(lines.join('\n'));
    lines = [];
  };
  const lineBreak = (): void => {
    // `<br><br>`: an empty line inside a paragraph is a paragraph break.
    if (pieces.length === 0 || pieces.join('').trim() === '') {
      pieces = [];
      endParagraph();
    } else {
      endLine();
    }
  };
  const breakFor = (name: string): void => {
    if (PARAGRAPH_BREAKS.has(name)) endParagraph();
    else if (name === 'br') lineBreak();
    else if (LINE_BREAKS.has(name)) endLine();
    else if (CELLS.has(name)) pieces.push(' ');
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'head') {
          inHead = true;
          return;
        }
        if (inHead && !HEAD_CONTENT.has(name)) inHead = false;
        if (DROPPED.has(name)) {
          dropDepth++;
          return;
        }
        if (dropDepth > 0 || inHead) return;
        if (name === 'pre') preDepth++;
        breakFor(name);
      },
      onclosetag(name) {
        if (name === 'head') {
          inHead = false;
          return;
        }
        if (DROPPED.has(name)) {
          if (dropDepth > 0) dropDepth--;
          return;
        }
        if (dropDepth > 0 || inHead) return;
        if (name === 'pre' && preDepth > 0) preDepth--;
        // A void element (br, hr) reports open and close: break once, on open.
        if (name !== 'br' && name !== 'hr') breakFor(name);
      },
      ontext(data) {
        if (dropDepth > 0 || inHead) return;
        if (preDepth === 0) {
          pieces.push(data);
          return;
        }
        const parts = data.split(/\r?\n|\r/);
        for (let i = 0; i < parts.length; i++) {
          if (i > 0) lineBreak();
          pieces.push(parts[i] ?? '');
        }
      },
    },
    { decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  endParagraph();
  return paragraphs.join('\n\n');
}
