/**
 * What happened to the inputs, for the user: every input warning goes to the logger as it
 * arrives; at the end one summary line says how many files were skipped and why
 * (`dedupe: skipped 3 files: 2 binary, 1 with an unknown extension`). With --verbose the files
 * skipped silently (hidden, unknown extension, excluded) are listed one per line as they are met.
 */
import { createInputStats, type InputStats, type SkipReason } from '../io/input-stats.js';
import type { InputWarning, InputWarningReason } from '../io/read-inputs.js';
import type { Logger } from './logger.js';

/** Collects input warnings and counters during a run. */
export interface InputTracker {
  /** Counters to pass to readInputs (its `onSkipped` is set for --verbose). */
  readonly stats: InputStats;
  /** Pass to readInputs as its `onWarning`. */
  readonly onWarning: (w: InputWarning) => void;
  /** Inputs that could not be read at all (warnings with `failed`): the run exits 2. */
  readonly failed: number;
  /**
   * The summary of skipped files, or undefined when nothing was skipped.
   * Files reached twice (read once) and JSONL lines are not files skipped; lines are counted apart.
   */
  summary(): string | undefined;
}

/** How each silent skip reason reads in the summary and in --verbose lines. */
const SKIP_WORDS: Readonly<Record<SkipReason, string>> = {
  hidden: 'hidden',
  'unknown-extension': 'with an unknown extension',
  excluded: 'excluded by --include/--exclude',
  duplicate: 'reached twice',
};

/** Warning reasons that mean a whole file was skipped, with how they read in the summary. */
const FILE_SKIPS: Partial<Record<InputWarningReason, string>> = {
  binary: 'binary',
  'too-large': 'larger than --max-doc-bytes',
  unreadable: 'unreadable',
  unsupported: 'unsupported (link loop or special file)',
  damaged: 'damaged (.docx, .odt, .pdf)',
  jsonl: 'not valid JSON (or too large to read whole)',
};

/** Warnings about single lines shown per file (all with --verbose); the rest are counted. */
const LINE_WARNINGS_SHOWN = 20;

/**
 * Makes the tracker of one run.
 * @param log where warnings (and, with `verbose`, the silent skips) go
 * @param verbose list silently skipped entries
 */
export function makeInputTracker(log: Logger, verbose: boolean): InputTracker {
  const stats = createInputStats();
  if (verbose) {
    stats.onSkipped = (path, reason) => {
      if (reason !== 'duplicate') log.verbose(`skipped ${path} (${SKIP_WORDS[reason]})`);
    };
  }
  const fileSkips = new Map<string, number>();
  /** Line warnings per file, and those not shown. */
  const lineWarnings = new Map<string, number>();
  let hiddenLineWarnings = 0;
  let jsonlLines = 0;
  let failed = 0;
  return {
    stats,
    onWarning(w) {
      if (w.failed) failed++;
      if (w.line !== undefined && !verbose) {
        // A file whose every line is wrong (another text field's name) warns 20 times, not a million.
        const shown = lineWarnings.get(w.path) ?? 0;
        lineWarnings.set(w.path, shown + 1);
        if (shown < LINE_WARNINGS_SHOWN) log.warn(w.message);
        else hiddenLineWarnings++;
      } else {
        log.warn(w.message);
      }
      if (w.line !== undefined) {
        if (w.reason === 'jsonl' || w.reason === 'too-large') jsonlLines++;
        return;
      }
      // A duplicate path is read once, and "not a file" inputs named twice are not skips.
      const words = FILE_SKIPS[w.reason];
      if (words !== undefined) fileSkips.set(words, (fileSkips.get(words) ?? 0) + 1);
    },
    get failed() {
      return failed;
    },
    summary() {
      const parts: [string, number][] = Object.values(FILE_SKIPS)
        .map((words): [string, number] => [words, fileSkips.get(words) ?? 0])
        .filter(([, n]) => n > 0);
      const silent: [SkipReason, number][] = [
        ['unknown-extension', stats.skippedUnknownExtension],
        ['excluded', stats.skippedExcluded],
        ['hidden', stats.skippedHidden],
      ];
      let silentCount = 0;
      for (const [reason, n] of silent) {
        if (n === 0) continue;
        parts.push([SKIP_WORDS[reason], n]);
        silentCount += n;
      }
      const files = parts.reduce((s, [, n]) => s + n, 0);
      const out: string[] = [];
      if (files > 0) {
        const detail = parts.map(([words, n]) => `${n} ${words}`).join(', ');
        // Warned-about files are named above; the silent ones only with --verbose.
        const hint = silentCount > 0 && !verbose ? ' (--verbose lists them)' : '';
        out.push(`skipped ${files} file${files === 1 ? '' : 's'}: ${detail}${hint}`);
      }
      if (jsonlLines > 0) out.push(`skipped ${jsonlLines} JSONL line${jsonlLines === 1 ? '' : 's'}`);
      if (hiddenLineWarnings > 0) {
        out.push(`${hiddenLineWarnings} more line warning${hiddenLineWarnings === 1 ? '' : 's'} not shown (${LINE_WARNINGS_SHOWN} a file; --verbose shows all)`);
      }
      return out.length > 0 ? out.join('; ') : undefined;
    },
  };
}
