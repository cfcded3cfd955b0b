/**
 * The stylesheet of the HTML report (inlined in a <style> element; no fonts or images are
 * loaded). System font stack; light and dark themes through prefers-color-scheme.
 */
export const STYLESHEET = String.raw`
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --surface: #ffffff; --surface-2: #f0f2f5; --fg: #1d2330; --muted: #5f6b7d; --faint: #8a94a6;
  --border: #dfe3ea; --accent: #3b5bdb; --accent-soft: #e7ecff;
  --dup: #c92a2a; --dup-soft: #ffe9e9; --con: #a35c00; --con-soft: #fff1db; --ovl: #1c6dd0; --ovl-soft: #e3f0ff;
  --keep: #2b8a3e; --keep-soft: #e3f6e8;
  --mark: #fff0a8; --mark-fg: inherit; --mark-edge: #f2c94c; --mark-active: #ffb648;
  --shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 1px 3px rgba(16, 24, 40, .08);
  --radius: 10px;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1217; --surface: #171b22; --surface-2: #1e232c; --fg: #e4e8ef; --muted: #9aa5b5; --faint: #6f7a8b;
    --border: #2a313c; --accent: #8ea6ff; --accent-soft: #222b45;
    --dup: #ff8787; --dup-soft: #3a1d21; --con: #ffc266; --con-soft: #3a2c17; --ovl: #74b4ff; --ovl-soft: #17293f;
    --keep: #69db7c; --keep-soft: #173322;
    --mark: #5c4a12; --mark-edge: #a8861f; --mark-active: #b8660b;
    --shadow: 0 1px 2px rgba(0, 0, 0, .4);
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 var(--sans); font-variant-numeric: tabular-nums; }
body.viewing { overflow: hidden; }
.wrap { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
h1 { font-size: 22px; font-weight: 650; margin: 0 0 18px; letter-spacing: -.01em; display: flex; align-items: center; gap: 10px; }
h2 { font-size: 17px; font-weight: 650; margin: 36px 0 12px; display: flex; align-items: baseline; gap: 10px; }
h2 .count { font-size: 13px; font-weight: 500; color: var(--muted); }
.logo { display: inline-grid; place-items: center; width: 30px; height: 30px; border-radius: 8px; background: var(--accent); color: #fff; font-size: 20px; line-height: 1; }
code, .mono { font-family: var(--mono); font-size: .9em; }
button { font: inherit; color: inherit; }
.page-head { background: var(--surface); border-bottom: 1px solid var(--border); padding: 24px 0 16px; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
.stat { background: var(--surface-2); border: 1px solid var(--border); border-radius: var(--radius); padding: 12px 14px; }
.stat-n { font-size: 26px; font-weight: 650; line-height: 1.15; }
.stat-l { color: var(--muted); font-size: 13px; }
.stat-note { color: var(--faint); font-size: 12px; }
#stat-clusters .stat-n, #stat-redundant .stat-n { color: var(--dup); }
#stat-overlapping .stat-n, #stat-groups .stat-n { color: var(--ovl); }
.stat-n.zero, #stat-clusters .stat-n.zero, #stat-redundant .stat-n.zero, #stat-overlapping .stat-n.zero, #stat-groups .stat-n.zero { color: var(--faint); }
.lede { color: var(--muted); margin: -10px 0 16px; font-size: 13.5px; }
.btn.more { margin-top: 10px; }
.params { margin-top: 14px; font-size: 13px; color: var(--muted); }
.params summary { cursor: pointer; user-select: none; width: max-content; }
.params dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 6px 18px; margin: 10px 0 0; }
.params dl div { display: flex; justify-content: space-between; gap: 8px; border-bottom: 1px dashed var(--border); padding: 2px 0; }
.params dt { color: var(--muted); }
.params dd { margin: 0; color: var(--fg); font-family: var(--mono); font-size: 12px; }
main { padding-bottom: 60px; }
.notice { background: var(--accent-soft); border: 1px solid var(--border); border-radius: var(--radius); padding: 10px 14px; color: var(--fg); margin: 16px 0; }
.empty { color: var(--muted); font-style: italic; margin: 6px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 420px), 1fr)); gap: 12px; }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); padding: 12px 14px; min-width: 0; }
.card-head { display: flex; align-items: center; gap: 8px; margin-bottom: 8px; font-weight: 600; }
.card-head .title { white-space: nowrap; }
.card-head .sub { color: var(--muted); font-weight: 400; font-size: 13px; }
.members { list-style: none; margin: 0; padding: 0; }
.members li { display: grid; grid-template-columns: 64px minmax(0, 1fr) auto; align-items: center; gap: 8px; padding: 4px 0; border-top: 1px solid var(--border); font-size: 13.5px; }
.members li:first-child { border-top: 0; }
.members .doc { display: grid; min-width: 0; }
.members .doc-link { white-space: normal; overflow-wrap: anywhere; }
.members .meta { color: var(--muted); font-size: 12px; white-space: nowrap; }
.doc-link { all: unset; cursor: pointer; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-family: var(--mono); font-size: 12.5px; }
.doc-link:hover, .doc-link:focus-visible { color: var(--accent); text-decoration: underline; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { all: unset; cursor: pointer; background: var(--surface-2); border: 1px solid var(--border); border-radius: 999px; padding: 2px 10px; font-family: var(--mono); font-size: 12px; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.chip:hover, .chip:focus-visible { border-color: var(--accent); color: var(--accent); }
.badge { display: inline-block; border-radius: 999px; padding: 1px 8px; font-size: 11.5px; font-weight: 600; letter-spacing: .02em; text-transform: lowercase; white-space: nowrap; text-align: center; }
.badge.duplicate { background: var(--dup-soft); color: var(--dup); }
.badge.contained, .badge.derived { background: var(--con-soft); color: var(--con); }
.badge.overlap { background: var(--ovl-soft); color: var(--ovl); }
.badge.keep { background: var(--keep-soft); color: var(--keep); }
.badge.dup { background: var(--surface-2); color: var(--muted); }
.sim { all: unset; cursor: pointer; color: var(--muted); font-size: 12px; white-space: nowrap; }
.sim:hover, .sim:focus-visible { color: var(--accent); text-decoration: underline; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-bottom: 10px; }
.seg { display: inline-flex; border: 1px solid var(--border); border-radius: 8px; overflow: hidden; background: var(--surface); }
.seg button { border: 0; background: none; padding: 6px 11px; cursor: pointer; font-size: 13px; color: var(--muted); border-left: 1px solid var(--border); }
.seg button:first-child { border-left: 0; }
.seg button[aria-pressed="true"] { background: var(--accent-soft); color: var(--accent); font-weight: 600; }
.seg button .n { opacity: .7; font-weight: 400; margin-left: 4px; }
input[type="search"], select { font: inherit; font-size: 13px; color: var(--fg); background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 6px 10px; }
input[type="search"] { min-width: 240px; flex: 1 1 240px; max-width: 420px; }
input[type="search"]:focus, select:focus { outline: 2px solid var(--accent); outline-offset: -1px; }
.pager { display: flex; align-items: center; gap: 8px; margin-left: auto; font-size: 13px; color: var(--muted); }
.btn { border: 1px solid var(--border); background: var(--surface); border-radius: 8px; padding: 5px 11px; cursor: pointer; font-size: 13px; }
.btn:hover:not(:disabled) { border-color: var(--accent); color: var(--accent); }
.btn:disabled { opacity: .45; cursor: default; }
.table-wrap { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); overflow-x: auto; }
table.pairs { width: 100%; border-collapse: collapse; font-size: 13.5px; }
table.pairs th { text-align: left; font-weight: 600; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; padding: 9px 12px; border-bottom: 1px solid var(--border); background: var(--surface-2); white-space: nowrap; }
table.pairs td { padding: 9px 12px; border-top: 1px solid var(--border); vertical-align: middle; }
table.pairs tr:first-child td { border-top: 0; }
table.pairs th.num, table.pairs td.num { text-align: right; white-space: nowrap; }
tr.pair-row { cursor: pointer; }
tr.pair-row:hover td, tr.pair-row:focus-visible td { background: var(--accent-soft); }
tr.pair-row:focus-visible { outline: none; }
.pair-docs { display: grid; gap: 1px; min-width: 0; max-width: 520px; }
.pair-docs span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-family: var(--mono); font-size: 12.5px; }
.pair-docs .side { color: var(--faint); font-family: var(--sans); font-size: 11px; font-weight: 600; margin-right: 6px; }
.dual { display: grid; gap: 2px; justify-items: end; }
.bar { display: inline-block; width: 56px; height: 6px; border-radius: 3px; background: var(--surface-2); border: 1px solid var(--border); overflow: hidden; vertical-align: middle; margin-left: 6px; }
.bar i { display: block; height: 100%; background: var(--accent); }
.muted { color: var(--muted); }
.boilerplate { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
.boilerplate li { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 8px 12px; font-size: 13.5px; }
.boilerplate .n { color: var(--muted); font-size: 12px; margin-right: 8px; }

/* The side-by-side viewer. */
.viewer { position: fixed; inset: 0; z-index: 10; display: flex; flex-direction: column; background: var(--bg); }
.viewer[hidden] { display: none; }
.viewer-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 16px; padding: 10px 18px; background: var(--surface); border-bottom: 1px solid var(--border); }
.viewer-title { display: flex; align-items: center; gap: 8px; font-weight: 600; min-width: 0; }
.viewer-figs { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 13px; color: var(--muted); }
.viewer-figs b { color: var(--fg); font-weight: 600; }
.fig + .fig { border-left: 1px solid var(--border); padding-left: 14px; }
.fig-l { color: var(--faint); font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; margin-right: 6px; }
.viewer-sentence { flex-basis: 100%; font-size: 13px; color: var(--muted); margin: 0; }
.pnav { display: flex; align-items: center; gap: 6px; margin-left: auto; font-size: 13px; color: var(--muted); }
.panes { flex: 1; min-height: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 12px; padding: 12px 18px 18px; }
.pane { display: flex; flex-direction: column; min-height: 0; min-width: 0; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); overflow: hidden; }
.pane-head { padding: 9px 14px; border-bottom: 1px solid var(--border); display: grid; gap: 2px; }
.pane-id { font-family: var(--mono); font-size: 12.5px; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.pane-id .side { font-family: var(--sans); color: var(--faint); margin-right: 6px; }
.pane-meta { font-size: 12px; color: var(--muted); }
.pane-body { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) 12px; }
.doc-text { overflow: auto; padding: 14px 18px 40vh; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 14.5px; line-height: 1.7; }
.doc-text:focus { outline: none; }
.minimap { position: relative; border-left: 1px solid var(--border); background: var(--surface-2); }
.minimap button { all: unset; position: absolute; left: 2px; right: 2px; min-height: 3px; border-radius: 2px; background: var(--mark-edge); cursor: pointer; }
.minimap button.active { background: var(--mark-active); }
mark.passage { background: var(--mark); color: var(--mark-fg); border-radius: 2px; box-shadow: 0 0 0 1px var(--mark-edge) inset; cursor: pointer; transition: background-color .4s; }
mark.passage:hover, mark.passage.linked { background: var(--mark-active); }
mark.passage.active { background: var(--mark-active); animation: flash 1.2s ease-out 1; }
@keyframes flash {
  0% { box-shadow: 0 0 0 3px var(--accent); }
  100% { box-shadow: 0 0 0 1px var(--mark-edge) inset; }
}
.passage-list { flex: 1; min-height: 0; overflow: auto; padding: 12px 18px 18px; display: grid; gap: 10px; align-content: start; }
.passage-item { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 10px 14px; }
.passage-item .where { font-size: 12px; color: var(--muted); margin-bottom: 4px; }
.passage-item blockquote { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
@media (max-width: 760px) {
  .panes { grid-template-columns: 1fr; grid-template-rows: 1fr 1fr; }
  .wrap { padding: 0 14px; }
}
@media (prefers-reduced-motion: reduce) {
  mark.passage.active { animation: none; }
}
`;
