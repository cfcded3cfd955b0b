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

/** A page starts with a doctype or an html tag, after a BOM (as a character or as UTF-8 bytes read as Latin-1), spaces and comments. */
const HTML_START = /^(?:\ufeff|\xef\xbb\xbf)?\s*(?:<!--[^]*?-->\s*)*(?:<!doctype\s+html|<html[\s>])/i;

/** True when `text` starts like an HTML page (`<!DOCTYPE html`, `<html>`), not a fragment or prose. */
export function startsLikeHtml(text: string): boolean {
  return HTML_START.test(text.length > 1024 ? text.slice(0, 1024) : text);
}

/** Page chrome dropped wherever it is: asides (related links, pull quotes), buttons, menus, dialogs. */
const CHROME = new Set(['aside', 'button', 'select', 'dialog']);
/** Page chrome dropped outside `<main>` and `<article>` (inside them, a header holds the headline). */
const PAGE_CHROME = new Set(['header', 'footer']);
/** ARIA roles of chrome, dropped wherever they are. */
const CHROME_ROLES = new Set(['navigation', 'search', 'complementary', 'dialog', 'alertdialog', 'menu', 'menubar']);
/** ARIA roles of page chrome, dropped outside the main content (like header and footer). */
const PAGE_CHROME_ROLES = new Set(['banner', 'contentinfo']);
/**
 * A class or id naming page chrome (after Mozilla Readability's "unlikely candidates"), as a
 * whole part of the name ("site-header", "nav_main", "sidebar"; not "shadow" or "loader")...
 */
const CHROME_NAME =
  /(?:^|[-_])(?:ads?|advert|advertisement|banner|breadcrumbs?|comments?|community|cookies?|disqus|footer|gdpr|header|masthead|menu|nav|navbar|navigation|newsletter|pagination|pager|popup|promo|related|share|sharing|sidebar|social|sponsors?|subscribe|toolbar|widgets?)(?:$|[-_])/i;
/**
 * ...unless it names content too ("article-header", "entry-footer", "content-sidebar-wrap").
 * Not "main": "main-nav", "main-menu" and "main-footer" are chrome.
 */
const CONTENT_NAME = /article|body|column|content|story|post|entry|text/i;
/** Least share of a page's text left once chrome named by class or id is taken out; else it stays. */
const NAMED_CHROME_KEEP = 0.25;

/** An inline style that hides the element. */
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

/** An open element: what it changes, undone when it closes. */
interface Frame {
  readonly drop: boolean;
  readonly main: boolean;
  readonly article: boolean;
  readonly pre: boolean;
  readonly chrome: boolean;
}

/** Whether an element's class or id names page chrome (CHROME_NAME, and not CONTENT_NAME). */
function namedChrome(attribs: Record<string, string>): boolean {
  for (const names of [attribs.class, attribs.id]) {
    if (names === undefined) continue;
    for (const name of names.split(/\s+/)) if (CHROME_NAME.test(name) && !CONTENT_NAME.test(name)) return true;
  }
  return false;
}

/**
 * A paragraph of visible text and where it was: inside `<main>`, inside which top-level
 * `<article>` (-1: none), inside an element whose class or id names page chrome (outside both).
 */
interface Paragraph {
  readonly text: string;
  readonly main: boolean;
  readonly article: number;
  readonly chrome: boolean;
}

/**
 * Extract the visible text of an HTML (or XHTML) document: its main content when the page
 * marks it.
 *
 * Contract:
 * - the content of script, style, noscript, template, head (so also the title), nav, svg, math,
 *   iframe and object is dropped, and so is page chrome: aside, button, select, dialog,
 *   elements with a navigation, search, complementary, dialog or menu role, elements hidden
 *   by the `hidden` attribute or an inline `display: none` / `visibility: hidden`, and header,
 *   footer and the banner and contentinfo roles outside `<main>` and `<article>`;
 * - when the page has a `<main>` (or `role="main"`) with text, only its text is kept; else, when
 *   it has `<article>` elements, only the text of the longest top-level one (nested articles,
 *   such as comments, count as part of theirs) if it holds at least half of all the articles'
 *   text; else all of the body's. So the same story from two sites, or as HTML and as text, is
 *   the same text whatever the site's page around it;
 * - block elements (p, div, h1–h6, section, table, …) separate paragraphs with `\n\n`; br, li,
 *   tr, dt, dd end a line with `\n`; `<br><br>` ends a paragraph; td/th are separated by a space;
 * - inline elements add nothing: `<b>Hel</b>lo` → `Hello`;
 * - entities are decoded, soft hyphens dropped; whitespace runs collapse to one space within a line, lines are trimmed,
 *   empty lines and paragraphs are dropped; inside `<pre>` line breaks are kept;
 * - when the visible text is less than half of the longest JSON-LD `articleBody` (a page rendered
 *   by script, a paywall), that articleBody is the text;
 * - self-closing tags are honoured (`<script src="x"/>` does not swallow the rest of the page),
 *   which is what XHTML needs and harmless for HTML.
 *
 * @param html the document's markup
 * @returns the visible text: paragraphs joined by `\n\n`, lines by `\n`, no leading/trailing whitespace
 */
export function htmlToText(html: string): string {
  const paragraphs: Paragraph[] = [];
  let lines: string[] = [];
  let pieces: string[] = [];
  const stack: Frame[] = [];
  let dropDepth = 0;
  let mainDepth = 0;
  let articleDepth = 0;
  let articles = 0;
  let chromeDepth = 0;
  let inHead = false;
  let preDepth = 0;
  // JSON-LD (structured data): its articleBody stands in for a page that shows little text.
  const jsonLd: string[] = [];
  let ld: string[] | undefined;

  const endLine = (): void => {
    if (pieces.length === 0) return;
    const line = pieces.join('').replace(SOFT_HYPHENS, '').replace(WHITESPACE, ' ').trim();
    pieces = [];
    if (line !== '') lines.push(line);
  };
  const endParagraph = (): void => {
    endLine();
    if (lines.length > 0) {
      const main = mainDepth > 0;
      const article = articleDepth > 0 ? articles - 1 : -1;
      paragraphs.push({ text: lines.join('\n'), main, article, chrome: chromeDepth > 0 && !main && article < 0 });
    }
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
  const isChrome = (name: string, role: string | undefined, attribs: Record<string, string>): boolean => {
    if (DROPPED.has(name) || CHROME.has(name) || attribs.hidden !== undefined) return true;
    if (role !== undefined && CHROME_ROLES.has(role)) return true;
    if (attribs.style !== undefined && HIDDEN_STYLE.test(attribs.style)) return true;
    const outside = mainDepth === 0 && articleDepth === 0;
    return outside && (PAGE_CHROME.has(name) || (role !== undefined && PAGE_CHROME_ROLES.has(role)));
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'head') {
          inHead = true;
          return;
        }
        if (name === 'script' && attribs.type?.trim().toLowerCase() === 'application/ld+json') ld = [];
        if (inHead && !HEAD_CONTENT.has(name)) inHead = false;
        const role = attribs.role?.trim().toLowerCase();
        const drop = dropDepth > 0 || inHead || isChrome(name, role, attribs);
        const main = !drop && (name === 'main' || role === 'main');
        const article = !drop && name === 'article';
        const pre = !drop && name === 'pre';
        const chrome = !drop && !main && !article && name !== 'body' && name !== 'html' && namedChrome(attribs);
        // Break before the element's state applies, so a paragraph never straddles main or article.
        if (!drop) breakFor(name);
        stack.push({ drop, main, article, pre, chrome });
        if (drop) dropDepth++;
        if (chrome) chromeDepth++;
        if (main) mainDepth++;
        if (article && articleDepth++ === 0) articles++;
        if (pre) preDepth++;
      },
      onclosetag(name) {
        if (name === 'head') {
          inHead = false;
          return;
        }
        if (name === 'script' && ld !== undefined) {
          jsonLd.push(ld.join(''));
          ld = undefined;
        }
        const frame = stack.pop();
        if (frame === undefined) return;
        if (frame.drop) {
          dropDepth--;
          return;
        }
        // A void element (br, hr) reports open and close: break once, on open.
        if (dropDepth === 0 && !inHead && name !== 'br' && name !== 'hr') breakFor(name);
        if (frame.main) mainDepth--;
        if (frame.article) articleDepth--;
        if (frame.chrome) chromeDepth--;
        if (frame.pre) preDepth--;
      },
      ontext(data) {
        if (ld !== undefined) ld.push(data);
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
  const visible = withoutNamedChrome(mainContent(paragraphs)).map((p) => p.text).join('\n\n');
  const body = articleBody(jsonLd);
  return body !== undefined && visible.length < body.length / 2 ? body : visible;
}

/**
 * The longest `articleBody` of a page's JSON-LD (schema.org NewsArticle, BlogPosting, …; in
 * `@graph` lists too), as text: news sites put the whole story there, also when the page itself
 * shows little of it (rendered by script, or cut by a paywall). Invalid JSON is ignored.
 */
function articleBody(scripts: readonly string[]): string | undefined {
  let best: string | undefined;
  const visit = (value: unknown, depth: number): void => {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      if (key === 'articleBody' && typeof v === 'string') {
        if (best === undefined || v.length > best.length) best = v;
      } else {
        visit(v, depth + 1);
      }
    }
  };
  for (const s of scripts) {
    try {
      visit(JSON.parse(s), 0);
    } catch {
      // Not JSON: structured data is a bonus, never an error.
    }
  }
  if (best === undefined) return undefined;
  // Some sites put markup in it; lines and paragraphs as in the page's own text.
  const text = /<[a-z!/]/i.test(best) ? htmlToText(best) : best.replace(/[^\S\n]+/g, ' ').replace(/ *\n */g, '\n').trim();
  return text === '' ? undefined : text;
}

/**
 * The paragraphs outside elements whose class or id names page chrome (div soup: "site-header",
 * "sidebar", "footer-links"), when they hold at least NAMED_CHROME_KEEP of the text: a page whose
 * content sits in a wrapper with such a name keeps it all.
 */
function withoutNamedChrome(paragraphs: readonly Paragraph[]): readonly Paragraph[] {
  let total = 0;
  let rest = 0;
  for (const p of paragraphs) {
    total += p.text.length;
    if (!p.chrome) rest += p.text.length;
  }
  return rest === total || rest < NAMED_CHROME_KEEP * total ? paragraphs : paragraphs.filter((p) => !p.chrome);
}

/**
 * The paragraphs of `<main>` if it has any; else those of the longest top-level `<article>` when
 * it holds at least half the text of all of them (a story among teasers); else all (a page of
 * teasers, none of which is the page: keeping one would make two listing pages that show the
 * same story look like copies).
 */
function mainContent(paragraphs: readonly Paragraph[]): readonly Paragraph[] {
  const main = paragraphs.filter((p) => p.main);
  if (main.length > 0) return main;
  const length = new Map<number, number>();
  let total = 0;
  for (const p of paragraphs) {
    if (p.article < 0) continue;
    length.set(p.article, (length.get(p.article) ?? 0) + p.text.length);
    total += p.text.length;
  }
  if (length.size === 0) return paragraphs;
  let best = -1;
  for (const [article, chars] of length) if (best < 0 || chars > length.get(best)!) best = article;
  return 2 * length.get(best)! >= total ? paragraphs.filter((p) => p.article === best) : paragraphs;
}
