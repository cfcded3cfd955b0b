// Jaccard of articles with seeded edited copies of themselves, per shingle size.
// usage: node scripts/measure-shingles.mjs [dir-of-articles/] [second-dir-whose orig*.txt files are added/]
import { readFileSync, readdirSync } from 'node:fs';
import { tokenize } from '../dist/text/tokenize.js';
import { shingleSequence, toShingleSet } from '../dist/text/shingle.js';
import { setSimilarity } from '../dist/sketch/similarity.js';
import { mulberry32 } from '../dist/text/hash.js';
const [dir = 'fixtures/seeds/', extra] = process.argv.slice(2).map((d) => (d.endsWith('/') ? d : d + '/'));
const texts = readdirSync(dir).map(f => readFileSync(dir + f, 'utf8'));
const cs = extra;
const origs = cs ? readdirSync(cs).filter((f) => f.startsWith('orig')).map((f) => readFileSync(cs + f, 'utf8')) : [];
const all = [...texts, ...origs];
const set = (t, k) => { const tk = tokenize(t); return toShingleSet(shingleSequence(tk.hashes, tk.count, k)); };
const rand = mulberry32(7);
function edit(t, rate) {
  const words = t.split(/(\s+)/);
  const idx = []; for (let i = 0; i < words.length; i += 2) idx.push(i);
  const n = Math.round(idx.length * rate);
  for (let e = 0; e < n; e++) { const i = idx[rand() % idx.length]; words[i] = 'xq' + (rand() % 100000); }
  return words.join('');
}
for (const k of [3, 4, 5, 6]) {
  for (const rate of [0.02, 0.03, 0.05, 0.5]) {
    const js = [];
    for (let r = 0; r < 20; r++) for (const t of all) js.push(setSimilarity(set(t, k), set(edit(t, rate), k)).jaccard);
    js.sort((a, b) => a - b);
    console.log(`k=${k} edits ${rate}: min ${js[0].toFixed(3)} p5 ${js[Math.floor(js.length * 0.05)].toFixed(3)} median ${js[js.length >> 1].toFixed(3)}`);
  }
  const un = [];
  for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) if (!(i === 0 && j === 1)) un.push(setSimilarity(set(all[i], k), set(all[j], k)).jaccard);
  console.log(`k=${k} unrelated max ${Math.max(...un).toFixed(3)}`);
}
