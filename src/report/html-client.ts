/**
 * The script of the HTML report, run in the browser (inlined; plain ES2020, no modules).
 *
 * It reads the data from `#dedupe-data` (see HtmlData in html.ts) and renders:
 *   - the duplicate clusters and overlap groups (clicking a document filters the pair list);
 *   - the pair list, filtered by kind and document-id substring, sorted, 100 rows per page;
 *   - the side-by-side view of one pair, built only when it is opened (`#pair-<n>`, 1-based):
 *     both texts in scrollable columns, each shared passage a `<mark class="passage"
 *     data-passage="<index into pair.passages>">` on both sides; clicking one scrolls its twin
 *     into view and flashes both (class `active`).
 *
 * Documents are untrusted: every string from the data goes into the page through textContent
 * or createTextNode, never innerHTML; attributes are set with setAttribute (no URLs, no handlers).
 * Passage offsets are UTF-16 code units, half-open, as JavaScript strings index them; they are
 * clamped to the text and, should passages on one side overlap, later ones are clipped.
 *
 * Kept as a string (not a compiled module) because the project's tsconfig has no DOM types;
 * it must contain no backtick and no dollar-brace, as it sits inside a template literal.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('dedupe-data').textContent);
  var docs = D.documents, pairs = D.pairs, texts = D.texts;
  var app = document.getElementById('app');
  var PAGE = 100;
  var KINDS = ['duplicate', 'contained', 'overlap'];

  /* ---------- helpers ---------- */

  function h(tag, props, children) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = String(v);
        else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? '' : String(v));
      });
    }
    add(e, children);
    return e;
  }
  function add(e, c) {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) c.forEach(function (x) { add(e, x); });
    else if (typeof c === 'string' || typeof c === 'number') e.appendChild(document.createTextNode(String(c)));
    else e.appendChild(c);
  }
  function pct(x) {
    if (typeof x !== 'number' || !isFinite(x)) return '–';
    var v = x * 100;
    if (v > 0 && v < 0.1) return '<0.1%';
    if (v < 100 && v > 99.9) return '>99.9%';
    if (v === 0 || v === 100) return v + '%';
    return v.toFixed(1) + '%';
  }
  function num(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  function plural(n, one, many) { return num(n) + ' ' + (n === 1 ? one : (many || one + 's')); }
  function name(i) { return docs[i] ? String(docs[i].id) : '#' + i; }
  function passagesOf(p) { return Array.isArray(p.passages) ? p.passages : []; }
  function wordsOf(p) { return passagesOf(p).reduce(function (s, x) { return s + (x.words || 0); }, 0); }
  // What a count of tokens is called (as in the text report): characters for text in scripts
  // written without spaces (Chinese, Japanese, Thai), fewer than two characters a token.
  function unit(tokens, chars) { return tokens > 0 && chars < 2 * tokens ? 'character' : 'word'; }
  function passageUnit(x) { return unit(x.words || 0, x.a.end - x.a.start); }
  function pairUnit(p) { return unit(wordsOf(p), passagesOf(p).reduce(function (s, x) { return s + (x.a.end - x.a.start); }, 0)); }
  function cover(p) { return p.coverage ? Math.max(p.coverage.a_in_b, p.coverage.b_in_a) : 0; }
  function badge(kind, label) { return h('span', { class: 'badge ' + kind, text: label || kind }); }
  function bar(x) {
    var i = h('i');
    i.style.width = Math.max(0, Math.min(100, x * 100)).toFixed(1) + '%';
    return h('span', { class: 'bar', 'aria-hidden': 'true' }, i);
  }
  function docSize(i) {
    var d = docs[i];
    return d ? num(d.bytes) + ' bytes · ' + plural(d.tokens, unit(d.tokens, d.chars || 0)) : '';
  }
  function pairHash(i) { return '#pair-' + (i + 1); }
  function openPairLink(i) { location.hash = pairHash(i); }

  var pairAt = new Map();
  pairs.forEach(function (p, i) { pairAt.set(p.doc_a + ',' + p.doc_b, i); });
  function between(x, y) { return x < y ? pairAt.get(x + ',' + y) : pairAt.get(y + ',' + x); }

  /* ---------- clusters and groups ---------- */

  /* Appends items to parent, 'step' at a time behind a "Show more" button (the lists can be long). */
  function more(parent, items, make, step) {
    var shown = 0;
    var btn = h('button', { class: 'btn more', type: 'button', onclick: next });
    function next() {
      items.slice(shown, shown + step).forEach(function (x) { parent.appendChild(make(x)); });
      shown = Math.min(items.length, shown + step);
      btn.textContent = 'Show ' + num(Math.min(step, items.length - shown)) + ' more (' + num(items.length - shown) + ' left)';
      btn.hidden = shown >= items.length;
    }
    next();
    return btn;
  }

  function section(title, count) {
    var s = h('section');
    s.appendChild(h('h2', null, [title, count === undefined ? null : h('span', { class: 'count', text: count })]));
    app.appendChild(s);
    return s;
  }

  function docButton(i, cls) {
    return h('button', {
      class: cls, type: 'button', title: 'Show the pairs of ' + name(i), text: name(i),
      onclick: function () { filterByDoc(i); },
    });
  }

  function renderClusters() {
    var s = section('Duplicate clusters', plural(D.clusters.length, 'cluster'));
    if (D.clusters.length === 0) { s.appendChild(h('p', { class: 'empty', text: 'No duplicate clusters.' })); return; }
    var grid = h('div', { class: 'cards' });
    var btn = more(grid, D.clusters, function (c) {
      var derived = new Set(c.derived_docs);
      var ordered = [c.keep_doc].concat(c.member_docs.filter(function (m) { return m !== c.keep_doc; }));
      var ul = h('ul', { class: 'members' });
      ordered.forEach(function (m) {
        var role = m === c.keep_doc ? badge('keep') : derived.has(m) ? badge('derived') : badge('dup', 'copy');
        var sim;
        if (m === c.keep_doc) sim = h('span', { class: 'meta', text: 'suggested to keep' });
        else {
          var pi = between(m, c.keep_doc);
          if (pi === undefined) sim = h('span', { class: 'meta', text: 'linked through another member' });
          else {
            var p = pairs[pi];
            var label = p.kind === 'duplicate' ? 'Jaccard ' + pct(similarity(p))
              : pct(p.coverage ? (p.doc_a === m ? p.coverage.a_in_b : p.coverage.b_in_a) : (p.doc_a === m ? p.containment.a_in_b : p.containment.b_in_a)) + ' in the keeper';
            sim = h('button', { class: 'sim', type: 'button', title: 'Compare side by side', text: label + ' →', onclick: function () { openPairLink(pi); } });
          }
        }
        ul.appendChild(h('li', null, [
          role,
          h('div', { class: 'doc' }, [docButton(m, 'doc-link'), h('div', { class: 'meta', text: docSize(m) })]),
          sim,
        ]));
      });
      return h('article', { class: 'card' }, [
        h('div', { class: 'card-head' }, [h('span', { class: 'title', text: 'Cluster ' + c.id }), badge(c.kind), h('span', { class: 'sub', text: plural(c.size, 'document') })]),
        ul,
      ]);
    }, 24);
    s.appendChild(grid);
    s.appendChild(btn);
  }

  function renderGroups() {
    if (!D.params.overlap) return;
    var s = section('Overlap groups', plural(D.groups.length, 'group'));
    if (D.groups.length === 0) { s.appendChild(h('p', { class: 'empty', text: 'No documents share passages.' })); return; }
    var grid = h('div', { class: 'cards' });
    var btn = more(grid, D.groups, function (g) {
      return h('article', { class: 'card' }, [
        h('div', { class: 'card-head' }, [h('span', { class: 'title', text: 'Group ' + g.id }), h('span', { class: 'sub', text: plural(g.size, 'document') + ' connected by shared passages' })]),
        h('div', { class: 'chips' }, g.member_docs.map(function (m) { return docButton(m, 'chip'); })),
      ]);
    }, 24);
    s.appendChild(grid);
    s.appendChild(btn);
  }

  function renderBoilerplate() {
    var b = D.stats.boilerplate || [];
    if (b.length === 0) return;
    var s = section('Ignored as boilerplate', 'shared by too many documents');
    s.appendChild(h('ul', { class: 'boilerplate' }, b.slice(0, 20).map(function (x) {
      return h('li', null, [h('span', { class: 'n', text: plural(x.documents, 'doc') }), '“' + x.text + '”']);
    })));
  }

  /* ---------- the pair list ---------- */

  var state = { kind: 'all', q: '', sort: 'order', page: 0 };
  var list = {};

  function renderPairSection() {
    var s = section('Pairs', plural(pairs.length, 'pair'));
    list.section = s;
    if (!D.params.overlap) {
      s.appendChild(h('p', { class: 'notice', text: 'Overlap detection was off for this run (--no-overlap): pairs are duplicates only, with no shared passages, and the texts are not in this report.' }));
    }
    list.seg = h('div', { class: 'seg', role: 'group', 'aria-label': 'Kind' });
    list.search = h('input', { type: 'search', placeholder: 'Filter by document id…', 'aria-label': 'Filter by document id' });
    list.search.addEventListener('input', function () { state.q = list.search.value; state.page = 0; renderRows(); });
    list.sort = h('select', { 'aria-label': 'Order' }, [
      h('option', { value: 'order', text: 'Report order' }),
      h('option', { value: 'jaccard', text: 'Jaccard, highest first' }),
      h('option', { value: 'coverage', text: 'Coverage, highest first' }),
      h('option', { value: 'passages', text: 'Shared words, most first' }),
    ]);
    list.sort.addEventListener('change', function () { state.sort = list.sort.value; state.page = 0; renderRows(); });
    list.info = h('span', { class: 'info' });
    list.prev = h('button', { class: 'btn', type: 'button', text: '‹ Prev', onclick: function () { state.page--; renderRows(); } });
    list.next = h('button', { class: 'btn', type: 'button', text: 'Next ›', onclick: function () { state.page++; renderRows(); } });
    s.appendChild(h('div', { class: 'toolbar' }, [list.seg, list.search, list.sort, h('div', { class: 'pager' }, [list.info, list.prev, list.next])]));
    list.body = h('tbody');
    s.appendChild(h('div', { class: 'table-wrap' }, h('table', { class: 'pairs' }, [
      h('thead', null, h('tr', null, [
        h('th', { text: 'Kind' }), h('th', { text: 'Documents' }), h('th', { class: 'num', text: 'Jaccard' }),
        h('th', { class: 'num', text: 'Containment' }), h('th', { class: 'num', text: 'Coverage' }), h('th', { class: 'num', text: 'Passages' }),
      ])),
      list.body,
    ])));
    list.body.addEventListener('click', function (ev) {
      var tr = ev.target.closest('tr.pair-row');
      if (tr) openPairLink(Number(tr.getAttribute('data-pair')));
    });
    list.body.addEventListener('keydown', function (ev) {
      var tr = ev.target.closest('tr.pair-row');
      if (tr && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); openPairLink(Number(tr.getAttribute('data-pair'))); }
    });
    renderRows();
  }

  function matching() {
    var q = state.q.trim().toLowerCase();
    var out = [];
    for (var i = 0; i < pairs.length; i++) {
      if (q && name(pairs[i].doc_a).toLowerCase().indexOf(q) < 0 && name(pairs[i].doc_b).toLowerCase().indexOf(q) < 0) continue;
      out.push(i);
    }
    return out;
  }

  function renderRows() {
    var hits = matching();
    var counts = { all: hits.length, duplicate: 0, contained: 0, overlap: 0 };
    hits.forEach(function (i) { counts[pairs[i].kind] = (counts[pairs[i].kind] || 0) + 1; });
    list.seg.replaceChildren.apply(list.seg, ['all'].concat(KINDS).map(function (k) {
      return h('button', {
        type: 'button', 'aria-pressed': String(state.kind === k), 'data-kind': k,
        onclick: function () { state.kind = k; state.page = 0; renderRows(); },
      }, [k === 'all' ? 'All' : k, h('span', { class: 'n', text: num(counts[k] || 0) })]);
    }));
    var shown = state.kind === 'all' ? hits : hits.filter(function (i) { return pairs[i].kind === state.kind; });
    var key = {
      jaccard: similarity,
      coverage: cover,
      passages: wordsOf,
    }[state.sort];
    if (key) shown = shown.slice().sort(function (x, y) { return key(pairs[y]) - key(pairs[x]) || x - y; });
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    state.page = Math.max(0, Math.min(state.page, pages - 1));
    var from = state.page * PAGE, to = Math.min(shown.length, from + PAGE);
    list.info.textContent = shown.length === 0 ? 'no pairs' : num(from + 1) + '–' + num(to) + ' of ' + num(shown.length);
    list.prev.disabled = state.page === 0;
    list.next.disabled = state.page >= pages - 1;
    var rows = shown.slice(from, to).map(pairRow);
    if (rows.length === 0) rows = [h('tr', null, h('td', { colspan: 6, class: 'empty', text: pairs.length === 0 ? 'No pairs were found.' : 'No pairs match the filter.' }))];
    list.body.replaceChildren.apply(list.body, rows);
  }

  function pairRow(i) {
    var p = pairs[i];
    var ps = passagesOf(p);
    return h('tr', { class: 'pair-row', 'data-pair': i, 'data-kind': p.kind, tabindex: 0, title: 'Open side by side' }, [
      h('td', null, badge(p.kind)),
      h('td', null, h('div', { class: 'pair-docs' }, [
        h('span', { title: name(p.doc_a) }, [h('b', { class: 'side', text: 'A' }), name(p.doc_a)]),
        h('span', { title: name(p.doc_b) }, [h('b', { class: 'side', text: 'B' }), name(p.doc_b)]),
      ])),
      h('td', { class: 'num', title: p.article_jaccard === undefined ? '' : 'Jaccard of the articles (without the boilerplate at their edges); of the whole texts ' + pct(p.jaccard) }, [pct(similarity(p)), bar(similarity(p))]),
      h('td', { class: 'num' }, h('div', { class: 'dual' }, [
        h('span', null, [h('span', { class: 'muted', text: 'A in B ' }), pct(p.containment.a_in_b)]),
        h('span', null, [h('span', { class: 'muted', text: 'B in A ' }), pct(p.containment.b_in_a)]),
      ])),
      h('td', { class: 'num' }, p.coverage ? h('div', { class: 'dual' }, [
        h('span', null, [h('span', { class: 'muted', text: 'A ' }), pct(p.coverage.a_in_b), bar(p.coverage.a_in_b)]),
        h('span', null, [h('span', { class: 'muted', text: 'B ' }), pct(p.coverage.b_in_a), bar(p.coverage.b_in_a)]),
      ]) : h('span', { class: 'muted', text: '–' })),
      h('td', { class: 'num' }, p.passages ? h('div', { class: 'dual' }, [
        h('span', { text: num(ps.length) }), h('span', { class: 'muted', text: plural(wordsOf(p), pairUnit(p)) }),
      ]) : h('span', { class: 'muted', text: '–' })),
    ]);
  }

  function filterByDoc(i) {
    state.q = name(i); state.kind = 'all'; state.page = 0;
    list.search.value = state.q;
    renderRows();
    list.section.scrollIntoView({ block: 'start' });
  }

  /* ---------- the side-by-side view ---------- */

  var viewer = h('div', { class: 'viewer', id: 'viewer', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Pair side by side', hidden: true });
  document.body.appendChild(viewer);
  var view = null; // { pair, panes: {a, b}, marks: {a: [], b: []}, mini: {a: [], b: []}, k, pos }
  var opener = null;

  /* Clamps passage ranges of one side to [0, len] and clips overlaps (a later start moves to the previous end). */
  function ranges(ps, side, len) {
    function at(x) { return typeof x === 'number' && isFinite(x) ? Math.max(0, Math.min(len, Math.floor(x))) : 0; }
    var rs = ps.map(function (x, i) {
      var r = x && x[side] ? x[side] : {};
      var s = at(r.start);
      return { i: i, start: s, end: Math.max(s, at(r.end)) };
    }).sort(function (x, y) { return x.start - y.start || x.i - y.i; });
    var pos = 0;
    rs.forEach(function (r) { r.start = Math.max(r.start, pos); r.end = Math.max(r.end, r.start); pos = r.end; });
    return rs;
  }

  /* Fills el with the text, each passage range wrapped in a mark; returns the marks by passage index. */
  function renderText(el, text, rs, count) {
    var marks = new Array(count);
    var frag = document.createDocumentFragment();
    var pos = 0;
    rs.forEach(function (r) {
      if (r.start > pos) frag.appendChild(document.createTextNode(text.slice(pos, r.start)));
      var m = document.createElement('mark');
      m.className = 'passage';
      m.setAttribute('data-passage', String(r.i));
      m.title = 'Passage ' + (r.i + 1) + ' — click to find it on the other side';
      m.textContent = text.slice(r.start, r.end);
      frag.appendChild(m);
      marks[r.i] = m;
      pos = r.end;
    });
    if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
    el.replaceChildren(frag);
    return marks;
  }

  /** A pair's Jaccard: of its articles where that made it a duplicate, else of its whole texts. */
  function similarity(p) {
    return p.article_jaccard !== undefined ? p.article_jaccard : p.jaccard;
  }

  function articles(p) {
    return p.article_jaccard === undefined ? '' : ', ' + pct(p.article_jaccard) + ' without the boilerplate at their edges';
  }

  function sentence(p) {
    var ps = passagesOf(p), w = wordsOf(p);
    if (!p.coverage || ps.length === 0) {
      return p.kind === 'duplicate' ? 'A and B are near-duplicates: Jaccard ' + pct(p.jaccard) + ' of their shingles' + articles(p) + '.' : '';
    }
    var aFirst = p.coverage.a_in_b >= p.coverage.b_in_a;
    var x = aFirst ? 'A' : 'B', y = aFirst ? 'B' : 'A';
    var cx = aFirst ? p.coverage.a_in_b : p.coverage.b_in_a, cy = aFirst ? p.coverage.b_in_a : p.coverage.a_in_b;
    if (p.kind === 'duplicate') return 'A and B are near-duplicates (Jaccard ' + pct(p.jaccard) + articles(p) + '): ' + plural(ps.length, 'shared passage') + ', ' + plural(w, pairUnit(p)) + '.';
    if (p.kind === 'contained') return x + ' is derived from ' + y + ': ' + plural(ps.length, 'passage') + ', ' + plural(w, pairUnit(p)) + ', ' + pct(cx) + ' of it.';
    return x + ' shares ' + plural(ps.length, 'passage') + ' (' + plural(w, pairUnit(p)) + ', ' + pct(cx) + ' of it) with ' + y + ' (' + pct(cy) + ' of that).';
  }

  function fig(label, parts) {
    return h('span', { class: 'fig' }, [h('span', { class: 'fig-l', text: label }), parts.map(function (x, k) {
      return k % 2 === 0 ? h('span', { class: 'muted', text: x }) : h('b', { text: x });
    })]);
  }

  function pane(side, doc, p) {
    var d = docs[doc] || {};
    var cov = p.coverage ? (side === 'a' ? p.coverage.a_in_b : p.coverage.b_in_a) : null;
    // Where each character is a token, the token count would read like a second character count.
    var meta = [num(d.chars || 0) + ' chars'];
    if (unit(d.tokens || 0, d.chars || 0) === 'word') meta.push(plural(d.tokens || 0, 'word'));
    if (cov !== null) meta.push(pct(cov) + ' in shared passages');
    var text = h('div', { class: 'doc-text', tabindex: 0, dir: 'auto', 'data-side': side, 'aria-label': 'Text of ' + side.toUpperCase() });
    var mini = h('div', { class: 'minimap', 'aria-hidden': 'true' });
    var el = h('section', { class: 'pane', 'data-side': side }, [
      h('header', { class: 'pane-head' }, [
        h('div', { class: 'pane-id', title: name(doc) }, [h('span', { class: 'side', text: side.toUpperCase() }), name(doc)]),
        h('div', { class: 'pane-meta', text: meta.join(' · ') }),
      ]),
      h('div', { class: 'pane-body' }, [text, mini]),
    ]);
    return { el: el, text: text, mini: mini };
  }

  function openPair(i) {
    var p = pairs[i];
    var ps = passagesOf(p);
    var ta = texts[p.doc_a], tb = texts[p.doc_b];
    var full = typeof ta === 'string' && typeof tb === 'string';
    if (!view) opener = document.activeElement;
    view = { pair: i, k: -1, marks: { a: [], b: [] }, mini: { a: [], b: [] } };

    var count = h('span', { class: 'count' });
    var prev = h('button', { class: 'btn', type: 'button', text: '‹', title: 'Previous passage (p)', onclick: function () { step(-1); } });
    var next = h('button', { class: 'btn', type: 'button', text: '›', title: 'Next passage (n)', onclick: function () { step(1); } });
    view.count = count; view.prev = prev; view.next = next;
    var figs = [
      fig('Jaccard', p.article_jaccard === undefined ? ['', pct(p.jaccard)] : ['', pct(p.jaccard), ' · articles ', pct(p.article_jaccard)]),
      fig('Containment', ['A in B ', pct(p.containment.a_in_b), ' · B in A ', pct(p.containment.b_in_a)]),
    ];
    if (p.coverage) figs.push(fig('Coverage', ['A ', pct(p.coverage.a_in_b), ' · B ', pct(p.coverage.b_in_a)]));
    var top = h('div', { class: 'viewer-bar' }, [
      h('button', { class: 'btn', type: 'button', text: '← Pairs', title: 'Back to the list (Esc)', onclick: closeLink }),
      h('div', { class: 'viewer-title' }, [badge(p.kind), 'Pair ' + num(i + 1) + ' of ' + num(pairs.length)]),
      h('div', { class: 'viewer-figs' }, figs),
      full && ps.length > 0 ? h('div', { class: 'pnav' }, [prev, count, next]) : null,
      h('p', { class: 'viewer-sentence', text: sentence(p) }),
    ]);

    var body;
    if (full) {
      var A = pane('a', p.doc_a, p), B = pane('b', p.doc_b, p);
      view.panes = { a: A, b: B };
      view.marks.a = renderText(A.text, ta, ranges(ps, 'a', ta.length), ps.length);
      view.marks.b = renderText(B.text, tb, ranges(ps, 'b', tb.length), ps.length);
      [['a', A, ta.length], ['b', B, tb.length]].forEach(function (t) {
        var side = t[0], P = t[1], len = Math.max(1, t[2]);
        ranges(ps, side, t[2]).forEach(function (r) {
          var b = h('button', { type: 'button', title: 'Passage ' + (r.i + 1), tabindex: -1, 'data-passage': r.i, onclick: function () { goTo(r.i, null); } });
          b.style.top = (r.start / len * 100).toFixed(3) + '%';
          b.style.height = ((r.end - r.start) / len * 100).toFixed(3) + '%';
          P.mini.appendChild(b);
          view.mini[side][r.i] = b;
        });
        P.text.addEventListener('click', function (ev) {
          var m = ev.target.closest && ev.target.closest('mark.passage');
          if (m) goTo(Number(m.getAttribute('data-passage')), side);
        });
        P.text.addEventListener('mouseover', function (ev) { link(ev, side, true); });
        P.text.addEventListener('mouseout', function (ev) { link(ev, side, false); });
      });
      body = h('div', { class: 'panes' }, [A.el, B.el]);
    } else {
      body = h('div', { class: 'passage-list' });
      body.appendChild(h('p', { class: 'notice', text: ps.length > 0
        ? 'The full texts are not in this report (dedupe keeps them only while overlap detection runs), so only the shared passages are shown, as they stand in A.'
        : 'No shared passages were recorded for this pair (overlap detection was off), and the full texts are not in this report: only the figures above are available.' }));
      add(body, [
        h('div', { class: 'pane-id' }, [h('span', { class: 'side', text: 'A' }), name(p.doc_a)]),
        h('div', { class: 'pane-id' }, [h('span', { class: 'side', text: 'B' }), name(p.doc_b)]),
      ]);
      ps.forEach(function (x, k) {
        body.appendChild(h('div', { class: 'passage-item' }, [
          h('div', { class: 'where', text: 'Passage ' + (k + 1) + ' · ' + plural(x.words || 0, passageUnit(x)) + ' · A ' + x.a.start + '–' + x.a.end + ' · B ' + x.b.start + '–' + x.b.end }),
          h('blockquote', { dir: 'auto' }, h('mark', { class: 'passage', 'data-passage': k, text: typeof x.text === 'string' ? x.text : '' })),
        ]));
      });
    }
    viewer.replaceChildren(top, body);
    viewer.hidden = false;
    document.body.classList.add('viewing');
    updateNav();
    // Start with the first passage lined up on both sides.
    if (full && ps.length > 0) { reveal(0, 'a'); reveal(0, 'b'); view.k = 0; updateNav(); }
    viewer.querySelector('.btn').focus({ preventScroll: true });
  }

  /* Scrolls one side's mark of passage k into view: centred, or from its top when taller than the column. */
  function reveal(k, side) {
    var m = view.marks[side][k];
    if (!m) return;
    var col = view.panes[side].text;
    var tall = m.getBoundingClientRect().height > col.clientHeight * 0.8;
    m.scrollIntoView({ block: tall ? 'start' : 'center', inline: 'nearest' });
  }

  /* Shows passage k: scrolls the side(s) other than from (null: both) and flashes both marks. */
  function goTo(k, from) {
    if (!view || !view.panes || !(k >= 0)) return;
    if (from !== 'a') reveal(k, 'a');
    if (from !== 'b') reveal(k, 'b');
    viewer.querySelectorAll('.active').forEach(function (e) { e.classList.remove('active'); });
    [view.marks.a[k], view.marks.b[k], view.mini.a[k], view.mini.b[k]].forEach(function (e) {
      if (!e) return;
      void e.offsetWidth; // restart the flash animation
      e.classList.add('active');
    });
    view.k = k;
    updateNav();
  }

  function step(d) {
    var n = passagesOf(pairs[view.pair]).length;
    if (n === 0) return;
    goTo(Math.max(0, Math.min(n - 1, view.k + d)), null);
  }

  function updateNav() {
    if (!view || !view.count) return;
    var n = passagesOf(pairs[view.pair]).length;
    view.count.textContent = 'Passage ' + (view.k >= 0 ? view.k + 1 : '–') + ' of ' + n;
    view.prev.disabled = view.k <= 0;
    view.next.disabled = view.k >= n - 1;
  }

  function link(ev, side, on) {
    var m = ev.target.closest && ev.target.closest('mark.passage');
    if (!m) return;
    var twin = view.marks[side === 'a' ? 'b' : 'a'][Number(m.getAttribute('data-passage'))];
    if (twin) twin.classList.toggle('linked', on);
  }

  function closeViewer() {
    if (!view) return;
    view = null;
    viewer.hidden = true;
    viewer.replaceChildren();
    document.body.classList.remove('viewing');
    if (opener && opener.isConnected) opener.focus({ preventScroll: true });
    opener = null;
  }
  function closeLink() {
    if (/^#pair-/.test(location.hash)) history.pushState(null, '', location.pathname + location.search);
    closeViewer();
  }

  function route() {
    var m = /^#pair-(\d+)$/.exec(location.hash);
    var i = m ? Number(m[1]) - 1 : -1;
    if (i >= 0 && i < pairs.length) { if (!view || view.pair !== i) openPair(i); }
    else closeViewer();
  }

  document.addEventListener('keydown', function (ev) {
    if (!view || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (ev.key === 'Escape') { ev.preventDefault(); closeLink(); }
    else if (ev.key === 'n' || ev.key === 'j') step(1);
    else if (ev.key === 'p' || ev.key === 'k') step(-1);
  });
  window.addEventListener('hashchange', route);
  window.addEventListener('popstate', route);

  renderClusters();
  renderGroups();
  renderPairSection();
  renderBoilerplate();
  route();
})();
`;
