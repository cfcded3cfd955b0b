#!/usr/bin/env node
/**
 * Child process of bench/run.js: the `minhash` npm package (duhaime/minhash 0.0.9) as a
 * reference MinHash implementation. For the first documents of the corpus (until maxDocs or
 * maxSeconds), computes a 128-permutation signature over word 5-shingles (same words as
 * lib/truth.js) and inserts it into its LshIndex. Only shingling + signatures + insert are timed;
 * reading and parsing are not.
 * Usage: node bench/lib/minhash-npm.js <corpus.jsonl> <maxDocs> <maxSeconds>
 * Prints one JSON line: {"docs","bytes","seconds","signatureSeconds","numPerm"}.
 */
import pkg from 'minhash';
import { forEachLine } from './read-jsonl.js';
import { SHINGLE_SIZE, words } from './truth.js';

const { Minhash, LshIndex } = pkg;
const [file, maxDocsArg, maxSecondsArg] = process.argv.slice(2);
const maxDocs = Number(maxDocsArg);
const maxSeconds = Number(maxSecondsArg);
const NUM_PERM = 128;

const index = new LshIndex({ bandSize: 4 });
let docs = 0;
let bytes = 0;
let signatureSeconds = 0;
let seconds = 0;
forEachLine(file, (line) => {
  const { id, text } = JSON.parse(line);
  const t0 = performance.now();
  const w = words(text);
  const m = new Minhash({ numPerm: NUM_PERM });
  if (w.length < SHINGLE_SIZE) m.update(w.join(' '));
  else for (let i = 0; i + SHINGLE_SIZE <= w.length; i++) m.update(w.slice(i, i + SHINGLE_SIZE).join(' '));
  const t1 = performance.now();
  index.insert(id, m);
  const t2 = performance.now();
  signatureSeconds += (t1 - t0) / 1000;
  seconds += (t2 - t0) / 1000;
  docs++;
  bytes += Buffer.byteLength(text);
  return docs < maxDocs && seconds < maxSeconds;
});
process.stdout.write(`${JSON.stringify({ docs, bytes, seconds, signatureSeconds, numPerm: NUM_PERM })}\n`);
