/**
 * Option value parsers for commander: each rejects a malformed value with a one-line message
 * that states the valid range (commander then exits with our usage status, 2).
 */
import { InvalidArgumentError } from 'commander';

/** A whole number in [min, max]. */
export function intIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^[+]?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return n;
  };
}

/** A decimal number: 0.6, .6, 6e-1, +1. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A number in (min, max] (open below) or [min, max] when `closed`. */
export function numberIn(min: number, max: number, closed = false): (value: string) => number {
  return (value) => {
    const n = Number(value);
    // Decimal notation only: Number() would also take '0x1', '0b1' and ' '.
    if (!DECIMAL.test(value.trim()) || !Number.isFinite(n) || n > max || (closed ? n < min : n <= min)) {
      throw new InvalidArgumentError(`expected a number in ${closed ? '[' : '('}${min}, ${max}]`);
    }
    return n;
  };
}

/** A byte size: a whole number with an optional k, M or G suffix (powers of 1024). */
export function byteSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kKmMgG]i?[bB]?|[bB])?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 500000, 64M or 1G');
  const unit = (m[2] ?? '').charAt(0).toLowerCase();
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const n = Math.floor(Number(m[1]) * mult);
  if (n < 1) throw new InvalidArgumentError('expected a size of at least 1 byte');
  return n;
}

/** Appends a repeatable option's value to its list. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
