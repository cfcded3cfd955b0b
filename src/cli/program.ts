/**
 * The commander definition of `dedupe`: every flag, its parser and help text. Raw flags are
 * turned into validated options in one step by `main` (see resolveOptions).
 */
import { Command, Option } from 'commander';
import { DEFAULTS, LANGUAGES } from '../options.js';
import { byteSize, collect, intIn, numberIn } from './parse.js';
import { availableParallelism } from 'node:os';

/** The version printed by --version (kept in step with package.json by a test). */
export const VERSION = '0.1.0';

/** Report formats. */
export const FORMATS = ['text', 'json', 'jsonl', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** Raw flags as commander parses them. */
export interface CliFlags {
  json?: boolean;
  format?: Format;
  output?: string;
  redundant?: boolean;
  null?: boolean;
  includeContained?: boolean;
  threshold?: number;
  shingleSize?: number;
  unit?: 'word' | 'char';
  numPerm?: number;
  seed?: number;
  bands?: number;
  rows?: number;
  sketch?: 'oph' | 'classic';
  keep?: 'first' | 'longest' | 'shortest';
  stem?: boolean;
  stopwords?: boolean;
  lang?: string;
  overlap: boolean;
  minPassage?: number;
  maxGap?: number;
  containment?: number;
  maxDf?: number;
  boilerplate?: string[];
  include?: string[];
  exclude?: string[];
  textField: string;
  idField: string;
  stdinFormat: 'text' | 'html' | 'jsonl' | 'docx' | 'odt' | 'pdf';
  maxDocBytes: number;
  strict?: boolean;
  exitCode?: boolean;
  explain?: boolean;
  color: 'auto' | 'always' | 'never';
  jobs: number;
  progress?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  timings?: boolean;
}

/** Builds the program (a new one per call, so tests can parse many argument lists). */
export function buildProgram(): Command {
  const p = new Command('dedupe');
  p.description(
    'Find near-duplicate and overlapping text documents. Every reported pair is verified exactly; ' +
      'shared passages are quoted with character offsets. Reads .txt/.md, .html/.htm, .docx/.odt, .pdf, .jsonl/.ndjson (gzipped too: .jsonl.gz), .json (when named) and - (stdin).',
  )
    .version(VERSION, '-V, --version')
    .argument('[paths...]', 'files and directories to read (directories recursively); - reads stdin')
    .helpOption('-h, --help', 'show this help')
    // Output
    .option('--json', 'print one JSON document (same as --format json)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS as unknown as string[]))
    .option('-o, --output <file>', 'write the report to FILE (atomically) instead of stdout')
    .option('--redundant', 'print only the ids/paths of removable copies (every cluster member but the keeper)')
    .option('-0, --null', 'with --redundant: separate with NUL bytes (for xargs -0)')
    .option('--include-contained', 'with --redundant: list derived copies (contained in a source) too')
    .option('--exit-code', 'exit 1 when duplicates were found (0 when none)')
    .addOption(new Option('--color <when>', 'colour the text report').choices(['auto', 'always', 'never']).default('auto'))
    // Similarity
    .option('-t, --threshold <x>', `least exact Jaccard of a duplicate pair, in (0, 1] (default ${DEFAULTS.threshold})`, numberIn(0, 1))
    .option('-k, --shingle-size <n>', `words (or characters with --unit char) per shingle (default ${DEFAULTS.shingleSize}; char: ${DEFAULTS.charShingleSize})`, intIn(1, 64))
    .addOption(new Option('--unit <unit>', 'shingle unit (default word)').choices(['word', 'char']))
    .option('--num-perm <n>', `MinHash signature length (default ${DEFAULTS.numPerm})`, intIn(1, 1024))
    .option('--seed <n>', `seed of the MinHash permutations (default ${DEFAULTS.seed})`, intIn(0, 0xffffffff))
    .option('--bands <n>', 'LSH bands (default: derived from --threshold)', intIn(1, 1024))
    .option('--rows <n>', 'LSH rows per band (default: derived from --threshold)', intIn(1, 1024))
    .addOption(new Option('--sketch <kind>', 'signature kernel: one-permutation hashing or classic MinHash (default oph)').choices(['oph', 'classic']))
    .addOption(new Option('--keep <policy>', 'which cluster member to keep (default longest; ties by path)').choices(['first', 'longest', 'shortest']))
    .option('--stem', 'stem words (natural Porter stemmers; see --lang)')
    .option('--stopwords', 'drop stop words (see --lang)')
    .addOption(new Option('--lang <code>', 'language for --stem and --stopwords (default en)').choices([...LANGUAGES]))
    .option('--explain', 'print the LSH parameters and candidate probabilities on stderr')
    // Overlap
    .option('--no-overlap', 'find duplicates only (skip shared-passage detection)')
    .option('--min-passage <n>', `least words in a reported shared passage (default ${DEFAULTS.minPassage})`, intIn(1, 10000))
    .option('--max-gap <n>', `changed words tolerated inside one passage (default ${DEFAULTS.maxGap})`, intIn(0, 100))
    .option('--containment <x>', `share of the smaller document in passages that makes it derived, in (0, 1] (default ${DEFAULTS.containment})`, numberIn(0, 1))
    .option('--max-df <x>', 'fingerprints in more documents than this are boilerplate: a count >= 2 or a fraction < 1 (default: automatic)', numberIn(0, 1e12))
    .option('--boilerplate <file>', 'a text file of boilerplate to ignore (repeatable)', collect)
    // Input
    .option('--include <glob>', 'only read files matching GLOB inside directories (repeatable)', collect)
    .option('--exclude <glob>', 'skip files matching GLOB inside directories (repeatable)', collect)
    .option('--text-field <name>', 'JSONL field holding the text (a dotted path reaches nested objects: content.body)', 'text')
    .option('--id-field <name>', 'JSONL field holding the id', 'id')
    .addOption(new Option('--stdin-format <format>', 'how - (stdin) is parsed (text: a PDF, .docx or .odt is recognized by its bytes; jsonl: gzip data is inflated)').choices(['text', 'html', 'jsonl', 'docx', 'odt', 'pdf']).default('text'))
    .option('--max-doc-bytes <size>', 'skip documents larger than SIZE (e.g. 64M)', byteSize, 64 * 1024 * 1024)
    .option('--strict', 'stop at the first malformed JSONL line (exit 2) instead of skipping it')
    // Run
    .option('-j, --jobs <n>', 'worker threads for fingerprinting, alignment and large JSON reports (1: all in the main thread)', intIn(1, 256), availableParallelism())
    .option('--progress', 'show progress on stderr even when it is not a terminal')
    .option('-q, --quiet', 'no warnings on stderr (errors are still shown)')
    .option('-v, --verbose', 'more detail on stderr (skipped files, timings)')
    .option('--timings', 'include wall-clock timings in JSON output (then not byte-reproducible)');
  p.addHelpText(
    'after',
    `
Examples:
  dedupe articles/                               clusters and overlapping articles, for reading
  dedupe articles/ --json | jq '.clusters'       the report as JSON (schema in the README)
  dedupe data.jsonl --text-field body --json -o report.json
  dedupe articles/ --redundant -0 | xargs -0 rm  remove every copy but the one to keep
  dedupe articles/ --format html -o report.html  side-by-side view of shared passages

Exit status: 0 success, 1 duplicates found (with --exit-code), 2 usage error or unreadable input.`,
  );
  return p;
}
