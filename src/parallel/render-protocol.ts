/**
 * Pair records rendered on worker threads. The main thread packs a run of pairs into typed
 * arrays (documents, kind, scores, passage offsets: no text); a render thread reads the quoted
 * texts from the spill file itself (every text is there by then: SpillTextStore.spillAll) and
 * writes the records as UTF-8 bytes (renderPacked: the bytes of the serial writers' pairLines,
 * written without building strings) and sends them back.
 */
import type { Passage, PairKind, ScoredPair } from '../types.js';
import type { PairLayout } from '../report/json.js';
import type { SpilledTexts } from '../io/spill-store.js';
import { StoredPair } from '../compare/passage-store.js';
import { IntList } from '../util/int-list.js';
import { JsonBytes } from '../report/json-bytes.js';

/** What every render thread is given once. */
export interface RenderWorkerInit {
  /** JSON.stringify of each document's id. */
  readonly ids: readonly string[];
  readonly texts: SpilledTexts;
}

/** A run of pairs to render. */
export interface RenderRequest {
  readonly seq: number;
  /** Index in the report of the first pair. */
  readonly first: number;
  readonly layout: PairLayout;
  /** Per pair: a, b, index in KINDS, number of passages (−1: no `passages`). */
  readonly meta: Int32Array;
  /** Per pair (NUMS each): jaccard, aInB, bInA, coverage a_in_b, b_in_a (NaN: no coverage), articleJaccard (NaN: none). */
  readonly nums: Float64Array;
  /** Per passage: a.start, a.end, b.start, b.end, words, gaps. */
  readonly ints: Int32Array;
}

/** A run rendered: its bytes, or why it failed. */
export interface RenderResponse {
  readonly seq: number;
  readonly bytes?: Uint8Array;
  readonly error?: string;
}

const KINDS: readonly PairKind[] = ['duplicate', 'contained', 'overlap'];

/** Numbers per pair in RenderRequest.nums. */
const NUMS = 6;

/** Whether every pair can be packed: passages kept in a PassageStore, or none at all. */
export function packable(pairs: readonly ScoredPair[]): boolean {
  return pairs.every((p) => p instanceof StoredPair || p.passages === undefined);
}

/** Packs pairs[from, to) (all packable) for a render thread. */
export function packPairs(pairs: readonly ScoredPair[], from: number, to: number, seq: number, layout: PairLayout): RenderRequest {
  const n = to - from;
  const meta = new Int32Array(4 * n);
  const nums = new Float64Array(NUMS * n);
  const ints = new IntList(64 * n);
  for (let i = 0; i < n; i++) {
    const p = pairs[from + i]!;
    meta[4 * i] = p.a;
    meta[4 * i + 1] = p.b;
    meta[4 * i + 2] = KINDS.indexOf(p.kind);
    meta[4 * i + 3] = p instanceof StoredPair ? p.packPassages(ints) : -1;
    nums[NUMS * i] = p.jaccard;
    nums[NUMS * i + 1] = p.aInB;
    nums[NUMS * i + 2] = p.bInA;
    nums[NUMS * i + 3] = p.coverage ? p.coverage.aInB : NaN;
    nums[NUMS * i + 4] = p.coverage ? p.coverage.bInA : NaN;
    nums[NUMS * i + 5] = p.articleJaccard ?? NaN;
  }
  return { seq, first: from, layout, meta, nums, ints: ints.data.slice(0, ints.length) };
}

/**
 * The pairs of a request, their passages quoted from `text(a)`: what renderPacked writes, as
 * ScoredPair objects (pairLines over them is its reference, in the tests).
 */
export function unpackPairs(req: RenderRequest, text: (doc: number) => string): ScoredPair[] {
  const { meta, nums, ints } = req;
  const n = meta.length / 4;
  const pairs: ScoredPair[] = [];
  let q = 0;
  for (let i = 0; i < n; i++) {
    const a = meta[4 * i]!;
    const count = meta[4 * i + 3]!;
    let passages: Passage[] | undefined;
    if (count >= 0) {
      passages = [];
      const t = count > 0 ? text(a) : '';
      for (let k = 0; k < count; k++, q += 6) {
        const start = ints[q]!;
        const end = ints[q + 1]!;
        passages.push({ a: { start, end }, b: { start: ints[q + 2]!, end: ints[q + 3]! }, words: ints[q + 4]!, text: t.slice(start, end), gaps: ints[q + 5]! });
      }
    }
    const covA = nums[NUMS * i + 3]!;
    const articleJaccard = nums[NUMS * i + 5]!;
    pairs.push({
      a,
      b: meta[4 * i + 1]!,
      kind: KINDS[meta[4 * i + 2]!]!,
      jaccard: nums[NUMS * i]!,
      ...(Number.isNaN(articleJaccard) ? {} : { articleJaccard }),
      aInB: nums[NUMS * i + 1]!,
      bInA: nums[NUMS * i + 2]!,
      ...(Number.isNaN(covA) ? {} : { coverage: { aInB: covA, bInA: nums[NUMS * i + 4]! } }),
      ...(passages ? { passages } : {}),
    });
  }
  return pairs;
}

/** The documents' ids as JSON (JSON.stringify of each), in UTF-8, for renderPacked. */
export interface IdBytes {
  readonly bytes: Uint8Array;
  /** Id i is bytes[offsets[i], offsets[i + 1]). */
  readonly offsets: Uint32Array;
}

/** Encodes `ids` (JSON.stringify of each document's id) for renderPacked. */
export function idBytes(ids: readonly string[]): IdBytes {
  const encoder = new TextEncoder();
  const parts = ids.map((id) => encoder.encode(id));
  const offsets = new Uint32Array(ids.length + 1);
  for (let i = 0; i < parts.length; i++) offsets[i + 1] = offsets[i]! + parts[i]!.length;
  const bytes = new Uint8Array(offsets[ids.length]!);
  parts.forEach((p, i) => bytes.set(p, offsets[i]!));
  return { bytes, offsets };
}

const KIND_JSON = KINDS.map((k) => JSON.stringify(k));

/**
 * Writes the pair records of a request to `out`: the UTF-8 bytes of
 * pairLines(ids, unpackPairs(req, text), req.first, req.layout), without making the pairs or any
 * string (report/json.ts pairJson is the reference: the same fields in the same order).
 */
export function renderPacked(req: RenderRequest, ids: IdBytes, text: (doc: number) => string, out: JsonBytes): void {
  const { meta, nums, ints } = req;
  const n = meta.length / 4;
  const id = (d: number): void => out.raw(ids.bytes, ids.offsets[d]!, ids.offsets[d + 1]!);
  let q = 0;
  for (let i = 0; i < n; i++) {
    const a = meta[4 * i]!;
    if (req.layout === 'json') out.ascii(req.first + i === 0 ? '\n    {"a":' : ',\n    {"a":');
    else out.ascii('{"type":"pair","a":');
    id(a);
    out.ascii(',"b":');
    id(meta[4 * i + 1]!);
    out.ascii(`,"kind":${KIND_JSON[meta[4 * i + 2]!]!},"jaccard":`);
    out.share(nums[NUMS * i]!);
    const articleJaccard = nums[NUMS * i + 5]!;
    if (!Number.isNaN(articleJaccard)) {
      out.ascii(',"article_jaccard":');
      out.share(articleJaccard);
    }
    out.ascii(',"containment":{"a_in_b":');
    out.share(nums[NUMS * i + 1]!);
    out.ascii(',"b_in_a":');
    out.share(nums[NUMS * i + 2]!);
    out.ascii('}');
    const covA = nums[NUMS * i + 3]!;
    if (!Number.isNaN(covA)) {
      out.ascii(',"coverage":{"a_in_b":');
      out.share(covA);
      out.ascii(',"b_in_a":');
      out.share(nums[NUMS * i + 4]!);
      out.ascii('}');
    }
    const count = meta[4 * i + 3]!;
    if (count >= 0) {
      out.ascii(',"passages":[');
      const t = count > 0 ? text(a) : '';
      for (let k = 0; k < count; k++, q += 6) {
        out.ascii(k === 0 ? '{"a":{"start":' : ',{"a":{"start":');
        out.int(ints[q]!);
        out.ascii(',"end":');
        out.int(ints[q + 1]!);
        out.ascii('},"b":{"start":');
        out.int(ints[q + 2]!);
        out.ascii(',"end":');
        out.int(ints[q + 3]!);
        out.ascii('},"words":');
        out.int(ints[q + 4]!);
        out.ascii(',"gaps":');
        out.int(ints[q + 5]!);
        out.ascii(',"text":');
        out.string(t, ints[q]!, ints[q + 1]!);
        out.ascii('}');
      }
      out.ascii(']');
    }
    out.ascii(req.layout === 'json' ? '}' : '}\n');
  }
}
