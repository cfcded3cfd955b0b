/**
 * Regex-based markup strippers for the bench corpus: HTML/XML, reStructuredText, POD, roff
 * (man pages), WordNet data files. Good enough to get prose out of Debian's documentation
 * packages; not a parser. Every stripper returns plain text whose paragraphs are separated
 * by blank lines (`\n\n`); `toParagraphs` then collapses whitespace inside each paragraph.
 */

const NAMED_ENTITIES = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  mdash: '—', ndash: '–', hellip: '…', copy: '©', reg: '®', trade: '™', lsquo: '‘', rsquo: '’',
  ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', middot: '·', bull: '•', times: '×', para: '¶',
  sect: '§', deg: '°', shy: '', zwj: '', zwnj: '', larr: '←', rarr: '→', uarr: '↑', darr: '↓',
  le: '≤', ge: '≥', ne: '≠', minus: '−', plusmn: '±', eacute: 'é', egrave: 'è', aacute: 'á',
  agrave: 'à', ouml: 'ö', uuml: 'ü', auml: 'ä', szlig: 'ß', ccedil: 'ç', ntilde: 'ñ', dagger: '†',
};

/**
 * Decodes HTML character references (named ones from a short list, all numeric ones).
 * Unknown named references are kept as they are.
 * @param {string} s
 * @returns {string}
 */
export function decodeEntities(s) {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);/g, (m, e) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : ' ';
    }
    const named = NAMED_ENTITIES[e] ?? NAMED_ENTITIES[e.toLowerCase()];
    return named ?? m;
  });
}

const DROP_ELEMENTS = /<(script|style|head|nav|noscript|svg|template|math)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
// Navigation chrome of DocBook (postgres, gnucash, debian-reference) and Sphinx pages; these
// divs hold a table or a list, never a nested div, so a lazy match up to </div> is enough.
const DROP_NAV = /<div\b[^>]*\bclass="(?:navheader|navfooter|sphinxsidebar|related|footer|toc)"[^>]*>[\s\S]*?<\/div>/gi;
const BLOCK_TAGS =
  /<\/?(?:p|div|br|h[1-6]|li|ul|ol|pre|tr|table|dd|dt|dl|section|article|blockquote|header|footer|hr|title|figure|figcaption|caption|page|info|note|steps|item|screen|terms|tree|listing|synopsis)\b[^>]*>/gi;

/**
 * HTML or XML (also GNOME's Mallard `.page` files) → text. Drops comments, scripts, styles,
 * the head and navigation blocks; block elements become paragraph breaks; entities decoded.
 * @param {string} html
 * @returns {string}
 */
export function stripHtml(html) {
  const s = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<![^>]*>|<\?[^>]*\?>/g, ' ')
    .replace(DROP_ELEMENTS, ' ')
    .replace(DROP_NAV, ' ')
    .replace(BLOCK_TAGS, '\n\n')
    .replace(/<\/?(?:td|th|img|input|button|select)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(s);
}

/**
 * reStructuredText (and, roughly, AsciiDoc and Markdown) → text. Drops directive and comment
 * lines (`.. x::`), section under/overlines, substitutions; keeps the text of inline roles,
 * links and literals.
 * @param {string} text
 * @returns {string}
 */
export function stripRst(text) {
  return text
    .split('\n')
    .filter((line) => !/^\s*\.\.(\s|$)/.test(line) && !/^\s*([=\-~^"'`#*+:.<>_])\1{2,}\s*$/.test(line))
    .join('\n')
    .replace(/:[\w:+-]+:`([^`<]*?)\s*<[^>`]*>`/g, '$1')
    .replace(/:[\w:+-]+:`([^`]*)`/g, '$1')
    .replace(/`([^`<]*?)\s*<[^>`]*>`__?/g, '$1')
    .replace(/``([^`]*)``/g, '$1')
    .replace(/`([^`]*)`_{0,2}/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\|[\w-]+\|_?/g, '')
    .replace(/::\s*$/gm, ':')
    .replace(/^\s*#{1,6}\s+/gm, '\n');
}

/**
 * Perl POD → text. Headings and items keep their text; other commands are dropped; formatting
 * codes (`B<...>`, `C<< ... >>`, `L<text|target>`, `E<lt>`) are reduced to their text.
 * @param {string} pod
 * @returns {string}
 */
export function stripPod(pod) {
  let s = pod
    .split('\n')
    .map((line) => {
      const m = /^=(?:head\d|item)\s*(.*)$/.exec(line);
      if (m) return `\n${m[1]}\n`;
      return /^=[a-zA-Z]/.test(line) ? '' : line;
    })
    .join('\n');
  const ESCAPES = { lt: '<', gt: '>', verbar: '|', sol: '/', quot: '"', amp: '&' };
  for (let i = 0; i < 4; i++) {
    const before = s;
    s = s
      .replace(/E<([^<>]*)>/g, (_, e) => ESCAPES[e] ?? (/^\d+$/.test(e) ? String.fromCodePoint(Number(e)) : ''))
      .replace(/[A-Z]<<+\s([\s\S]*?)\s>>+/g, '$1')
      .replace(/L<([^<>|]*)\|[^<>]*>/g, '$1')
      .replace(/Z<>/g, '')
      .replace(/[A-Z]<([^<>]*)>/g, '$1');
    if (s === before) break;
  }
  return s;
}

const ROFF_CHARS = {
  em: '—', en: '–', bu: '•', aq: "'", dq: '"', lq: '“', rq: '”', oq: '‘', cq: '’', co: '©',
  rg: '®', tm: '™', hy: '-', mi: '-', '>=': '≥', '<=': '≤', '->': '→', '<-': '←', ti: '~', ha: '^',
};

/**
 * roff man page → text. Section headings and macro arguments that are text (`.B`, `.IR`, …)
 * are kept; other requests are dropped; font, size and character escapes are resolved or removed.
 * @param {string} roff
 * @returns {string}
 */
export function stripRoff(roff) {
  const out = [];
  for (const raw of roff.split('\n')) {
    let line = raw;
    if (/^[.']\s*\\"/.test(line)) continue;
    const m = /^[.']\s*([A-Za-z]+)\s*(.*)$/.exec(line);
    if (m) {
      const [, req, args] = m;
      if (req === 'SH' || req === 'SS') line = `\n${unquote(args)}\n`;
      else if (/^(PP|LP|P|TP|IP|HP|sp|br|RS|RE|nf|fi)$/.test(req)) line = '\n';
      else if (/^(B|I|SM|SB)$/.test(req)) line = unquote(args);
      else if (/^(BR|RB|IR|RI|BI|IB)$/.test(req)) line = splitArgs(args).join('');
      else continue;
    } else if (/^[.']/.test(line)) {
      continue;
    }
    out.push(roffEscapes(line));
  }
  return out.join('\n');
}

const unquote = (s) => s.replace(/^"(.*)"\s*$/, '$1');
const splitArgs = (s) => (s.match(/"[^"]*"|\S+/g) ?? []).map((a) => a.replace(/^"|"$/g, ''));

function roffEscapes(s) {
  return s
    .replace(/\\".*$/, '')
    .replace(/\\f(?:\[[^\]]*\]|\([A-Za-z0-9]{2}|[A-Za-z0-9])/g, '')
    .replace(/\\s[+-]?\d+/g, '')
    .replace(/\\\(([^\s]{2})/g, (_, c) => ROFF_CHARS[c] ?? '')
    .replace(/\\\[([^\]]*)\]/g, (_, c) => ROFF_CHARS[c] ?? '')
    .replace(/\\\*(?:\(..|\[[^\]]*\]|.)/g, '')
    .replace(/\\[-e]/g, (e) => (e === '\\-' ? '-' : '\\'))
    .replace(/\\[&|^c%]/g, '')
    .replace(/\\[0~ ]/g, ' ')
    .replace(/\\(.)/g, '$1');
}

/**
 * WordNet `data.*` file → text: one line per synset, `words: gloss`; the license header
 * (lines starting with two spaces) is dropped; every 25 synsets make a paragraph.
 * @param {string} data
 * @returns {string}
 */
export function stripWordnet(data) {
  const lines = [];
  for (const line of data.split('\n')) {
    if (line.startsWith('  ') || line.length === 0) continue;
    const bar = line.indexOf(' | ');
    if (bar < 0) continue;
    const fields = line.slice(0, bar).split(' ');
    const count = parseInt(fields[3] ?? '0', 16);
    const words = [];
    for (let i = 0; i < count; i++) words.push((fields[4 + 2 * i] ?? '').replace(/_/g, ' ').replace(/\(\w+\)$/, ''));
    lines.push(`${words.join(', ')}: ${line.slice(bar + 3).trim()}.`);
  }
  const paragraphs = [];
  for (let i = 0; i < lines.length; i += 25) paragraphs.push(lines.slice(i, i + 25).join(' '));
  return paragraphs.join('\n\n');
}

/**
 * Splits stripped text on blank lines; collapses whitespace inside each paragraph.
 * @param {string} text
 * @returns {string[]} non-empty paragraphs, in order
 */
export function toParagraphs(text) {
  const out = [];
  for (const p of text.split(/\n[ \t\r\f\v\u00a0]*\n/)) {
    const q = p.replace(/\s+/g, ' ').trim();
    if (q.length > 0) out.push(q);
  }
  return out;
}
