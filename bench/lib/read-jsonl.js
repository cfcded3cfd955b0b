/**
 * Streams a JSONL file line by line with plain fs reads (no readline, so the baseline measures
 * reading and JSON.parse, not stream plumbing). Lines are split on "\n"; a trailing "\r" and
 * blank lines are skipped.
 */
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * @param {string} file
 * @param {(line: string) => boolean | void} onLine return false to stop early
 * @returns {number} bytes read
 */
export function forEachLine(file, onLine) {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let bytes = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      bytes += n;
      const chunk = rest + decoder.write(buf.subarray(0, n));
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
        const line = chunk.slice(start, nl);
        start = nl + 1;
        if (line.length > 1 || (line.length === 1 && line !== '\r')) {
          if (onLine(line.endsWith('\r') ? line.slice(0, -1) : line) === false) return bytes;
        }
      }
      rest = chunk.slice(start);
    }
    rest += decoder.end();
    if (rest.trim().length > 0) onLine(rest);
    return bytes;
  } finally {
    fs.closeSync(fd);
  }
}
