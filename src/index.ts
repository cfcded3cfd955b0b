/**
 * dedupe as a library: every public export, by name.
 *
 * The pipeline: `findDuplicates(docs, options)` (or a streaming `Deduper`), then a reporter.
 * The core stages are exported too, for use on their own: tokenize → shingles → signature →
 * LSH candidates → exact similarity; winnowing → overlap candidates → passage alignment.
 */

// Types passed between stages
export type {
  SourceDoc,
  DocFormat,
  Tokens,
  ShingleUnit,
  BandParams,
  PairKind,
  Passage,
  ScoredPair,
  Cluster,
  KeepPolicy,
} from './types.js';
export { DedupeError, isDedupeError, type ErrorCode } from './errors.js';

// The pipeline
export { Deduper, findDuplicates, type DedupeResult, type DedupeStats, type DocumentInfo, type OverlapGroup, type DeduperExtras } from './dedupe.js';
export { resolveOptions, DEFAULTS, LANGUAGES, type DedupeOptions } from './options.js';

// Text
export { tokenize, type TokenFilter } from './text/tokenize.js';
export { normalizeToken, normalizeText } from './text/normalize.js';
export { shingleSequence, toShingleSet, charShingleSequence, SHINGLE_SEED } from './text/shingle.js';
export { hashToken, fmix32, murmurWords } from './text/hash.js';
export { loadTokenFilter } from './text/languages.js';

// Sketches and similarity
export { signatureOph, signatureClassic, classicCoefficients, estimateJaccard, EMPTY, type SketchKind } from './sketch/minhash.js';
export { intersectionSize, setSimilarity, type SetSimilarity } from './sketch/similarity.js';
export { makeFingerprinter, type DocFingerprint, type FingerprintParams } from './sketch/fingerprint.js';

// LSH
export { chooseBands, candidateProbability, meanCandidateProbability, RECALL_AT_THRESHOLD } from './index/bands.js';
export { candidatePairs, unpackPair, type SignatureMatrix } from './index/lsh.js';

// Overlap: winnowing, the fingerprint index, alignment
export { winnow, windowFor, type Winnowed } from './overlap/winnow.js';
export { overlapCandidates, resolveMaxDf, type OverlapCandidates, type OverlapIndexInput } from './overlap/fingerprint-index.js';
export { alignPair, prepareAlignDoc, alignPrepared, type Alignment, type AlignOptions } from './overlap/align.js';

// Clustering
export { UnionFind } from './compare/union-find.js';
export { chooseKeeper } from './compare/keep.js';

// Input (Node only: reads files)
export { readInputs, type ReadOptions, type InputWarning } from './io/read-inputs.js';
export { decodeText } from './io/decode.js';
export { htmlToText } from './io/html.js';

// Reports
export { jsonReport, writeJson, writeJsonl, SCHEMA_VERSION } from './report/json.js';
export { writeText } from './report/text.js';
export { writeHtml } from './report/html.js';
export { writeRedundant, redundantIds } from './report/redundant.js';
