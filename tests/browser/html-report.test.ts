/**
 * The HTML report in a real browser: Debian's chromium driven by playwright-core (no browser is
 * downloaded). Without /usr/bin/chromium (or $DEDUPE_CHROMIUM) these tests FAIL with how to
 * install it, unless DEDUPE_SKIP_BROWSER=1, which skips them (with the same message).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findDuplicates, type DedupeResult, type DocumentInfo } from '../../src/dedupe.js';
import { resolveOptions } from '../../src/options.js';
import type { PairKind, Passage, ScoredPair, SourceDoc } from '../../src/types.js';
import { writeHtml, type HtmlData } from '../../src/report/html.js';

/** Debian's chromium; DEDUPE_CHROMIUM points elsewhere (e.g. to check the message when it is missing). */
const CHROMIUM = process.env.DEDUPE_CHROMIUM ?? '/usr/bin/chromium';
const INSTALL =
  `The browser tests need Chromium at ${CHROMIUM}, which is missing. ` +
  'Install it with `apt-get update && apt-get install -y chromium` (Debian/Ubuntu; as root), ' +
  'or set DEDUPE_SKIP_BROWSER=1 to skip these tests.';
const SKIP = process.env.DEDUPE_SKIP_BROWSER === '1';
const SKIPPED =
  `HTML report browser tests skipped (DEDUPE_SKIP_BROWSER=1). They need Chromium at ${CHROMIUM}: ` +
  'install it with `apt-get update && apt-get install -y chromium` (Debian/Ubuntu; as root) and unset DEDUPE_SKIP_BROWSER.';
const SCREENSHOT = '/tmp/dedupe-report.png';

const root = new URL('../../', import.meta.url);

function seedDocs(): SourceDoc[] {
  return readdirSync(new URL('fixtures/seeds', root))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const rel = `fixtures/seeds/${f}`;
      const text = readFileSync(new URL(rel, root), 'utf8');
      return { id: rel, path: rel, format: 'text', text, bytes: Buffer.byteLength(text) };
    });
}

function render(r: DedupeResult): string {
  const chunks: string[] = [];
  writeHtml(r, (c) => chunks.push(c));
  return chunks.join('');
}

function dataOf(html: string): HtmlData {
  const open = '<script type="application/json" id="dedupe-data">';
  const i = html.indexOf(open) + open.length;
  return JSON.parse(html.slice(i, html.indexOf('</script>', i))) as HtmlData;
}

type PairData = { doc_a: number; doc_b: number; kind: string; passages?: Passage[] };

/**
 * A made-up result with many pairs, for paging and filtering, whose first pair has passages
 * that overlap on a side or fall outside the text (the client must cope).
 */
function syntheticResult(nDocs: number): DedupeResult {
  const texts = Array.from({ length: nDocs }, (_, i) =>
    Array.from({ length: 40 }, (_, k) => `Document ${i} sentence ${k} says something unremarkable.`).join(' '),
  );
  const documents: DocumentInfo[] = texts.map((t, i) => ({
    index: i,
    id: `corpus/doc-${String(i).padStart(3, '0')}.txt`,
    path: `corpus/doc-${String(i).padStart(3, '0')}.txt`,
    format: 'text',
    bytes: t.length,
    chars: t.length,
    tokens: t.split(' ').length,
    shingles: t.split(' ').length - 4,
  }));
  const kinds: PairKind[] = ['duplicate', 'contained', 'overlap'];
  const pairs: ScoredPair[] = [];
  for (let a = 0; a < nDocs && pairs.length < 250; a++) {
    for (let b = a + 1; b < nDocs && pairs.length < 250; b += 3) {
      const n = pairs.length;
      const passages: Passage[] =
        n === 0
          ? [
              { a: { start: 10, end: 60 }, b: { start: 10, end: 60 }, words: 8, text: texts[a]!.slice(10, 60) },
              { a: { start: 40, end: 120 }, b: { start: 900, end: 980 }, words: 12, text: texts[a]!.slice(40, 120) },
              { a: { start: 2000, end: 1e9 }, b: { start: -5, end: 30 }, words: 20, text: texts[a]!.slice(2000) },
            ]
          : [{ a: { start: 100, end: 180 }, b: { start: 300, end: 380 }, words: 12, text: texts[a]!.slice(100, 180) }];
      pairs.push({ a, b, kind: kinds[n % 3]!, jaccard: (n % 97) / 100, aInB: 0.5, bInA: 0.4, passages, coverage: { aInB: 0.3, bInA: 0.2 } });
    }
  }
  const order: Record<PairKind, number> = { duplicate: 0, contained: 1, overlap: 2 };
  pairs.sort((x, y) => order[x.kind] - order[y.kind] || x.a - y.a || x.b - y.b);
  return {
    options: resolveOptions({}),
    documents,
    clusters: [{ members: [0, 1, 4], keep: 0, derived: [4] }],
    pairs,
    groups: [{ members: [0, 1, 2, 3, 4, 5] }],
    stats: {
      documents: nDocs, empty: 0, bytes: 0, tokens: 0, candidates: 0, verified: 0, duplicatePairs: 0, clusters: 1,
      redundant: 2, overlapCandidates: 0, overlapPairs: 0, containedPairs: 0, groups: 1, largestGroup: 6,
      boilerplate: [{ text: 'All rights reserved.', documents: 40 }], recallAtThreshold: 0.99, timings: {},
    },
    text: (d) => texts[d],
  };
}

if (SKIP) {
  console.warn(SKIPPED);
  test.skip(SKIPPED, () => {});
}

describe.skipIf(SKIP)('HTML report in Chromium', { timeout: 60_000 }, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(INSTALL);
    dir = mkdtempSync(join(tmpdir(), 'dedupe-html-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Writes the page, opens it by file:// and records errors and any non-file request. */
  async function open(r: DedupeResult, file: string): Promise<{ page: Page; data: HtmlData; problems: string[] }> {
    const html = render(r);
    const path = join(dir, file);
    writeFileSync(path, html);
    const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (q) => {
      if (!q.url().startsWith('file:')) problems.push(`request: ${q.url()}`);
    });
    await page.goto(pathToFileURL(path).href);
    await page.waitForSelector('table.pairs');
    return { page, data: dataOf(html), problems };
  }

  const side = (s: 'a' | 'b'): string => `#viewer .pane[data-side="${s}"]`;

  /** The twin's box against its column's visible box, after a click on the other side. */
  async function twinGeometry(page: Page, s: 'a' | 'b', k: number) {
    return page.evaluate(
      ({ sel, k }) => {
        const col = document.querySelector(`${sel} .doc-text`)!;
        const m = col.querySelector(`mark.passage[data-passage="${k}"]`)!;
        const c = col.getBoundingClientRect();
        const r = m.getBoundingClientRect();
        return { colTop: c.top, colBottom: c.top + col.clientHeight, top: r.top, bottom: r.bottom, active: m.classList.contains('active') };
      },
      { sel: side(s), k },
    );
  }

  /** Scrolls a column so that passage k is as far out of view as it gets; returns whether it is out of view. */
  async function pushAway(page: Page, s: 'a' | 'b', k: number): Promise<boolean> {
    return page.evaluate(
      ({ sel, k }) => {
        const col = document.querySelector(`${sel} .doc-text`) as HTMLElement;
        const m = col.querySelector(`mark.passage[data-passage="${k}"]`)!;
        const y = m.getBoundingClientRect().top - col.getBoundingClientRect().top + col.scrollTop;
        col.scrollTop = y > col.scrollHeight / 2 ? 0 : col.scrollHeight;
        const c = col.getBoundingClientRect();
        const r = m.getBoundingClientRect();
        return r.bottom < c.top || r.top > c.top + col.clientHeight;
      },
      { sel: side(s), k },
    );
  }

  function expectInView(g: Awaited<ReturnType<typeof twinGeometry>>): void {
    const colHeight = g.colBottom - g.colTop;
    if (g.bottom - g.top <= colHeight) {
      expect(g.top).toBeGreaterThanOrEqual(g.colTop - 1);
      expect(g.bottom).toBeLessThanOrEqual(g.colBottom + 1);
    } else {
      // Taller than the column: its start is shown.
      expect(g.top).toBeGreaterThanOrEqual(g.colTop - 1);
      expect(g.top).toBeLessThan(g.colBottom);
    }
  }

  test('seed corpus: every pair side by side, passages marked and linked', async () => {
    const r = findDuplicates(seedDocs());
    const { page, data, problems } = await open(r, 'seeds.html');
    const pairs = data.pairs as unknown as PairData[];
    expect(pairs.length).toBe(r.pairs.length);
    expect(await page.locator('tr.pair-row').count()).toBe(pairs.length);
    // Lazy: nothing side by side until a pair is opened.
    expect(await page.locator('mark.passage').count()).toBe(0);
    expect(await page.locator('#viewer').isHidden()).toBe(true);

    let pushedOut = 0;
    for (let i = 0; i < pairs.length; i++) {
      const p = pairs[i]!;
      const ps = p.passages ?? [];
      await page.click(`tr.pair-row[data-pair="${i}"]`);
      await page.waitForSelector('#viewer:not([hidden]) .pane');
      expect(new URL(page.url()).hash).toBe(`#pair-${i + 1}`);

      for (const s of ['a', 'b'] as const) {
        const marks = page.locator(`${side(s)} mark.passage`);
        expect(await marks.count(), `pair ${i} side ${s}`).toBe(ps.length);
        // Each mark holds exactly its passage's range of the embedded text.
        const got = await marks.evaluateAll((ms) => ms.map((m) => [Number(m.getAttribute('data-passage')), m.textContent ?? ''] as const));
        const text = data.texts[s === 'a' ? p.doc_a : p.doc_b]!;
        expect(got.map(([k]) => k).sort((x, y) => x - y)).toEqual(ps.map((_, k) => k));
        for (const [k, t] of got) expect(t).toBe(text.slice(ps[k]![s].start, ps[k]![s].end));
      }
      // Only this pair is rendered.
      expect(await page.locator('mark.passage').count()).toBe(2 * ps.length);

      for (let k = 0; k < ps.length; k++) {
        if (await pushAway(page, 'b', k)) pushedOut++;
        await page.locator(`${side('a')} mark.passage[data-passage="${k}"]`).click();
        const g = await twinGeometry(page, 'b', k);
        expectInView(g);
        expect(g.active, `pair ${i} passage ${k} twin active`).toBe(true);
        expect(await page.locator(`${side('a')} mark.passage[data-passage="${k}"]`).getAttribute('class')).toContain('active');
      }
      // And from right to left.
      if (ps.length > 0) {
        const k = ps.length - 1;
        if (await pushAway(page, 'a', k)) pushedOut++;
        await page.locator(`${side('b')} mark.passage[data-passage="${k}"]`).click();
        const g = await twinGeometry(page, 'a', k);
        expectInView(g);
        expect(g.active).toBe(true);
      }
      await page.keyboard.press('Escape');
      await page.waitForSelector('#viewer', { state: 'hidden' });
      expect(await page.locator('mark.passage').count()).toBe(0);
    }
    // The clicks above had to scroll at least once (the check is not vacuous).
    expect(pushedOut).toBeGreaterThan(0);

    // Screenshot of the pair with the most passages, a passage clicked.
    const best = pairs.reduce((b, p, i) => ((p.passages?.length ?? 0) > (pairs[b]!.passages?.length ?? 0) ? i : b), 0);
    await page.click(`tr.pair-row[data-pair="${best}"]`);
    await page.waitForSelector('#viewer:not([hidden]) .pane');
    const last = (pairs[best]!.passages?.length ?? 1) - 1;
    await page.locator(`${side('a')} mark.passage[data-passage="${last}"]`).click();
    await page.screenshot({ path: SCREENSHOT });
    await page.keyboard.press('Escape');
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-list.png'), fullPage: true });

    expect(problems).toEqual([]);
    await page.close();
  });

  test('many pairs: 100 per page, filters by kind and id, copes with bad offsets', async () => {
    const r = syntheticResult(90);
    const { page, data, problems } = await open(r, 'synthetic.html');
    const rows = page.locator('tr.pair-row');
    expect(r.pairs.length).toBe(250);
    expect(await rows.count()).toBe(100);
    await expect.poll(() => page.locator('.pager .info').textContent()).toBe('1–100 of 250');
    await page.click('.pager button:has-text("Next")');
    expect(await rows.count()).toBe(100);
    expect(await rows.first().getAttribute('data-pair')).toBe('100');
    await page.click('.pager button:has-text("Next")');
    expect(await rows.count()).toBe(50);
    expect(await page.locator('.pager button:has-text("Next")').isDisabled()).toBe(true);

    await page.click('.seg button[data-kind="contained"]');
    const contained = r.pairs.filter((p) => p.kind === 'contained').length;
    expect(await rows.count()).toBe(Math.min(100, contained));
    expect(new Set(await rows.evaluateAll((rs) => rs.map((x) => x.getAttribute('data-kind'))))).toEqual(new Set(['contained']));

    await page.click('.seg button[data-kind="all"]');
    await page.fill('input[type="search"]', 'doc-007');
    const withDoc7 = r.pairs.filter((p) => p.a === 7 || p.b === 7).length;
    expect(await rows.count()).toBe(withDoc7);
    for (const t of await rows.allTextContents()) expect(t).toContain('doc-007');

    // Clicking a cluster member filters the list by it.
    await page.click('.members .doc-link >> nth=0');
    expect(await page.inputValue('input[type="search"]')).toBe('corpus/doc-000.txt');

    // Pair 1 has overlapping and out-of-range passages: still one mark per passage per side.
    await page.fill('input[type="search"]', '');
    await page.click('tr.pair-row[data-pair="0"]');
    await page.waitForSelector('#viewer:not([hidden]) .pane');
    const ps = (data.pairs[0] as unknown as PairData).passages!;
    for (const s of ['a', 'b'] as const) expect(await page.locator(`${side(s)} mark.passage`).count()).toBe(ps.length);
    const text = (await page.locator(`${side('a')} .doc-text`).textContent()) ?? '';
    expect(text).toBe(data.texts[(data.pairs[0] as unknown as PairData).doc_a]);
    // Next/previous passage buttons.
    await page.keyboard.press('n');
    expect(await page.locator('.pnav .count').textContent()).toBe('Passage 2 of 3');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#viewer', { state: 'hidden' });
    // Opening by URL works too.
    await page.goto(`${page.url().replace(/#.*$/, '')}#pair-3`);
    await page.waitForSelector('#viewer:not([hidden]) .pane');
    expect(await page.locator('.viewer-title').textContent()).toContain('Pair 3 of 250');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('without texts: passages only, and the page says why', async () => {
    const full = findDuplicates(seedDocs());
    const { page, data, problems } = await open({ ...full, text: () => undefined }, 'no-texts.html');
    const best = full.pairs.reduce((b, p, i) => ((p.passages?.length ?? 0) > (full.pairs[b]!.passages?.length ?? 0) ? i : b), 0);
    await page.click(`tr.pair-row[data-pair="${best}"]`);
    await page.waitForSelector('#viewer:not([hidden]) .passage-list');
    expect(await page.locator('#viewer .notice').textContent()).toContain('full texts are not in this report');
    expect(await page.locator('#viewer .pane').count()).toBe(0);
    const quoted = await page.locator('#viewer .passage-item mark.passage').allTextContents();
    expect(quoted).toEqual(full.pairs[best]!.passages!.map((x) => x.text));
    expect(data.texts.every((t) => t === null)).toBe(true);
    await page.close();

    const off = findDuplicates(seedDocs(), { overlap: false });
    const o = await open(off, 'no-overlap.html');
    expect(await o.page.locator('main .notice').textContent()).toContain('Overlap detection was off');
    expect(await o.page.locator('tr.pair-row').count()).toBe(off.pairs.length);
    if (off.pairs.length > 0) {
      await o.page.click('tr.pair-row[data-pair="0"]');
      expect(await o.page.locator('#viewer .notice').textContent()).toContain('No shared passages were recorded');
    }
    expect([...problems, ...o.problems]).toEqual([]);
    await o.page.close();
  });

  test('counts characters, not words, for Chinese text', async () => {
    const zh = readFileSync(new URL('fixtures/multilingual/zh-a.txt', root), 'utf8');
    const mk = (id: string, text: string): SourceDoc => ({ id, path: id, format: 'text', text, bytes: Buffer.byteLength(text) });
    const r = findDuplicates([mk('zh.txt', zh), mk('zh-excerpt.txt', zh.slice(0, Math.floor(zh.length * 0.4)))]);
    expect(r.pairs[0]?.passages?.length).toBeGreaterThan(0);
    const { page, problems } = await open(r, 'zh.html');
    const row = (await page.locator('tr.pair-row[data-pair="0"]').textContent()) ?? '';
    expect(row).toMatch(/\d characters/);
    expect(row).not.toMatch(/\bwords?\b/);
    await page.click('tr.pair-row[data-pair="0"]');
    await page.waitForSelector('#viewer:not([hidden]) .pane');
    const viewer = (await page.locator('#viewer').textContent()) ?? '';
    expect(viewer).toMatch(/B is derived from A: 1 passage, \d+ characters, 100% of it/);
    expect(viewer).not.toMatch(/\d words?\b/);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('untrusted text stays text', async () => {
    const evil = '</script><script>alert(1)</script> <img src=x onerror="alert(2)"> <b>bold</b> &amp;';
    const body = Array.from({ length: 60 }, (_, i) => `word${i} alpha beta gamma delta`).join(' ');
    const mk = (id: string, text: string): SourceDoc => ({ id, path: id, format: 'text', text, bytes: text.length });
    const r = findDuplicates([mk('<i>x</i>.txt', `${evil} ${body} one`), mk('y.txt', `${evil} ${body} two`)]);
    const { page, problems } = await open(r, 'evil.html');
    await page.click('tr.pair-row[data-pair="0"]');
    await page.waitForSelector('#viewer:not([hidden]) .pane');
    expect(await page.locator(`${side('a')} .doc-text`).textContent()).toBe(r.text(0));
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#viewer .doc-text :not(mark)').count()).toBe(0);
    expect(await page.locator(`${side('a')} .pane-id`).textContent()).toContain('<i>x</i>.txt');
    expect(problems).toEqual([]);
    await page.close();
  });
});
