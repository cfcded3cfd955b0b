/**
 * A document's compact fingerprint: tokens → shingle sequence → shingle set → signature.
 * Pure and synchronous; the same text and parameters always give the same fingerprint.
 */
import type { ShingleUnit, Tokens } from '../types.js';
import { tokenize, type TokenFilter } from '../text/tokenize.js';
import { charShingleSequence, shingleSequence, toShingleSet } from '../text/shingle.js';
import { classicCoefficients, signatureClassic, signatureOph, type SketchKind } from './minhash.js';

/** Parameters of fingerprinting (all part of the output's `params`). */
export interface FingerprintParams {
  readonly shingleSize: number;
  readonly unit: ShingleUnit;
  readonly numPerm: number;
  readonly seed: number;
  readonly sketch: SketchKind;
  readonly filter?: TokenFilter;
}

/** What is kept of one document for the whole run. */
export interface DocFingerprint {
  readonly tokens: Tokens;
  /** Per-position shingle hashes (entry i covers tokens [i, i+k) for word shingles). */
  readonly sequence: Uint32Array;
  /** Sorted, repeat-free shingle hashes. */
  readonly set: Uint32Array;
  /** MinHash signature of length numPerm (all EMPTY when the set is empty). */
  readonly signature: Uint32Array;
}

/** Makes a fingerprinter with its per-run constants (classic coefficients) computed once. */
export function makeFingerprinter(params: FingerprintParams): (text: string) => DocFingerprint {
  const coeffs = params.sketch === 'classic' ? classicCoefficients(params.numPerm, params.seed) : undefined;
  return (text: string): DocFingerprint => {
    const tokens = tokenize(text, params.filter);
    const sequence =
      params.unit === 'char'
        ? charShingleSequence(text, tokens, params.shingleSize)
        : shingleSequence(tokens.hashes, tokens.count, params.shingleSize);
    const set = toShingleSet(sequence);
    const signature = coeffs
      ? signatureClassic(set, coeffs)
      : signatureOph(set, params.numPerm, params.seed);
    return { tokens, sequence, set, signature };
  };
}
