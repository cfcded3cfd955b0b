/**
 * The human text report: a summary line, the duplicate clusters (members with sizes, the
 * similarity with the keeper, which one is kept), then the overlapping pairs (largest
 * coverage first) with their passages quoted, shortened in the middle when long.
 */
import type { DedupeResult } from '../dedupe.js';
import type { Passage, ScoredPair } from '../types.js';
import type { Style } from './style.js';

/** Options of the text report. */
export interface TextOptions {
  readonly style: Style;
  /** Seconds the run took; shown in the summary when given (omitted for byte-reproducible output). */
  readonly seconds?: number;
  /** Longest quoted passage, in characters, before it is shortened in the middle. */
  readonly quoteWidth?: number;
  /** Most overlapping pairs listed (the rest are counted). */
  readonly maxPairs?: number;
}

/** Members listed per overlap group (the JSON lists all). */
const GROUP_MEMBERS_SHOWN = 10;

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const fixed = (x: number): string => x.toFixed(3);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Shortens `s` to at most `width` characters by cutting out its middle. */
export function shortenMiddle(s: string, width: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  const half = Math.floor((width - 3) / 2);
  // Cut at word boundaries: the head ends and the tail starts with whole words.
  const head = flat.slice(0, half).replace(/\s+\S*$/, '');
  const tail = flat.slice(flat.length - half).replace(/^\S*\s+/, '');
  return `${head} … ${tail}`;
}

/** Writes the text report. */
/**
 * What a count of tokens is called: "word", or "character" for text mostly in scripts written
 * without spaces (Chinese, Japanese, Thai), where each character is a token: there a text has
 * fewer than two characters a token (with its punctuation), where words of spaced scripts have
 * five or more with their spaces.
 */
export function tokenUnit(tokens: number, chars: number): string {
  return tokens > 0 && chars < 2 * tokens ? 'character' : 'word';
}

export function writeText(r: DedupeResult, write: (chunk: string) => void, opts: TextOptions): void {
  const st = opts.style;
  const width = opts.quoteWidth ?? 160;
  const maxPairs = opts.maxPairs ?? 50;
  const docs = r.documents;
  const name = (i: number): string => docs[i]!.id;
  const s = r.stats;
  // Overlaps worth a line of their own: a contained pair inside one cluster is that cluster's
  // derived copy, shown there.
  const clusterOf = new Int32Array(r.documents.length).fill(-1);
  r.clusters.forEach((c, ci) => c.members.forEach((m) => (clusterOf[m] = ci)));
  const shown = r.pairs
    .filter((p) => p.kind === 'overlap' || (p.kind === 'contained' && (clusterOf[p.a] === -1 || clusterOf[p.a] !== clusterOf[p.b])))
    .sort((x, y) => cover(y) - cover(x) || x.a - y.a || x.b - y.b);

  const parts = [
    plural(s.documents, 'document'),
    plural(r.clusters.length, s.derived > 0 ? 'cluster' : 'duplicate cluster'),
    `${plural(s.redundant, 'redundant copy', 'redundant copies')}`,
  ];
  if (s.derived > 0) parts.push(plural(s.derived, 'derived copy', 'derived copies'));
  if (r.options.overlap) parts.push(plural(shown.length, 'overlapping pair'));
  if (s.templatePairs > 0) parts.push(`${plural(s.templatePairs, 'pair')} sharing only a site template or notice set aside`);
  if (s.empty > 0) parts.push(`${s.empty} empty`);
  if (opts.seconds !== undefined) parts.push(`${opts.seconds.toFixed(2)} s`);
  write(`${st.bold('dedupe:')} ${parts.join(', ')}\n`);

  // Pairs by document, to show each member's similarity with the keeper.
  const pairOf = new Map<string, ScoredPair>();
  for (const p of r.pairs) pairOf.set(`${p.a},${p.b}`, p);
  const between = (x: number, y: number): ScoredPair | undefined => pairOf.get(x < y ? `${x},${y}` : `${y},${x}`);

  r.clusters.forEach((c, ci) => {
    const derived = new Set(c.derived);
    write(`\n${st.bold(`Cluster ${ci + 1}`)} ${st.dim(`· ${plural(c.members.length, 'document')}`)}\n`);
    const ordered = [c.keep, ...c.members.filter((m) => m !== c.keep)];
    const w = Math.max(...ordered.map((m) => name(m).length));
    for (const m of ordered) {
      const d = docs[m]!;
      const size = st.dim(`${d.bytes} bytes, ${plural(d.tokens, tokenUnit(d.tokens, d.chars))}`);
      if (m === c.keep) {
        write(`  ${st.green('keep   ')}  ${name(m).padEnd(w)}  ${size}\n`);
        continue;
      }
      const p = between(m, c.keep);
      let rel = derived.has(m) ? st.yellow('derived') : 'dup    ';
      let sim = '';
      if (p) {
        const mInKeep = p.a === m ? p.aInB : p.bInA;
        const keepInM = p.a === m ? p.bInA : p.aInB;
        const article = p.articleJaccard === undefined ? '' : ` (${fixed(p.articleJaccard)} without the sites' boilerplate)`;
        sim = `Jaccard ${fixed(p.jaccard)}${article}, containment ${fixed(mInKeep)} / ${fixed(keepInM)}`;
        if (p.coverage) {
          const cov = p.a === m ? p.coverage.aInB : p.coverage.bInA;
          if (p.kind !== 'duplicate') sim = `${pct(cov)} of it in passages of the keeper; ${sim}`;
        }
      } else {
        sim = 'linked through another member';
        if (!derived.has(m)) rel = 'dup    ';
      }
      write(`  ${rel}  ${name(m).padEnd(w)}  ${size}  ${st.cyan(sim)}\n`);
    }
  });

  if (!r.options.overlap) return;
  if (shown.length === 0) {
    write(`\n${st.dim('No overlapping articles.')}\n`);
  } else {
    write(`\n${st.bold('Overlapping articles')}\n`);
    const { entries, used } = foldCopies(shown);
    for (const e of entries) writeOverlap(e.pair, e.copies);
    if (used < shown.length) write(st.dim(`\n… and ${shown.length - used} more overlapping pairs (see --json)\n`));
  }
  if (r.groups.length > 0) {
    write(`\n${st.bold('Overlap groups')}\n`);
    const shownGroups = r.groups.slice(0, maxPairs);
    shownGroups.forEach((g, gi) => {
      const listed = g.members.slice(0, GROUP_MEMBERS_SHOWN).map(name).join(', ');
      const more = g.members.length > GROUP_MEMBERS_SHOWN ? `, … and ${g.members.length - GROUP_MEMBERS_SHOWN} more` : '';
      write(`  ${gi + 1}. ${plural(g.members.length, 'document')}: ${listed}${more}\n`);
    });
    if (r.groups.length > shownGroups.length) write(st.dim(`  … and ${r.groups.length - shownGroups.length} more groups (see --json)\n`));
  }
  if (s.boilerplate.length > 0) {
    write(`\n${st.bold('Ignored as boilerplate')} ${st.dim('(shared by too many documents)')}\n`);
    for (const b of s.boilerplate.slice(0, 5)) write(`  ${st.dim(`${b.documents} docs:`)} “${shortenMiddle(b.text, width - 12)}”\n`);
  }

  function cover(p: ScoredPair): number {
    return p.coverage ? Math.max(p.coverage.aInB, p.coverage.bInA) : 0;
  }

  /** The pair's documents, the one more of which is shared first, and that one's share. */
  function lead(p: ScoredPair): [number, number, number] {
    const aFirst = (p.coverage?.aInB ?? 0) >= (p.coverage?.bInA ?? 0);
    return aFirst ? [p.a, p.b, p.coverage?.aInB ?? 0] : [p.b, p.a, p.coverage?.bInA ?? 0];
  }

  /**
   * The first `maxPairs` entries to show: a document that shares the same text (the same share of
   * it) with several copies of one duplicate cluster is one entry, naming the other copies,
   * instead of one entry per copy. Also how many of `shown` the entries cover.
   */
  function foldCopies(shown: readonly ScoredPair[]): { entries: { pair: ScoredPair; copies: number[] }[]; used: number } {
    const clusterOf = new Map<number, number>();
    r.clusters.forEach((c, ci) => c.members.forEach((m) => clusterOf.set(m, ci)));
    const entries: { pair: ScoredPair; copies: number[] }[] = [];
    const byKey = new Map<string, { pair: ScoredPair; copies: number[] }>();
    let used = 0;
    for (const p of shown) {
      const [x, y, share] = lead(p);
      const ci = clusterOf.get(y);
      const key = ci === undefined ? undefined : `${x}:${ci}:${share}`;
      const same = key === undefined ? undefined : byKey.get(key);
      if (same !== undefined) {
        same.copies.push(y);
        used++;
        continue;
      }
      if (entries.length === maxPairs) break;
      const e = { pair: p, copies: [] };
      entries.push(e);
      if (key !== undefined) byKey.set(key, e);
      used++;
    }
    return { entries, used };
  }

  function writeOverlap(p: ScoredPair, copies: readonly number[]): void {
    const passages = p.passages ?? [];
    const words = passages.reduce((n, x) => n + x.words, 0);
    // Lead with the document more of which is shared.
    const aFirst = (p.coverage?.aInB ?? 0) >= (p.coverage?.bInA ?? 0);
    const [x, y] = aFirst ? [p.a, p.b] : [p.b, p.a];
    const cx = aFirst ? p.coverage?.aInB : p.coverage?.bInA;
    const cy = aFirst ? p.coverage?.bInA : p.coverage?.aInB;
    const verb = p.kind === 'contained' ? st.yellow('is derived from') : 'shares';
    const unit = tokenUnit(words, passages.reduce((n, x) => n + x.text.length, 0));
    const what =
      p.kind === 'contained'
        ? `${verb} ${name(y)}: ${plural(passages.length, 'passage')}, ${plural(words, unit)}, ${pct(cx ?? 0)} of it`
        : `${verb} ${plural(passages.length, 'passage')} (${plural(words, unit)}, ${pct(cx ?? 0)} of it) with ${name(y)} (${pct(cy ?? 0)} of that)`;
    const also = copies.length === 0 ? '' : ` ${st.dim(`and ${copies.length === 1 ? 'its copy' : `its ${copies.length} copies`} ${copies.map(name).join(', ')}`)}`;
    write(`\n  ${st.magenta(name(x))} ${what}${also}\n`);
    for (const ps of passages.slice(0, 5)) write(quote(ps, aFirst));
    if (passages.length > 5) write(st.dim(`    … ${passages.length - 5} more passages\n`));
  }

  function quote(ps: Passage, aFirst: boolean): string {
    const [rx, ry] = aFirst ? [ps.a, ps.b] : [ps.b, ps.a];
    const loc = st.dim(`[${rx.start}–${rx.end} | ${ry.start}–${ry.end}, ${plural(ps.words, tokenUnit(ps.words, ps.text.length))}]`);
    return `    “${shortenMiddle(ps.text, width)}” ${loc}\n`;
  }
}
