#!/usr/bin/env node
/**
 * Child process of bench/run.js: the "speed of light" reference. Reads a JSONL corpus on one
 * thread and JSON.parses every line, touching each text so nothing is optimized away.
 * Usage: node bench/lib/baseline-parse.js <corpus.jsonl>
 * Prints one JSON line on stdout: {"bytes","docs","textBytes","seconds"} (seconds: in-process).
 */
import { forEachLine } from './read-jsonl.js';

const file = process.argv[2];
const t0 = performance.now();
let docs = 0;
let chars = 0;
const bytes = forEachLine(file, (line) => {
  const rec = JSON.parse(line);
  chars += typeof rec.text === 'string' ? rec.text.length : 0;
  docs++;
});
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(`${JSON.stringify({ bytes, docs, chars, seconds })}\n`);
