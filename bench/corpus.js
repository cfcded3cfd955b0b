#!/usr/bin/env node
/**
 * Builds the bench corpus once and caches it under .cache/bench/ (git-ignored):
 *
 *   debs/<pkg>_<version>_all.deb   Debian documentation packages (`apt-get download`, never installed)
 *   docs/<tag>.jsonl, <tag>.json   documents cut from one package, and how they were made
 *   full/ and small/               corpus.jsonl  one {"id","text"} per line, in shuffled order
 *                                  planted.json  [idOriginal, idCopy, editRate, kind, truthJaccard] per planted pair
 *                                  meta.json     sources, versions, sizes, seed, recipe
 *
 * Usage: node bench/corpus.js [--small] [--rebuild]   (progress on stderr, the corpus path on stdout)
 *
 * The full corpus takes every document of every source, up to FULL_BYTES; --small takes a seeded
 * sample of the `small` sources, up to SMALL_BYTES. Then 10% of the documents get a planted
 * near-copy (see lib/plant.js). Everything random comes from one seed, so a rebuild from the
 * same package versions gives a byte-identical corpus.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { stripHtml, stripPod, stripRoff, stripRst, stripWordnet, toParagraphs } from './lib/markup.js';
import { PLANT_KINDS, addHeaderFooter, editWords } from './lib/plant.js';
import { createPrng, deriveSeed } from './lib/prng.js';
import { SOURCES, sourceKey } from './lib/sources.js';
import { isEnglishProse, splitIntoDocs } from './lib/split.js';
import { textJaccard } from './lib/truth.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = path.join(ROOT, '.cache', 'bench');

/** Bump when anything that changes the documents or the planting changes: caches are rebuilt. */
const RECIPE = 'corpus-v1';
const SEED = 20240601;
/** Target corpus sizes in bytes of text, planted copies included. */
const FULL_BYTES = 300e6;
const SMALL_BYTES = 10e6;
/** Share of documents that get a planted near-copy. */
const PLANT_SHARE = 0.1;

const STRIPPERS = { html: stripHtml, rst: stripRst, pod: stripPod, roff: stripRoff, text: (s) => s, wordnet: stripWordnet };

/** @param {string} msg */
const defaultLog = (msg) => process.stderr.write(`[corpus] ${msg}\n`);

/**
 * Builds (or reuses) the corpus of one mode.
 * @param {{ small?: boolean, rebuild?: boolean, log?: (msg: string) => void }} [opts]
 * @returns {Promise<{ dir: string, corpusPath: string, plantedPath: string, meta: object, built: boolean }>}
 */
export async function buildCorpus({ small = false, rebuild = false, log = defaultLog } = {}) {
  const mode = small ? 'small' : 'full';
  const dir = path.join(CACHE_DIR, mode);
  const corpusPath = path.join(dir, 'corpus.jsonl');
  const plantedPath = path.join(dir, 'planted.json');
  const metaPath = path.join(dir, 'meta.json');
  if (!rebuild && fs.existsSync(corpusPath) && fs.existsSync(plantedPath) && fs.existsSync(metaPath)) {
    const meta = JSON.parse(fs.readFileSync(metaPath, 'utf8'));
    if (meta.recipe === RECIPE && meta.sourcesKey === sourcesKey(small)) {
      log(`using cached ${mode} corpus: ${path.relative(ROOT, corpusPath)} (${meta.documents} docs, ${(meta.bytes / 1e6).toFixed(1)} MB)`);
      return { dir, corpusPath, plantedPath, meta, built: false };
    }
    log(`cached ${mode} corpus was made by another recipe or other source rules: rebuilding`);
  }
  const t0 = performance.now();
  fs.mkdirSync(dir, { recursive: true });
  const sources = SOURCES.filter((s) => !small || s.small);
  const used = [];
  const byTag = new Map();
  for (const source of sources) {
    const docs = loadSourceDocs(source, log);
    if (docs === null) continue;
    byTag.set(source.tag, docs.docs);
    used.push({ pkg: source.pkg, tag: source.tag, version: docs.version, documents: docs.docs.length, bytes: docs.bytes });
  }
  if (used.length === 0) throw new Error('no source package could be fetched: is apt-get available and are Debian mirrors reachable?');

  // Concatenate in source order, drop exact repeats, then sample down to the target size.
  const seen = new Set();
  let all = [];
  let repeats = 0;
  for (const { tag } of used) {
    for (const d of byTag.get(tag)) {
      const h = createHash('sha1').update(d.text).digest('base64');
      if (seen.has(h)) repeats++;
      else {
        seen.add(h);
        all.push(d);
      }
    }
  }
  log(`${all.length} distinct documents from ${used.length} packages (${repeats} exact repeats dropped)`);
  const baseBudget = (small ? SMALL_BYTES : FULL_BYTES) / (1 + PLANT_SHARE);
  const prng = createPrng(deriveSeed(SEED, `sample-${mode}`));
  const totalBytes = all.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
  if (totalBytes > baseBudget) {
    const order = prng.shuffle(all.map((_, i) => i));
    const keep = new Uint8Array(all.length);
    let bytes = 0;
    for (const i of order) {
      if (bytes >= baseBudget) break;
      keep[i] = 1;
      bytes += Buffer.byteLength(all[i].text);
    }
    all = all.filter((_, i) => keep[i] === 1);
    log(`sampled ${all.length} documents (${(bytes / 1e6).toFixed(1)} MB) for the ${mode} corpus`);
  }

  const planted = plantCopies(all, deriveSeed(SEED, `plant-${mode}`), log);
  const final = createPrng(deriveSeed(SEED, `order-${mode}`)).shuffle([...all, ...planted.copies]);
  const tmp = `${corpusPath}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  let bytes = 0;
  let chunk = '';
  for (const d of final) {
    chunk += `${JSON.stringify({ id: d.id, text: d.text })}\n`;
    bytes += Buffer.byteLength(d.text);
    if (chunk.length > 1 << 22) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  fs.renameSync(tmp, corpusPath);
  fs.writeFileSync(plantedPath, `[\n${planted.pairs.map((p) => JSON.stringify(p)).join(',\n')}\n]\n`);
  const meta = {
    recipe: RECIPE,
    sourcesKey: sourcesKey(small),
    mode,
    seed: SEED,
    documents: final.length,
    bytes,
    fileBytes: fs.statSync(corpusPath).size,
    planted: planted.pairs.length,
    plantKinds: PLANT_KINDS,
    exactRepeatsDropped: repeats,
    sources: used,
    buildSeconds: Math.round((performance.now() - t0) / 100) / 10,
    builtAt: new Date().toISOString(),
  };
  fs.writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  log(`wrote ${path.relative(ROOT, corpusPath)}: ${final.length} docs, ${(bytes / 1e6).toFixed(1)} MB of text, ${planted.pairs.length} planted pairs, in ${meta.buildSeconds} s`);
  return { dir, corpusPath, plantedPath, meta, built: true };
}

/** Cache key of a corpus: a hash of the rules of every source it uses. */
function sourcesKey(small) {
  const keys = SOURCES.filter((s) => !small || s.small).map(sourceKey);
  return createHash('sha1').update(JSON.stringify(keys)).digest('hex').slice(0, 16);
}

/**
 * Picks PLANT_SHARE of the documents and makes one near-copy of each, with a kind drawn
 * uniformly from PLANT_KINDS; records the exact word 5-shingle Jaccard of every pair.
 * @param {readonly {id: string, text: string}[]} docs
 * @param {number} seed
 * @param {(msg: string) => void} log
 */
function plantCopies(docs, seed, log) {
  const prng = createPrng(seed);
  // Replacement words come from a sample of the corpus itself, so edits look like prose.
  const pool = [];
  for (let i = 0; i < Math.min(500, docs.length); i++) {
    for (const w of prng.pick(docs).text.split(/\s+/)) if (/^[A-Za-z]{2,}[.,;:]?$/.test(w)) pool.push(w);
  }
  const chosen = prng.shuffle(docs.map((_, i) => i)).slice(0, Math.round(PLANT_SHARE * docs.length)).sort((a, b) => a - b);
  const copies = [];
  const pairs = [];
  const t0 = performance.now();
  for (const i of chosen) {
    const orig = docs[i];
    const kind = prng.pick(PLANT_KINDS);
    let text;
    let rate;
    if (kind.kind === 'edit') {
      text = editWords(orig.text, kind.rate, pool, prng);
      rate = kind.rate;
    } else {
      const hf = addHeaderFooter(orig.text, pool, prng);
      text = hf.text;
      rate = Math.round((hf.addedWords / (orig.text.match(/\S+/g)?.length ?? 1)) * 1e4) / 1e4;
    }
    const copy = { id: `${orig.id}-copy`, text };
    copies.push(copy);
    pairs.push([orig.id, copy.id, rate, kind.kind, Math.round(textJaccard(orig.text, text) * 1e6) / 1e6]);
  }
  log(`planted ${pairs.length} near-copies (truth Jaccard in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return { copies, pairs };
}

/**
 * The documents of one source package, from docs/<tag>.jsonl or made now (download, unpack,
 * strip, split, filter); null when the package cannot be downloaded.
 * @param {import('./lib/sources.js').Source} source
 * @param {(msg: string) => void} log
 * @returns {{ docs: {id: string, text: string}[], version: string, bytes: number } | null}
 */
function loadSourceDocs(source, log) {
  const docsDir = path.join(CACHE_DIR, 'docs');
  const docsPath = path.join(docsDir, `${source.tag}.jsonl`);
  const infoPath = path.join(docsDir, `${source.tag}.json`);
  if (fs.existsSync(docsPath) && fs.existsSync(infoPath)) {
    const info = JSON.parse(fs.readFileSync(infoPath, 'utf8'));
    if (info.recipe === RECIPE && info.key === sourceKey(source)) {
      const docs = fs.readFileSync(docsPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      return { docs, version: info.version, bytes: info.bytes };
    }
  }
  const deb = fetchDeb(source.pkg, log);
  if (deb === null) return null;
  const t0 = performance.now();
  const version = execFileSync('dpkg-deb', ['-f', deb, 'Version'], { encoding: 'utf8' }).trim();
  const unpacked = path.join(CACHE_DIR, 'unpacked', source.pkg);
  fs.rmSync(unpacked, { recursive: true, force: true });
  fs.mkdirSync(unpacked, { recursive: true });
  execFileSync('dpkg-deb', ['-x', deb, unpacked]);
  const prng = createPrng(deriveSeed(SEED, `split-${source.tag}`));
  const docs = [];
  let files = 0;
  let dropped = 0;
  let bytes = 0;
  for (const file of walk(unpacked).sort()) {
    const rel = file.slice(unpacked.length);
    const rule = source.files.find((r) => r.path.test(rel) && !(r.exclude && r.exclude.test(rel)));
    if (!rule) continue;
    files++;
    let buf = fs.readFileSync(file);
    if (/\.(gz|dz)$/.test(file)) buf = zlib.gunzipSync(buf);
    for (const text of splitIntoDocs(toParagraphs(STRIPPERS[rule.markup](buf.toString('utf8'))), prng)) {
      if (!isEnglishProse(text)) {
        dropped++;
        continue;
      }
      docs.push({ id: `${source.tag}-${String(docs.length).padStart(6, '0')}`, text });
      bytes += Buffer.byteLength(text);
    }
  }
  fs.rmSync(unpacked, { recursive: true, force: true });
  try {
    fs.rmdirSync(path.dirname(unpacked));
  } catch {
    // not empty: another package is being unpacked there
  }
  fs.mkdirSync(docsDir, { recursive: true });
  fs.writeFileSync(docsPath, docs.map((d) => `${JSON.stringify(d)}\n`).join(''));
  const info = { recipe: RECIPE, key: sourceKey(source), pkg: source.pkg, version, files, documents: docs.length, dropped, bytes };
  fs.writeFileSync(infoPath, `${JSON.stringify(info, null, 2)}\n`);
  log(`${source.pkg} ${version}: ${files} files → ${docs.length} docs (${(bytes / 1e6).toFixed(1)} MB), ${dropped} not English prose, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { docs, version, bytes };
}

let aptUpdated = false;

/**
 * Path of the package's .deb in debs/, downloading it with `apt-get download` when missing
 * (after `apt-get update` if the first try fails); null when it cannot be had.
 * @param {string} pkg
 * @param {(msg: string) => void} log
 * @returns {string | null}
 */
function fetchDeb(pkg, log) {
  const debsDir = path.join(CACHE_DIR, 'debs');
  fs.mkdirSync(debsDir, { recursive: true });
  const find = () => fs.readdirSync(debsDir).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  let found = find();
  if (found) return path.join(debsDir, found);
  const download = () => {
    log(`apt-get download ${pkg}`);
    const r = spawnSync('apt-get', ['download', pkg], { cwd: debsDir, encoding: 'utf8' });
    found = find();
    return (r.stderr || r.error?.message || '').trim().split('\n').pop();
  };
  let why = download();
  if (!found && !aptUpdated) {
    log('apt-get download failed; running apt-get update once');
    spawnSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
    aptUpdated = true;
    why = download();
  }
  if (!found) log(`cannot download ${pkg}, skipping it: ${why}`);
  return found ? path.join(debsDir, found) : null;
}

/** @param {string} dir @returns {string[]} regular files under dir */
function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--small' && a !== '--rebuild');
  if (unknown.length > 0) {
    process.stderr.write(`usage: node bench/corpus.js [--small] [--rebuild] (unknown: ${unknown.join(' ')})\n`);
    process.exitCode = 2;
  } else {
    const r = await buildCorpus({ small: args.includes('--small'), rebuild: args.includes('--rebuild') });
    process.stdout.write(`${r.corpusPath}\n`);
  }
}
