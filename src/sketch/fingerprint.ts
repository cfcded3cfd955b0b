/**
 * A document's compact fingerprint: tokens → shingle sequence → shingle set → signature, and,
 * when overlap detection is on, the winnowed fingerprints of its word shingles.
 * Pure and synchronous; the same text and parameters always give the same fingerprint.
 * Everything in it is a typed array, so it can be transferred from a worker without copying.
 */
import type { ShingleUnit } from '../types.js';
import { tokenize, type TokenFilter } from '../text/tokenize.js';
import { charShingleSequence, shingleSequence, toShingleSet } from '../text/shingle.js';
import { classicCoefficients, signatureClassic, signatureOph, type SketchKind } from './minhash.js';
import { winnow } from '../overlap/winnow.js';
import { sortSeeds } from '../overlap/align.js';
import { murmurWords } from '../text/hash.js';
import { packTokenOffsets } from '../text/token-offsets.js';

/** Parameters of fingerprinting (all part of the output's `params`). */
export interface FingerprintParams {
  readonly shingleSize: number;
  readonly unit: ShingleUnit;
  readonly numPerm: number;
  readonly seed: number;
  readonly sketch: SketchKind;
  readonly filter?: TokenFilter;
  /** Winnowing window over word shingles; omitted when overlap detection is off. */
  readonly winnowWindow?: number;
}

/** What is kept of one document for the whole run. */
export interface DocFingerprint {
  /** Number of tokens. */
  readonly tokens: number;
  /** The tokens' length in quarter words (Tokens.quarters). */
  readonly quarters: number;
  /** Sorted, repeat-free shingle hashes. */
  readonly set: Uint32Array;
  /** MinHash signature of length numPerm (all EMPTY when the set is empty). */
  readonly signature: Uint32Array;
  /**
   * A second 32-bit hash of the whole token sequence, with another seed. Documents of at most k
   * tokens have a single shingle, so two different short documents would look identical on a
   * 32-bit shingle collision (one pair in ~2^32); verification also compares this hash then.
   * Computed only for a document whose set has one shingle (0 otherwise): the only case compared.
   */
  readonly check: number;
  /**
   * Winnowed word-shingle hashes and their shingle positions, sorted by (hash, position), ready
   * for the fingerprint index and seeded alignment (empty when overlap is off).
   */
  readonly winnowHashes: Uint32Array;
  readonly winnowPositions: Uint32Array;
  /** The word-shingle sequence, kept for alignment (empty when overlap is off). */
  readonly sequence: Uint32Array;
  /** The tokens' ranges in the text, packed (packTokenOffsets), to quote passages (empty when overlap is off). */
  readonly offsets: Uint8Array;
}

const NONE = new Uint32Array(0);
const NO_BYTES = new Uint8Array(0);

/** Seed of the whole-sequence check hash (independent of the shingle seed). */
const CHECK_SEED = 0x2545f491;

/** Makes a fingerprinter with its per-run constants (classic coefficients) computed once. */
export function makeFingerprinter(params: FingerprintParams): (text: string) => DocFingerprint {
  const coeffs = params.sketch === 'classic' ? classicCoefficients(params.numPerm, params.seed) : undefined;
  const k = params.shingleSize;
  return (text: string): DocFingerprint => {
    const tokens = tokenize(text, params.filter);
    const words = params.unit === 'word' || params.winnowWindow !== undefined ? shingleSequence(tokens.hashes, tokens.count, k) : NONE;
    const sequence = params.unit === 'char' ? charShingleSequence(text, tokens, k) : words;
    const set = toShingleSet(sequence);
    const signature = coeffs ? signatureClassic(set, coeffs) : signatureOph(set, params.numPerm, params.seed);
    const win = params.winnowWindow !== undefined ? winnow(words, params.winnowWindow) : undefined;
    const seeds = win ? sortSeeds(win.hashes, win.positions) : undefined;
    return {
      tokens: tokens.count,
      quarters: tokens.quarters,
      check: set.length === 1 ? murmurWords(tokens.hashes, 0, tokens.count, CHECK_SEED) : 0,
      set,
      signature,
      winnowHashes: seeds ? seeds.seedHashes : NONE,
      winnowPositions: seeds ? seeds.seedPositions : NONE,
      sequence: win ? words : NONE,
      offsets: win ? packTokenOffsets(tokens.starts, tokens.ends, tokens.count) : NO_BYTES,
    };
  };
}
