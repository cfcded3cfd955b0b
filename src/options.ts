/**
 * Defaults and validation of every pipeline option, in one place. `resolveOptions` checks all
 * options at once, reports every problem in one DedupeError('E_USAGE'), and returns a frozen
 * object; nothing downstream validates again.
 */
import { DedupeError } from './errors.js';
import type { KeepPolicy, ShingleUnit } from './types.js';
import type { SketchKind } from './sketch/minhash.js';
import { chooseBands } from './index/bands.js';

/** Options of the pipeline (the library's `findDuplicates` and the CLI share them). */
export interface DedupeOptions {
  /** Tokens (or characters, with unit 'char') per shingle. */
  readonly shingleSize: number;
  readonly unit: ShingleUnit;
  /** Least exact Jaccard for a duplicate pair, in (0, 1]. */
  readonly threshold: number;
  /** MinHash signature length. */
  readonly numPerm: number;
  /** Seed of the MinHash permutations (32-bit unsigned). */
  readonly seed: number;
  readonly sketch: SketchKind;
  /** LSH bands and rows; derived from threshold and numPerm unless given. */
  readonly bands: number;
  readonly rows: number;
  readonly keep: KeepPolicy;
  readonly stem: boolean;
  readonly stopwords: boolean;
  readonly lang: string;
  /** Find overlapping (passage-sharing) pairs as well as duplicates. */
  readonly overlap: boolean;
  /** Least passage length in words for an overlap. */
  readonly minPassage: number;
  /** Most tokens skipped inside one passage (changed or inserted words). */
  readonly maxGap: number;
  /** Share of the smaller document covered by passages that makes a pair "contained", in (0, 1]. */
  readonly containment: number;
  /** Fingerprints in more documents than this are boilerplate: a count >= 2 or a fraction in (0, 1); undefined = automatic. */
  readonly maxDf: number | undefined;
}

/** The defaults, chosen with the measurements in the README ("Defaults"). */
export const DEFAULTS = Object.freeze({
  shingleSize: 5,
  charShingleSize: 7,
  unit: 'word' as ShingleUnit,
  threshold: 0.6,
  numPerm: 128,
  seed: 1,
  sketch: 'oph' as SketchKind,
  keep: 'longest' as KeepPolicy,
  stem: false,
  stopwords: false,
  lang: 'en',
  overlap: true,
  minPassage: 12,
  maxGap: 8,
  containment: 0.6,
});

/** Languages with a stemmer and a stop-word list in natural. */
export const LANGUAGES = ['en', 'de', 'es', 'fa', 'fr', 'it', 'nl', 'no', 'pt', 'ru', 'sv', 'uk'] as const;

const isInt = (x: number): boolean => Number.isInteger(x);

/**
 * Fills defaults and validates.
 * @param input partial options (undefined fields take their defaults)
 * @throws DedupeError E_USAGE listing every invalid option with its valid range
 */
export function resolveOptions(input: Partial<{ -readonly [K in keyof DedupeOptions]: DedupeOptions[K] | undefined }> = {}): DedupeOptions {
  const problems: string[] = [];
  const unit = input.unit ?? DEFAULTS.unit;
  const o = {
    shingleSize: input.shingleSize ?? (unit === 'char' ? DEFAULTS.charShingleSize : DEFAULTS.shingleSize),
    unit,
    threshold: input.threshold ?? DEFAULTS.threshold,
    numPerm: input.numPerm ?? DEFAULTS.numPerm,
    seed: input.seed ?? DEFAULTS.seed,
    sketch: input.sketch ?? DEFAULTS.sketch,
    keep: input.keep ?? DEFAULTS.keep,
    stem: input.stem ?? DEFAULTS.stem,
    stopwords: input.stopwords ?? DEFAULTS.stopwords,
    lang: input.lang ?? DEFAULTS.lang,
    overlap: input.overlap ?? DEFAULTS.overlap,
    minPassage: input.minPassage ?? DEFAULTS.minPassage,
    maxGap: input.maxGap ?? DEFAULTS.maxGap,
    containment: input.containment ?? DEFAULTS.containment,
    maxDf: input.maxDf,
  };
  if (unit !== 'word' && unit !== 'char') problems.push(`--unit must be word or char (got ${String(unit)})`);
  if (!isInt(o.shingleSize) || o.shingleSize < 1 || o.shingleSize > 64)
    problems.push(`--shingle-size must be a whole number from 1 to 64 (got ${o.shingleSize})`);
  if (!(o.threshold > 0 && o.threshold <= 1)) problems.push(`--threshold must be in (0, 1] (got ${o.threshold})`);
  if (!isInt(o.numPerm) || o.numPerm < 1 || o.numPerm > 1024)
    problems.push(`--num-perm must be a whole number from 1 to 1024 (got ${o.numPerm})`);
  if (!isInt(o.seed) || o.seed < 0 || o.seed > 0xffffffff)
    problems.push(`--seed must be a whole number from 0 to 4294967295 (got ${o.seed})`);
  if (o.sketch !== 'oph' && o.sketch !== 'classic') problems.push(`--sketch must be oph or classic (got ${String(o.sketch)})`);
  if (o.keep !== 'first' && o.keep !== 'longest' && o.keep !== 'shortest')
    problems.push(`--keep must be first, longest or shortest (got ${String(o.keep)})`);
  if (!(LANGUAGES as readonly string[]).includes(o.lang))
    problems.push(`--lang must be one of ${LANGUAGES.join(', ')} (got ${o.lang})`);
  if (!isInt(o.minPassage) || o.minPassage < 1 || o.minPassage > 10000)
    problems.push(`--min-passage must be a whole number from 1 to 10000 (got ${o.minPassage})`);
  if (!isInt(o.maxGap) || o.maxGap < 0 || o.maxGap > 100)
    problems.push(`--max-gap must be a whole number from 0 to 100 (got ${o.maxGap})`);
  if (!(o.containment > 0 && o.containment <= 1)) problems.push(`--containment must be in (0, 1] (got ${o.containment})`);
  if (o.maxDf !== undefined && !(o.maxDf > 0 && (o.maxDf < 1 || (isInt(o.maxDf) && o.maxDf >= 2))))
    problems.push(`--max-df must be a fraction in (0, 1) or a whole number >= 2 (got ${o.maxDf})`);
  if (o.unit === 'word' && o.overlap && o.minPassage < o.shingleSize && isInt(o.minPassage) && isInt(o.shingleSize))
    problems.push(`--min-passage (${o.minPassage}) must be at least --shingle-size (${o.shingleSize})`);

  let bands = input.bands;
  let rows = input.rows;
  if (problems.length === 0) {
    if (bands === undefined || rows === undefined) {
      const chosen = chooseBands(o.threshold, o.numPerm);
      if (bands === undefined && rows === undefined) ({ bands, rows } = chosen);
      else if (bands === undefined) bands = Math.floor(o.numPerm / rows!);
      else rows = Math.floor(o.numPerm / bands);
    }
    if (!isInt(bands!) || bands! < 1 || !isInt(rows!) || rows! < 1 || bands! * rows! > o.numPerm)
      problems.push(`--bands × --rows must be whole numbers with a product of at most --num-perm ${o.numPerm} (got ${bands} × ${rows})`);
  }
  if (problems.length > 0) throw new DedupeError('E_USAGE', problems.join('; '));
  return Object.freeze({ ...o, bands: bands!, rows: rows! });
}
