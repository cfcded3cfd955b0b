#!/usr/bin/env node
// Builds a large JSONL corpus for the scale run by replaying a source JSONL corpus R times; in
// replay r > 0 every third word gets the suffix "r<r>", so replays share no 5-shingle with the
// original or each other (they are new documents with the same length and word statistics),
// while the duplicates planted in the source stay duplicates within each replay.
// usage: node scripts/scale-corpus.mjs <source.jsonl> <replays> <out.jsonl>
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

const [src, replays, out] = process.argv.slice(2);
if (!src || !replays || !out) {
  console.error('usage: node scripts/scale-corpus.mjs <source.jsonl> <replays> <out.jsonl>');
  process.exit(2);
}
const ws = createWriteStream(out);
let docs = 0;
for (let r = 0; r < Number(replays); r++) {
  const rl = createInterface({ input: createReadStream(src), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line) continue;
    const rec = JSON.parse(line);
    let text = rec.text;
    if (r > 0) {
      let n = 0;
      text = text.replace(/[\p{L}\p{N}]+/gu, (w) => (n++ % 3 === 0 ? `${w}r${r}` : w));
    }
    if (!ws.write(JSON.stringify({ id: `${rec.id}~${r}`, text }) + '\n')) await new Promise((res) => ws.once('drain', res));
    docs++;
  }
}
ws.end(() => console.error(`scale-corpus: ${docs} documents written to ${out}`));
