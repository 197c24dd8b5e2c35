import { describe, expect, it } from 'vitest';
import { parseQuery, QueryMatcher } from '../../src/core/query.js';
import { checkLanguage, defaultStopWords, LANGUAGE_CODES, stemmerFor } from '../../src/core/stemming.js';
import { foldApostrophes, forEachWord, insideWord } from '../../src/core/talk-words.js';

const all = (text: string) => [{ start: 0, end: text.length, turn: null }];
const hits = (q: string, text: string, stem = false) =>
  new QueryMatcher(parseQuery(q), stem ? stemmerFor('en') : undefined).find(text, all(text)).map((h) => text.slice(h.start, h.end));

describe('search queries', () => {
  it('parses words, prefixes, quoted phrases and OR', () => {
    expect(parseQuery('Tired OR exhaust* OR "worn  out"')).toEqual([
      [{ text: 'tired', prefix: false }], [{ text: 'exhaust', prefix: true }], [{ text: 'worn', prefix: false }, { text: 'out', prefix: false }],
    ]);
    expect(() => parseQuery("night shift")).toThrow(/"night shift" has several words/);
    try { parseQuery("night shift"); } catch (e) { expect((e as { hint?: string }).hint).toBe('quote a phrase ("night shift") or separate alternatives with OR'); }
    expect(() => parseQuery('tired OR ')).toThrow(/an empty alternative/);
    expect(() => parseQuery('!!')).toThrow(/"!!" is not a word/);
  });

  it('matches whole words only, ignoring case, and either apostrophe', () => {
    const text = "Work, rework, WORK-life, work's end; don’t and don't. Worked.";
    expect(hits('work', text)).toEqual(['Work']);
    expect(hits('work*', text)).toEqual(['Work', 'WORK-life', "work's", 'Worked']);
    expect(hits("don't", text)).toEqual(['don’t', "don't"]);
    expect(hits('work-life', text)).toEqual(['WORK-life']);
  });

  it('phrases: words in order with anything but words between them, within one talk', () => {
    const text = 'night shifts. Night, shifts! night long shifts';
    expect(hits('"night shifts"', text)).toEqual(['night shifts', 'Night, shifts']);
    const talks = [{ start: 0, end: 6, turn: null }, { start: 6, end: text.length, turn: null }];
    expect(new QueryMatcher(parseQuery('"night shifts"')).find(text, talks).map((h) => h.start)).toEqual([14]);
  });

  it('--stem matches every word with the stem of a query word (Porter: drive, drives, driving)', () => {
    const text = 'I drive, she drives, driving is fine; drove and driver are not.';
    expect(hits('drive', text)).toEqual(['drive']);
    expect(hits('drive', text, true)).toEqual(['drive', 'drives', 'driving']);
  });

  it('words and their edges as DESIGN.md defines them', () => {
    const words: string[] = [];
    const text = 'self-care, don’t 😀x 42';
    forEachWord(text, 0, text.length, (s, e) => words.push(text.slice(s, e)));
    expect(words).toEqual(['self-care', 'don’t', 'x', '42']);
    expect(insideWord(text, 4)).toBe(true); // at the hyphen of self-care
    expect(insideWord(text, 0)).toBe(false);
    expect(foldApostrophes('don’t')).toBe("don't");
  });
});

describe('languages', () => {
  it('every language has a stemmer and a stop-word list from natural', () => {
    expect(LANGUAGE_CODES).toEqual(['de', 'en', 'es', 'fa', 'fr', 'it', 'nl', 'no', 'pt', 'ru', 'sv', 'uk']);
    for (const l of LANGUAGE_CODES) {
      expect(typeof stemmerFor(l)('words')).toBe('string');
      expect(defaultStopWords(l).size).toBeGreaterThan(10);
    }
    expect(defaultStopWords('de').has('und')).toBe(true);
    expect(defaultStopWords('fr').has('avec')).toBe(true);
    expect(stemmerFor('fr')('chanteuses')).toBe(stemmerFor('fr')('chanteuse'));
    expect(stemmerFor('de')('Häuser')).toBe(stemmerFor('de')('häuser')); // lower-cased first
    expect(() => checkLanguage('tlh')).toThrow('--language tlh: no stemmer for this language');
  });
});
