/**
 * The data passed between the stages of dedupe (types only).
 *
 * SourceDoc → Tokens (with offsets) → Fingerprint (shingle set, signature, winnowed
 * fingerprints) → candidate pairs → ScoredPair → Cluster / Group → Report.
 *
 * Offsets everywhere are UTF-16 code units into `SourceDoc.text`, half-open `[start, end)`.
 */

/** Where a document's text came from. */
export type DocFormat = 'text' | 'html' | 'jsonl' | 'docx' | 'odt' | 'pdf';

/** One input document, decoded to text. */
export interface SourceDoc {
  /** Stable id: the path as typed relative to the cwd; for JSONL `file.jsonl#<id>`. */
  readonly id: string;
  /** The file the text came from (`-` for stdin). */
  readonly path: string;
  readonly format: DocFormat;
  /** The text the offsets refer to: for HTML, the extracted visible text. */
  readonly text: string;
  /** Size of the raw input in bytes (for JSONL: the line's bytes). */
  readonly bytes: number;
  /** For JSONL: 1-based line number of the record. */
  readonly line?: number;
}

/**
 * A document's tokens: normalized-token hashes plus the character range of each
 * token in the original text. Arrays have length >= count; only [0, count) is used.
 */
export interface Tokens {
  readonly count: number;
  /** 32-bit hash of each normalized token. */
  readonly hashes: Uint32Array;
  /** UTF-16 offset of each token's first code unit in the original text. */
  readonly starts: Uint32Array;
  /** UTF-16 offset one past each token's last code unit (half-open). */
  readonly ends: Uint32Array;
  /**
   * The tokens' length in quarter words (see `wordQuarters` in text/tokenize.ts): 4 × count for
   * text in spaced scripts, less where characters of unspaced scripts are tokens of their own.
   */
  readonly quarters: number;
}

/** How text is cut into shingles. */
export type ShingleUnit = 'word' | 'char';

/** Which token filters apply before shingling. */
export interface TextOptions {
  /** Apply a stemmer of `lang` (natural's Porter stemmers). */
  readonly stem: boolean;
  /** Drop stop words of `lang`. */
  readonly stopwords: boolean;
  /** ISO 639-1 language code for stemming and stop words. */
  readonly lang: string;
}

/** Parameters of the signature and LSH stages. */
export interface SketchParams {
  readonly numPerm: number;
  readonly seed: number;
}

/** LSH banding: `bands * rows <= numPerm`. */
export interface BandParams {
  readonly bands: number;
  readonly rows: number;
}

/** Compact per-document fingerprint kept in memory for the whole run. */
export interface Fingerprint {
  /** Number of tokens after filtering. */
  readonly tokens: number;
  /** Sorted, de-duplicated 32-bit shingle hashes. */
  readonly shingles: Uint32Array;
  /** MinHash signature, length numPerm; empty (length 0) when there are no shingles. */
  readonly signature: Uint32Array;
}

/** The relation a reported pair has. */
export type PairKind = 'duplicate' | 'contained' | 'overlap';

/** A shared passage between two documents. Offsets: UTF-16, half-open, into each SourceDoc.text. */
export interface Passage {
  readonly a: { readonly start: number; readonly end: number };
  readonly b: { readonly start: number; readonly end: number };
  /** Number of words (tokens of a) in the passage. */
  readonly words: number;
  /** The passage's text as it stands in document a. */
  readonly text: string;
  /** Gaps bridged inside the passage (0: both sides have identical normalized words). */
  readonly gaps?: number;
}

/** A verified pair of documents; `a < b` by document index. */
export interface ScoredPair {
  readonly a: number;
  readonly b: number;
  readonly kind: PairKind;
  /** Exact Jaccard of the shingle sets, in [0, 1]. */
  readonly jaccard: number;
  /**
   * On a duplicate pair whose `jaccard` is below the threshold: the exact Jaccard of the two
   * documents' articles (their texts without the boilerplate at their edges), which made it one.
   */
  readonly articleJaccard?: number;
  /** |A∩B|/|A|. */
  readonly aInB: number;
  /** |A∩B|/|B|. */
  readonly bInA: number;
  /** Shared passages (absent when overlap detection is off). */
  readonly passages?: readonly Passage[];
  /**
   * Share of each document's words inside the passages: a's in b, b's in a; each in [0, 1]. A
   * document with boilerplate at its edges (a site's header and footer) is counted without it.
   */
  readonly coverage?: { readonly aInB: number; readonly bInA: number };
}

/**
 * A cluster: duplicates of one another, plus derived copies attached to their source.
 * Members by document index (ascending).
 */
export interface Cluster {
  readonly members: readonly number[];
  /** The suggested copy to keep (never a derived copy). */
  readonly keep: number;
  /** Members attached as derived copies (contained in a larger member), not duplicates of the keeper. */
  readonly derived: readonly number[];
}

/** Which member of a cluster is suggested to keep. */
export type KeepPolicy = 'first' | 'longest' | 'shortest';
