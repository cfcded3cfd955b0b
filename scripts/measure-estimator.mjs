// Mean absolute error and bias of the MinHash estimators against exact Jaccard (2,000 random set pairs, K = 128).
// usage: node scripts/measure-estimator.mjs
import { classicCoefficients, estimateJaccard, signatureClassic, signatureOph } from '../dist/sketch/minhash.js';
import { setSimilarity } from '../dist/sketch/similarity.js';
import { mulberry32 } from '../dist/text/hash.js';
import { toShingleSet } from '../dist/text/shingle.js';
const rand = mulberry32(42); const K = 128; const co = classicCoefficients(K, 1);
const res = { oph: [], classic: [] };
for (let t = 0; t < 2000; t++) {
  const size = 20 + (rand() % 2000); const shared = rand() % (size + 1);
  const pool = new Set(); while (pool.size < shared + 2 * (size - shared)) pool.add(rand());
  const all = [...pool]; const only = size - shared;
  const a = toShingleSet(Uint32Array.from([...all.slice(0, shared), ...all.slice(shared, shared + only)]));
  const b = toShingleSet(Uint32Array.from([...all.slice(0, shared), ...all.slice(shared + only)]));
  const j = setSimilarity(a, b).jaccard;
  res.oph.push(estimateJaccard(signatureOph(a, K, 1), signatureOph(b, K, 1)) - j);
  res.classic.push(estimateJaccard(signatureClassic(a, co), signatureClassic(b, co)) - j);
}
for (const [k, e] of Object.entries(res)) console.log(k, 'MAE', (e.reduce((s, x) => s + Math.abs(x), 0) / e.length).toFixed(4), 'bias', (e.reduce((s, x) => s + x, 0) / e.length).toFixed(4));
