import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { findDuplicates, type DedupeResult } from '../../src/dedupe.js';
import type { SourceDoc } from '../../src/types.js';
import { embedJson, escapeHtml, writeHtml, type HtmlData } from '../../src/report/html.js';
import { CLIENT_SCRIPT } from '../../src/report/html-client.js';

const SEEDS = 'fixtures/seeds';
const root = new URL('../../', import.meta.url);

/** The five seed files as SourceDocs, ids relative to the repository root. */
function seedDocs(): SourceDoc[] {
  return readdirSync(new URL(SEEDS, root))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const rel = `${SEEDS}/${f}`;
      const text = readFileSync(new URL(rel, root), 'utf8');
      return { id: rel, path: rel, format: 'text', text, bytes: Buffer.byteLength(text) };
    });
}

function textDoc(id: string, text: string): SourceDoc {
  return { id, path: id, format: 'text', text, bytes: Buffer.byteLength(text) };
}

function render(r: DedupeResult): string {
  const chunks: string[] = [];
  writeHtml(r, (c) => chunks.push(c));
  return chunks.join('');
}

const DATA_OPEN = '<script type="application/json" id="dedupe-data">';

/** The embedded data block's raw text and parsed value. */
function dataOf(html: string): { raw: string; data: HtmlData } {
  const i = html.indexOf(DATA_OPEN);
  expect(i).toBeGreaterThan(0);
  const j = html.indexOf('</script>', i);
  const raw = html.slice(i + DATA_OPEN.length, j);
  return { raw, data: JSON.parse(raw) as HtmlData };
}

/** The page without its data block (document text can legitimately hold anything). */
function chrome(html: string): string {
  const i = html.indexOf(DATA_OPEN);
  return html.slice(0, i) + html.slice(html.indexOf('</script>', i));
}

const totalPassages = (r: DedupeResult): number => r.pairs.reduce((n, p) => n + (p.passages?.length ?? 0), 0);

describe('writeHtml on the seed corpus', () => {
  const r = findDuplicates(seedDocs());
  const html = render(r);

  test('the pipeline found something to show', () => {
    expect(r.pairs.length).toBeGreaterThan(0);
    expect(totalPassages(r)).toBeGreaterThan(0);
  });

  test('is self-contained: no external script, stylesheet or URL outside the data', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]*\ssrc\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed|base)\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
    const page = chrome(html);
    expect(page).not.toMatch(/https?:\/\//i);
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`,
    );
    // Exactly the data block and the client script.
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  test('embeds every pair and passage, with each needed text once', () => {
    const { raw, data } = dataOf(html);
    expect(raw).not.toContain('<');
    expect(data.pairs).toHaveLength(r.pairs.length);
    const passages = data.pairs.reduce((n, p) => n + ((p.passages as unknown[] | undefined)?.length ?? 0), 0);
    expect(passages).toBe(totalPassages(r));
    expect(data.documents).toHaveLength(r.documents.length);
    expect(data.clusters).toHaveLength(r.clusters.length);
    expect(data.groups).toHaveLength(r.groups.length);
    expect(data.texts).toHaveLength(r.documents.length);

    r.pairs.forEach((p, i) => {
      const rec = data.pairs[i] as { doc_a: number; doc_b: number; kind: string; passages: { a: { start: number; end: number }; b: { start: number; end: number }; text?: string }[] };
      expect([rec.doc_a, rec.doc_b, rec.kind]).toEqual([p.a, p.b, p.kind]);
      const ta = data.texts[p.a]!;
      const tb = data.texts[p.b]!;
      expect(ta).toBe(r.text(p.a));
      expect(tb).toBe(r.text(p.b));
      rec.passages.forEach((x, k) => {
        // With both texts embedded, a passage's text is not repeated: it is a slice of doc a.
        expect(x.text).toBeUndefined();
        expect(ta.slice(x.a.start, x.a.end)).toBe(p.passages![k]!.text);
        expect(x.b.end).toBeLessThanOrEqual(tb.length);
      });
    });
    // Each text stored once, not once per pair.
    for (const t of data.texts) if (t !== null) expect(raw.split(embedJson(t)).length - 1).toBe(1);
    // Documents in no passage-sharing pair carry no text.
    const inPairs = new Set(r.pairs.flatMap((p) => [p.a, p.b]));
    data.texts.forEach((t, i) => {
      if (!inPairs.has(i)) expect(t).toBeNull();
    });
  });

  test('the static header shows the summary and params', () => {
    expect(html).toContain('<div class="stat-n">5</div><div class="stat-l">documents</div>');
    expect(html).toContain(`<div class="stat-l">${r.clusters.length === 1 ? 'duplicate cluster' : 'duplicate clusters'}</div>`);
    expect(html).toContain('<dt>threshold</dt>');
  });

  test('is deterministic: same result, same bytes; same input, same bytes', () => {
    expect(render(r)).toBe(html);
    expect(render(findDuplicates(seedDocs()))).toBe(html);
  });
});

describe('untrusted text', () => {
  const evil = '</script><script>alert(1)</script> <!-- <img src=x onerror=alert(2)> &amp; \u2028 \r\n';
  const body = Array.from({ length: 60 }, (_, i) => `word${i} alpha beta gamma delta`).join(' ');
  const r = findDuplicates([textDoc('x.txt', `${evil} ${body} one`), textDoc('y.txt', `${evil} ${body} two`)]);
  const html = render(r);

  test('a document cannot close the data script element', () => {
    expect(r.pairs).toHaveLength(1);
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('alert(1)</script>');
    expect(html).not.toContain('<img');
    const { data } = dataOf(html);
    expect(data.texts[0]).toBe(r.text(0));
    expect(data.texts[0]).toContain('</script><script>alert(1)</script>');
    expect(data.texts[0]).toContain('\r\n');
  });

  test('ids in the static part are escaped', () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;');
    expect(embedJson({ s: '</script><!--' })).toBe('{"s":"\\u003c/script>\\u003c!--"}');
  });
});

describe('without full texts', () => {
  const docs = seedDocs();

  test('overlap off: pairs without passages, no texts, and the page says so', () => {
    const r = findDuplicates(docs, { overlap: false });
    const html = render(r);
    const { data } = dataOf(html);
    expect(data.pairs.length).toBe(r.pairs.length);
    expect(data.pairs.every((p) => p.passages === undefined)).toBe(true);
    expect(data.texts.every((t) => t === null)).toBe(true);
    expect(html).toContain('overlap detection off');
  });

  test('texts unavailable: passages carry their own text', () => {
    const full = findDuplicates(docs);
    const r: DedupeResult = { ...full, text: () => undefined };
    const { data } = dataOf(render(r));
    expect(data.texts.every((t) => t === null)).toBe(true);
    full.pairs.forEach((p, i) => {
      const ps = data.pairs[i]!.passages as { text?: string }[];
      expect(ps.map((x) => x.text)).toEqual(p.passages!.map((x) => x.text));
    });
  });
});

test('the client script can sit inside a template literal and a script element', () => {
  expect(CLIENT_SCRIPT).not.toContain('</script');
  expect(CLIENT_SCRIPT).not.toContain('<!--');
  expect(CLIENT_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
});
