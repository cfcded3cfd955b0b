/**
 * Stemmers and stop-word lists from `natural`, loaded by subpath only: `require('natural')`
 * takes ~1.2 s, ~160 MB and prints banners to stdout; the subpaths take milliseconds and print
 * nothing. Loaded lazily, only when --stem or --stopwords asks for them.
 */
import { createRequire } from 'node:module';
import type { TokenFilter } from './tokenize.js';
import { normalizeToken } from './normalize.js';

const require = createRequire(import.meta.url);

/** natural's file suffix per language ('' is English). */
const SUFFIX: Record<string, string> = {
  en: '', de: '_de', es: '_es', fa: '_fa', fr: '_fr', it: '_it', nl: '_nl', no: '_no', pt: '_pt', ru: '_ru', sv: '_sv', uk: '_uk',
};

/**
 * The token filter for a language.
 * @param lang ISO 639-1 code (one of options.LANGUAGES)
 * @returns undefined when neither stemming nor stop words is asked for
 * @throws Error when natural has no such stemmer or list (German has no stop-word list)
 */
export function loadTokenFilter(lang: string, stem: boolean, stopwords: boolean): TokenFilter | undefined {
  if (!stem && !stopwords) return undefined;
  const suffix = SUFFIX[lang];
  if (suffix === undefined) throw new Error(`no stemmer or stop words for language "${lang}"`);
  const filter: { stem?: (w: string) => string; stopwords?: ReadonlySet<string> } = {};
  if (stem) {
    const mod = require(`natural/lib/natural/stemmers/porter_stemmer${suffix}`) as { stem: (w: string) => string };
    filter.stem = (w) => mod.stem(w);
  }
  if (stopwords) {
    let words: string[];
    try {
      words = (require(`natural/lib/natural/util/stopwords${suffix}`) as { words: string[] }).words;
    } catch (cause) {
      throw new Error(`natural has no stop-word list for "${lang}"`, { cause });
    }
    filter.stopwords = new Set(words.map(normalizeToken));
  }
  return filter;
}
