import { describe, expect, it } from 'vitest';
import { PassageIndex } from '../../src/core/passage-index.js';
import { passagesOf } from '../../src/core/passages.js';

describe('suggest: passages, coverage and TF-IDF cosine', () => {
  it('covers a passage when a word starts inside the code; scores the rest against the code\'s words', () => {
    const text = 'apple banana. cherry apple. date fig.';
    const passages = passagesOf(text, [{ start: 0, end: text.length, turn: null }], 'sentence');
    expect(passages.map((p) => text.slice(p.start, p.end))).toEqual(['apple banana.', 'cherry apple.', 'date fig.']);
    const index = new PassageIndex((w) => w, new Set(), 1);
    index.addSource(0, text, passages, [{ start: 0, end: 13 }]);
    expect([index.passages, index.covered, index.candidates.length]).toEqual([3, 1, 2]);
    // N = 3; df: apple 2, banana 1, cherry 1 → idf ln(3/2), ln 3, ln 3. Code: apple, banana.
    // "cherry apple": dot = ln(1.5)²; both norms √(ln(1.5)² + ln(3)²).
    const [only, ...rest] = index.ranked();
    expect(rest).toEqual([]); // "date fig" shares nothing: score 0, left out
    expect(text.slice(only!.candidate.start, only!.candidate.end)).toBe('cherry apple.');
    const l15 = Math.log(1.5) ** 2;
    expect(only!.score).toBeCloseTo(l15 / (l15 + Math.log(3) ** 2), 12);
  });

  it('a span starting inside a word does not cover it; stop words and short passages are left out', () => {
    const text = 'the apple. the banana cherry.';
    const passages = passagesOf(text, [{ start: 0, end: text.length, turn: null }], 'sentence');
    const index = new PassageIndex((w) => w, new Set(['the']), 3);
    index.addSource(0, text, passages, [{ start: 5, end: 8 }]); // inside "apple"
    expect([index.covered, index.candidates.map((c) => text.slice(c.start, c.end))]).toEqual([0, ['the banana cherry.']]);
  });
});
