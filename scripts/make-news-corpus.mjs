#!/usr/bin/env node
// Builds a crafted news-syndication corpus from a folder of real texts: stories republished on
// 1-5 of 12 sites (each site's plain-text header and footer of 20-120 words around every page),
// copies exact, 3%-edited, cut to 60-85% or updated with a paragraph, plus opinion pieces
// quoting 25-60 words of a story. Writes <out>/docs/*.txt and <out>/truth.json
// ({"clusters": [[id, ...], ...]}: the copies of each story), for ../shared/eval/score.py.
// usage: node scripts/make-news-corpus.mjs <folder of .txt> <out> [seed] [stories]
// With `stories`, only the first that many stories' copies are written (the same ones the whole
// corpus has; no opinion pieces): a small corpus, where each site has a handful of pages.
// Tooling only: nothing in src/ knows about it. README "Choices" quotes its scores.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [src, out, seedArg, storiesArg] = process.argv.slice(2);
const written = storiesArg === undefined ? Infinity : Number(storiesArg);
if (!src || !out) {
  console.error('usage: node scripts/make-news-corpus.mjs <folder of .txt> <out> [seed] [stories]');
  process.exit(2);
}
let state = Number(seedArg ?? 11) >>> 0 || 1;
/** xorshift32: a number in [0, 1). */
const rand = () => {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 2 ** 32;
};
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const shuffle = (xs) => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
};

const texts = shuffle(
  readdirSync(src)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(path.join(src, f), 'utf8'))
    .filter((t) => {
      const n = t.split(/\s+/).length;
      return n >= 250 && n <= 1200;
    }),
);
const stories = texts.slice(0, 120);
const filler = texts.slice(120, 400);
if (stories.length < 120 || filler.length < 50) {
  console.error(`${src}: too few texts of 250-1200 words (${texts.length})`);
  process.exit(2);
}
/** n running words from a random filler text. */
const words = (n) => {
  const w = pick(filler).split(/\s+/).filter(Boolean).slice(0, 400);
  const i = Math.floor(rand() * Math.max(1, w.length - n));
  return w.slice(i, i + n).join(' ');
};
const sites = Array.from({ length: 12 }, (_, s) => ({
  head: `SITE${s} NEWS | Home | World | Business | Sport\n${words(int(20, 120))}\n`,
  foot: `\n${words(int(20, 120))}\nCopyright SITE${s} Media Group. All rights reserved.\n`,
}));
const edit = (t, rate) => {
  const w = t.split(' ');
  const n = Math.floor(w.length * rate);
  for (let i = 0; i < n; i++) w[Math.floor(rand() * w.length)] = pick(['said', 'reported', 'officials', 'the', 'new', 'government']);
  return w.join(' ');
};

const docs = path.join(out, 'docs');
mkdirSync(docs, { recursive: true });
const clusters = [];
stories.forEach((story, si) => {
  const copies = pick([1, 1, 2, 3, 4, 5]);
  const members = [];
  for (let v = 0; v < copies; v++) {
    const site = int(0, sites.length - 1);
    const kind = v === 0 ? 'orig' : pick(['copy', 'edit', 'trunc', 'update', 'copy']);
    let t = story;
    if (kind === 'edit') t = edit(story, 0.03);
    else if (kind === 'trunc') t = story.slice(0, Math.floor(story.length * (0.6 + rand() * 0.25)));
    else if (kind === 'update') t = `${story}\n\nUpdate: ${words(int(40, 120))}`;
    const id = `s${String(si).padStart(3, '0')}_${v}_${kind}_site${site}`;
    if (si < written) writeFileSync(path.join(docs, `${id}.txt`), sites[site].head + t + sites[site].foot);
    members.push(id);
  }
  if (members.length > 1 && si < written) clusters.push(members);
});
for (let q = 0; q < 30; q++) {
  const si = int(0, stories.length - 1);
  const w = stories[si].split(/\s+/).filter(Boolean);
  const i = Math.floor(rand() * Math.max(1, w.length - 60));
  const quote = w.slice(i, i + int(25, 60)).join(' ');
  const text = `${words(150)} As reported: "${quote}" ${words(200)}`;
  if (written === Infinity) writeFileSync(path.join(docs, `op${String(q).padStart(2, '0')}_quotes_s${String(si).padStart(3, '0')}.txt`), text);
}
writeFileSync(path.join(out, 'truth.json'), JSON.stringify({ clusters }));
console.log(`${readdirSync(docs).length} documents, ${clusters.length} stories with copies → ${out}`);
