/**
 * Messages between the main thread and fingerprinting workers. Texts go in by structured clone
 * (strings); fingerprints come back as transferred typed arrays (no copy).
 */
import type { FingerprintParams } from '../sketch/fingerprint.js';

/** Worker start-up data: the fingerprint parameters, with the token filter as a spec (functions do not cross threads). */
export interface WorkerInit {
  readonly params: Omit<FingerprintParams, 'filter'>;
  readonly filter: { readonly lang: string; readonly stem: boolean; readonly stopwords: boolean };
}

/** Numbers per document in BatchResult.counts. */
export const FIELDS = 7;

/** A batch of documents to fingerprint. */
export interface BatchRequest {
  readonly batch: number;
  readonly indexes: readonly number[];
  readonly texts: readonly string[];
}

/** Fingerprints of a batch, in request order, packed into a few transferable arrays. */
export interface BatchResult {
  readonly batch: number;
  readonly indexes: readonly number[];
  /** Per document, FIELDS numbers: tokens, set length, winnow length, check hash, sequence length, offsets length, quarter words. */
  readonly counts: Uint32Array;
  /** Concatenated shingle sets. */
  readonly sets: Uint32Array;
  /** Concatenated signatures (numPerm each). */
  readonly signatures: Uint32Array;
  /** Concatenated winnowed hashes and positions. */
  readonly winnowHashes: Uint32Array;
  readonly winnowPositions: Uint32Array;
  /** Concatenated word-shingle sequences (overlap on). */
  readonly sequences: Uint32Array;
  /** Concatenated packed token offsets (overlap on). */
  readonly offsets: Uint8Array;
  /** Seconds spent fingerprinting. */
  readonly seconds: number;
}
