/**
 * Stems and stop words per language, from `natural` 6 — loaded one sub-module at a time,
 * and only when first asked for (STYLE.md §5: importing the whole of `natural` costs ~1 s,
 * and natural 8 prints to stdout and reads `.env`). Stems are memoised: a corpus repeats
 * its words, and natural's Porter stemmer runs ~200k words/s.
 */
import { createRequire } from 'node:module';
import { UsageError } from './errors.js';
import { foldApostrophes } from './talk-words.js';

/** Languages natural 6 has a stemmer for, with the sub-modules of stemmer and stop words. */
const LANGUAGES: Record<string, { stemmer: string; stopWords: string | null; name: string }> = {
  en: { stemmer: 'porter_stemmer', stopWords: 'stopwords', name: 'English' },
  de: { stemmer: 'porter_stemmer_de', stopWords: null, name: 'German' },
  es: { stemmer: 'porter_stemmer_es', stopWords: 'stopwords_es', name: 'Spanish' },
  fa: { stemmer: 'porter_stemmer_fa', stopWords: 'stopwords_fa', name: 'Persian' },
  fr: { stemmer: 'porter_stemmer_fr', stopWords: 'stopwords_fr', name: 'French' },
  it: { stemmer: 'porter_stemmer_it', stopWords: 'stopwords_it', name: 'Italian' },
  nl: { stemmer: 'porter_stemmer_nl', stopWords: 'stopwords_nl', name: 'Dutch' },
  no: { stemmer: 'porter_stemmer_no', stopWords: 'stopwords_no', name: 'Norwegian' },
  pt: { stemmer: 'porter_stemmer_pt', stopWords: 'stopwords_pt', name: 'Portuguese' },
  ru: { stemmer: 'porter_stemmer_ru', stopWords: 'stopwords_ru', name: 'Russian' },
  sv: { stemmer: 'porter_stemmer_sv', stopWords: 'stopwords_sv', name: 'Swedish' },
  uk: { stemmer: 'porter_stemmer_uk', stopWords: 'stopwords_uk', name: 'Ukrainian' },
};

export const LANGUAGE_CODES = Object.keys(LANGUAGES).sort();

/** The language code, checked; a usage error listing the known ones otherwise. */
export function checkLanguage(code: string): string {
  const c = code.trim().toLowerCase();
  if (LANGUAGES[c] === undefined) {
    throw new UsageError(`--language ${code}: no stemmer for this language`, { hint: `languages: ${LANGUAGE_CODES.map((l) => `${l} (${LANGUAGES[l]!.name})`).join(', ')}` });
  }
  return c;
}

const load = createRequire(import.meta.url);
const stemmers = new Map<string, (word: string) => string>();

/** A memoising stemmer of lower-cased words for `language` (checked with {@link checkLanguage}). */
export function stemmerFor(language: string): (word: string) => string {
  let s = stemmers.get(language);
  if (s !== undefined) return s;
  const mod = load(`natural/lib/natural/stemmers/${LANGUAGES[checkLanguage(language)]!.stemmer}.js`) as { stem(w: string): string };
  const memo = new Map<string, string>();
  s = (word: string): string => {
    let r = memo.get(word);
    if (r === undefined) {
      // Some of natural's stemmers keep case and some fail on odd input: lower-case, and keep the word as its own stem then.
      try {
        r = String(mod.stem(word.toLowerCase())).toLowerCase() || word;
      } catch {
        r = word;
      }
      memo.set(word, r);
    }
    return r;
  };
  stemmers.set(language, s);
  return s;
}

/** natural's stop-word list for `language`, lower-cased (German: natural's own source, stopwords-iso). */
export function defaultStopWords(language: string): Set<string> {
  const lang = LANGUAGES[checkLanguage(language)]!;
  const words = lang.stopWords === null
    // stopwords-iso is natural's own dependency (its German stemmer uses it): resolved from natural.
    ? (createRequire(load.resolve('natural/package.json'))('stopwords-iso/stopwords-iso.json') as Record<string, string[]>)[language] ?? []
    : (load(`natural/lib/natural/util/${lang.stopWords}.js`) as { words: string[] }).words;
  return new Set(words.map((w) => foldApostrophes(w.normalize('NFC').toLowerCase())));
}
