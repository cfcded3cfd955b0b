/**
 * Counters the input layer keeps while reading, for the CLI's summary line.
 */

/** Mutable counters; the reader only ever increments them. */
export interface InputStats {
  /** Inputs (files, stdin) that were read and produced documents or were empty. */
  filesRead: number;
  /** Documents yielded. */
  documents: number;
  /** Raw bytes of the documents yielded. */
  bytes: number;
  /** Files inside directories skipped because their extension is not a known one. */
  skippedUnknownExtension: number;
  /** Hidden entries (`.name`) and `node_modules` directories skipped inside directories. */
  skippedHidden: number;
  /** Entries inside directories skipped by --include / --exclude. */
  skippedExcluded: number;
  /** Files and directories reached a second time (overlapping arguments, links) and skipped. */
  skippedDuplicate: number;
  /**
   * Told about each entry counted in one of the `skipped*` counters (for `--verbose`), with its
   * display path. Optional; called synchronously during discovery.
   */
  onSkipped?: (path: string, reason: SkipReason) => void;
}

/** Why discovery passed over an entry silently (each reason has a `skipped*` counter). */
export type SkipReason = 'hidden' | 'unknown-extension' | 'excluded' | 'duplicate';

const COUNTER: Readonly<Record<SkipReason, 'skippedHidden' | 'skippedUnknownExtension' | 'skippedExcluded' | 'skippedDuplicate'>> = {
  hidden: 'skippedHidden',
  'unknown-extension': 'skippedUnknownExtension',
  excluded: 'skippedExcluded',
  duplicate: 'skippedDuplicate',
};

/**
 * Count one silently skipped entry and tell `stats.onSkipped`, if set.
 *
 * @param stats the counters
 * @param reason why it was skipped
 * @param path its display path
 */
export function countSkip(stats: InputStats, reason: SkipReason, path: string): void {
  stats[COUNTER[reason]]++;
  stats.onSkipped?.(path, reason);
}

/**
 * Fresh counters, all zero.
 *
 * @returns a new stats object to pass to readInputs
 */
export function createInputStats(): InputStats {
  return {
    filesRead: 0,
    documents: 0,
    bytes: 0,
    skippedUnknownExtension: 0,
    skippedHidden: 0,
    skippedExcluded: 0,
    skippedDuplicate: 0,
  };
}
