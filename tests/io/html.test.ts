import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/io/html.js';
import { documentFromBytes, looksLikeHtml } from '../../src/io/text-document.js';

const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

describe('htmlToText', () => {
  it('does not split words at inline elements', () => {
    expect(htmlToText('<p><b>Hel</b>lo <i>wor</i><span>ld</span></p>')).toBe('Hello world');
  });

  it('separates block elements', () => {
    expect(htmlToText('<div>one</div><div>two</div><p>three</p><h2>four</h2>')).toBe('one\n\ntwo\n\nthree\n\nfour');
  });

  it('turns br into a line break and br br into a paragraph break', () => {
    expect(htmlToText('<p>a<br>b<br/><br>c</p>')).toBe('a\nb\n\nc');
  });

  it('puts list items and table rows on their own lines, cells apart', () => {
    expect(htmlToText('<ul><li>x</li><li>y</li></ul>')).toBe('x\ny');
    expect(htmlToText('<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>')).toBe('a b\nc d');
  });

  it('drops invisible content and page chrome', () => {
    const html =
      '<html><head><title>T</title><style>p{}</style></head><body>' +
      '<script>var x = "script";</script><noscript>noscript</noscript><template>template</template>' +
      '<nav>navigation</nav><svg><text>svgtext</text></svg><iframe>iframe</iframe>' +
      '<p>visible</p></body></html>';
    expect(htmlToText(html)).toBe('visible');
    // Page chrome and hidden elements, on a page without <main> or <article>:
    const page =
      '<body><header>Site name</header><div role="navigation">Menu</div><div role="search">Search</div>' +
      '<div><p>Body one.</p><div hidden>hidden text</div><span style="color: red; display:none">hidden span</span>' +
      '<p style="visibility: hidden">invisible</p><button>Share</button><p>Body two.</p></div>' +
      '<aside>Related</aside><dialog>Accept cookies</dialog><div role="contentinfo">Contact us</div><footer>Footer</footer></body>';
    expect(htmlToText(page)).toBe('Body one.\n\nBody two.');
    // A page wrapped in one <form> (as some frameworks do) keeps its text.
    expect(htmlToText('<form id="page"><p>All of the page.</p></form>')).toBe('All of the page.');
  });

  it('does not let an unclosed head or a self-closed script swallow the page', () => {
    expect(htmlToText('<head><title>t</title><p>body text</p>')).toBe('body text');
    expect(htmlToText('<script src="x.js"/><p>after</p>')).toBe('after');
  });

  it('decodes entities and collapses whitespace within a line', () => {
    expect(htmlToText('<p>  fish  &amp;\n\n chips&nbsp;&nbsp;&lt;3 &#233;t&eacute; snow&shy;melt </p>')).toBe('fish & chips <3 été snowmelt');
  });

  it('keeps line breaks inside pre', () => {
    expect(htmlToText('<pre>line one\nline   two</pre>')).toBe('line one\nline two');
  });

  it('returns empty text for markup without visible text', () => {
    expect(htmlToText('')).toBe('');
    expect(htmlToText('<html><head><title>x</title></head><body><script>1</script></body></html>')).toBe('');
  });

  it('keeps only the main content when the page marks it with <main>', () => {
    const page =
      '<body><header><a>Daily Herald</a> Home World</header><div role="banner">Breaking: markets</div>' +
      '<main><h1>Title</h1><p>Body text.</p></main>' +
      '<aside>Most read: other story</aside><footer>© Daily Herald</footer></body>';
    expect(htmlToText(page)).toBe('Title\n\nBody text.');
    expect(htmlToText('<div role="main"><p>Only this.</p></div><div>Site links</div>')).toBe('Only this.');
  });

  it('keeps the longest top-level <article> when there is no <main>, with its headline and comments', () => {
    const page =
      '<div class="teasers"><article><h3>Other story</h3><p>A short teaser.</p></article></div>' +
      '<article><header><h1>Headline</h1><p>By A. Writer</p></header><p>The story itself, which is the longest text on the page.</p>' +
      '<section class="comments"><article><p>A reader comment.</p></article></section><footer>Tags: rivers</footer></article>' +
      '<article><p>Teaser two.</p></article><footer>Site footer</footer>';
    expect(htmlToText(page)).toBe('Headline\n\nBy A. Writer\n\nThe story itself, which is the longest text on the page.\n\nA reader comment.\n\nTags: rivers');
    // A listing page of teasers, none of them most of the page: all are kept (two listing pages
    // showing the same top story are not copies of each other).
    const listing = '<h1>World news</h1>' + ['Floods in the valley', 'Markets rally', 'Election called', 'Storm warning'].map((t) => `<article><h2>${t}</h2><p>A short teaser about ${t.toLowerCase()}.</p></article>`).join('');
    expect(htmlToText(listing).split('\n\n')).toHaveLength(9);
  });

  it('gives the same words as the text version of an article', () => {
    const html = readFileSync(new URL('../../fixtures/io/article.html', import.meta.url), 'utf8');
    const txt = readFileSync(new URL('../../fixtures/io/article.txt', import.meta.url), 'utf8');
    const text = htmlToText(html);
    expect(words(text)).toEqual(words(txt));
    // Paragraph structure survives: the paragraphs are separated by blank lines.
    expect(text.split('\n\n').length).toBeGreaterThanOrEqual(5);
    expect(text).not.toMatch(/tracking|Subscribe|advertisement|map legend|Home/);
  });
});

describe('page chrome named by class or id (div soup, no semantic elements)', () => {
  const story = '<h1>Council backs the bridge</h1><p>The city council voted on Tuesday to fund the new bridge.</p><p>Work starts in spring and ends in two years.</p>';
  /** A site's page: its masthead, menu, sidebar and footer in plain divs around the story. */
  const page = (site: string, content: string, wrapper = 'wrapper'): string =>
    `<html><body><div class="${wrapper}"><div id="header"><div class="logo">${site} Daily</div><ul class="main-menu nav"><li>World</li><li>${site} sport</li></ul></div>` +
    `<div class="content">${content}</div><div class="sidebar"><h3>Most read on ${site}</h3><ul><li>${site} wins the cup</li></ul></div>` +
    `<div id="site-footer">Copyright ${site} Media. Contact, careers and privacy.</div><div class="cookie_banner">We use cookies on ${site}</div></div></body></html>`;

  it('drops header, menu, sidebar, footer and banners, so one story on two sites is the same text', () => {
    const a = htmlToText(page('Planet', story));
    expect(a).toBe('Council backs the bridge\n\nThe city council voted on Tuesday to fund the new bridge.\n\nWork starts in spring and ends in two years.');
    expect(htmlToText(page('Herald', story))).toBe(a);
  });

  it('reads names as whole parts ("nav_main" is chrome, "navigator" is not), and keeps names of content ("article-header")', () => {
    const kept = '<div class="shadow">a</div><div class="loader">b</div><div class="headline">c</div><div class="navigator">d</div>' +
      '<div class="article-header">e</div><div class="entry-footer">f</div><div id="nav_main">g</div>';
    expect(words(htmlToText(`${kept}<div class="story">${'word '.repeat(20)}</div>`))).toEqual(['a', 'b', 'c', 'd', 'e', 'f', ...Array(20).fill('word')]);
  });

  it('keeps everything when what is left would be under a quarter of the text (content in a wrapper so named)', () => {
    const text = htmlToText(page('Planet', story, 'sidebar-layout'));
    expect(text).toContain('Council backs the bridge');
    expect(text).toContain('Most read on Planet');
    // Chrome inside <main> or <article> is not judged by its name.
    expect(htmlToText(`<article><div class="share-tools">Share this</div>${story}</article>`)).toContain('Share this');
  });
});

describe('text that is an HTML page', () => {
  it('is read as HTML: a saved page under .txt, or piped, gives its visible text, not its markup', () => {
    const page = '\ufeff  <!-- saved --> <!DOCTYPE html><html><head><title>T</title></head><body><nav>Home</nav><p>Body <b>te</b>xt.</p></body></html>';
    const got = documentFromBytes(Buffer.from(page), 'page.txt', 'text');
    expect(got.doc).toMatchObject({ format: 'html', text: 'Body text.' });
    expect(documentFromBytes(Buffer.from('<HTML lang="en"><body><p>Shout</p></body></HTML>'), '-', 'text').doc?.format).toBe('html');
    // Text that merely mentions markup stays text.
    for (const text of ['An essay on <html> tags.', 'Use <!DOCTYPE html> at the top.', '<p>A fragment</p>']) {
      expect(looksLikeHtml(Buffer.from(text))).toBe(false);
      expect(documentFromBytes(Buffer.from(text), 'a.txt', 'text').doc).toMatchObject({ format: 'text', text });
    }
  });
});

describe('pages whose story is in their structured data', () => {
  const txt = readFileSync(new URL('../../fixtures/io/article.txt', import.meta.url), 'utf8');
  const ld = (data: unknown): string => `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;

  it('a page rendered by script (an app shell) is the articleBody of its JSON-LD, in @graph too', () => {
    const shell = `<!DOCTYPE html><html><head>${ld({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite', name: 'Site' }, { '@type': 'NewsArticle', headline: 'H', articleBody: txt }] })}</head><body><div id="root">Loading…</div><script src="app.js"></script></body></html>`;
    expect(words(htmlToText(shell))).toEqual(words(txt));
  });

  it('a paywalled page showing its first paragraph is the whole articleBody; markup inside it is read as HTML', () => {
    const paragraphs = txt.split(/\n\s*\n/);
    const body = paragraphs.map((p) => `<p>${p}</p>`).join('');
    const page = `<html><head>${ld({ '@type': 'NewsArticle', articleBody: body })}</head><body><article><p>${paragraphs[0]}</p><p>Subscribe to read more.</p></article></body></html>`;
    expect(words(htmlToText(page))).toEqual(words(txt));
  });

  it('a page that shows its story keeps its own text (a teaser in the JSON-LD does not replace it); bad JSON-LD is ignored', () => {
    const page = `<html><head>${ld({ '@type': 'NewsArticle', articleBody: 'A two-line teaser.' })}<script type="application/ld+json">{not json</script></head><body><article><p>${txt}</p></article></body></html>`;
    expect(words(htmlToText(page))).toEqual(words(txt));
    expect(htmlToText('<html><body><p>Only this.</p></body></html>')).toBe('Only this.');
  });
});
