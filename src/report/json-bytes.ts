/**
 * JSON written straight to UTF-8 bytes: a growable byte buffer with the few writers a pair record
 * needs (ASCII, integers, shares, JSON strings of a piece of a text). The render threads write the
 * bulk of a large report with it (render-protocol.ts): building each record as a JS string, then
 * encoding it, cost about three times as much, most of it in string concatenation and encoding.
 * Every writer gives exactly the bytes of Buffer.from(<what JSON.stringify writes>) (tested).
 */
import { share } from './json.js';

/** Escapes of the ASCII range as JSON.stringify writes them (0: the character as it is). */
const SHORT: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
const NEEDS_ESCAPE = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) NEEDS_ESCAPE[c] = 1;
NEEDS_ESCAPE[0x22] = 1;
NEEDS_ESCAPE[0x5c] = 1;
const HEX = '0123456789abcdef';

export class JsonBytes {
  private buf: Uint8Array<ArrayBuffer>;
  /** Bytes written. */
  length = 0;

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }

  /** The bytes written (a view of the buffer: the sink must not be written to afterwards). */
  bytes(): Uint8Array<ArrayBuffer> {
    return this.buf.subarray(0, this.length);
  }

  /** Makes room for `extra` more bytes. */
  private room(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = 2 * this.buf.length;
    while (size < this.length + extra) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.buf.subarray(0, this.length));
    this.buf = bigger;
  }

  /** Writes `s`, which must be ASCII (each code unit < 0x80), as it is. */
  ascii(s: string): void {
    this.room(s.length);
    const { buf } = this;
    let n = this.length;
    for (let i = 0; i < s.length; i++) buf[n++] = s.charCodeAt(i);
    this.length = n;
  }

  /** Writes bytes as they are. */
  raw(b: Uint8Array, from = 0, to = b.length): void {
    this.room(to - from);
    this.buf.set(b.subarray(from, to), this.length);
    this.length += to - from;
  }

  /** Writes a number as JSON.stringify does; integers of 32 bits without a string. */
  int(x: number): void {
    if (!Number.isInteger(x) || x < 0 || x > 0xffffffff) {
      this.ascii(Number.isFinite(x) ? String(x) : 'null');
      return;
    }
    this.room(10);
    const { buf } = this;
    let digits = 1;
    for (let p = 10; p <= x && digits < 10; p *= 10) digits++;
    let n = this.length + digits;
    this.length = n;
    do {
      const q = Math.floor(x / 10);
      buf[--n] = 48 + x - 10 * q;
      x = q;
    } while (x > 0);
  }

  /** Writes share(x) (json.ts: a number rounded to 6 decimals, as JSON.stringify writes it). */
  share(x: number): void {
    const k = Math.round(x * 1e6);
    if (!(k > 0 && k < 1e6)) {
      this.ascii(share(x));
      return;
    }
    // "0." and the six digits of k, without trailing zeros (share's fast case).
    this.room(8);
    const { buf } = this;
    let v = k;
    let end = 6;
    while (v % 10 === 0) {
      v /= 10;
      end--;
    }
    const at = this.length;
    buf[at] = 48;
    buf[at + 1] = 46;
    for (let d = end - 1; d >= 0; d--) {
      const q = Math.floor(v / 10);
      buf[at + 2 + d] = 48 + v - 10 * q;
      v = q;
    }
    this.length = at + 2 + end;
  }

  /**
   * Writes JSON.stringify(text.slice(from, to)) as UTF-8: quotes, the escapes JSON.stringify
   * uses (\" \\ \b \f \n \r \t, \u00xx for other control characters, \udxxx for a surrogate
   * without its partner inside the slice), every other character as UTF-8.
   */
  string(text: string, from = 0, to = text.length): void {
    // At most 6 bytes per code unit (an escape), and the quotes.
    this.room(6 * (to - from) + 2);
    const { buf } = this;
    let n = this.length;
    buf[n++] = 0x22;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (NEEDS_ESCAPE[c] === 0) {
          buf[n++] = c;
          continue;
        }
        const short = SHORT[c];
        if (short !== undefined) {
          buf[n++] = 0x5c;
          buf[n++] = short.charCodeAt(1);
        } else n = hexEscape(buf, n, c);
      } else if (c < 0x800) {
        buf[n++] = 0xc0 | (c >> 6);
        buf[n++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < to ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[n++] = 0xf0 | (cp >> 18);
          buf[n++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[n++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[n++] = 0x80 | (cp & 0x3f);
          i++;
        } else n = hexEscape(buf, n, c);
      } else {
        buf[n++] = 0xe0 | (c >> 12);
        buf[n++] = 0x80 | ((c >> 6) & 0x3f);
        buf[n++] = 0x80 | (c & 0x3f);
      }
    }
    buf[n++] = 0x22;
    this.length = n;
  }
}

/** Writes \uXXXX (lowercase hex, as JSON.stringify) at n; returns the new end. */
function hexEscape(buf: Uint8Array, n: number, c: number): number {
  buf[n++] = 0x5c;
  buf[n++] = 0x75;
  buf[n++] = HEX.charCodeAt((c >> 12) & 15);
  buf[n++] = HEX.charCodeAt((c >> 8) & 15);
  buf[n++] = HEX.charCodeAt((c >> 4) & 15);
  buf[n++] = HEX.charCodeAt(c & 15);
  return n;
}
