import { describe, expect, it } from 'vitest';
import { analyseText } from '../../src/core/analyse.js';
import { interviewerMatcher, DEFAULT_INTERVIEWER_LABELS } from '../../src/core/interviewer.js';
import { countWords } from '../../src/core/text.js';

const isInterviewer = interviewerMatcher(DEFAULT_INTERVIEWER_LABELS);

describe('words (DESIGN.md "word")', () => {
  it('keeps self-care and don’t as one word each', () => {
    expect(countWords("self-care don't don’t café 42 e-mail's")).toBe(6);
  });
  it('splits on other punctuation', () => {
    expect(countWords('one,two;three--four (five) "six"')).toBe(6);
  });
});

describe('participant and interviewer talk', () => {
  it('counts nobody’s words in labels, timestamps and the header', () => {
    const text = 'Interview with P1 on day one\n[00:00:01] Interviewer: How are you?\nP1 [00:00:04]: I am well, thanks.\n';
    const a = analyseText(text, isInterviewer);
    expect(a.interviewerWords).toBe(3);
    expect(a.participantWords).toBe(4);
    expect(a.turns.map((t) => [t.role, t.words])).toEqual([['interviewer', 3], ['participant', 4]]);
  });

  it('makes every word of a text without labels participant talk', () => {
    const a = analyseText('I just talked.\nFor a long time.', isInterviewer);
    expect(a.participantWords).toBe(7);
    expect(a.turns).toEqual([]);
    expect([...a.participantWordStarts]).toEqual([0, 2, 7, 15, 19, 21, 26]);
  });

  it('indexes participant word starts in code points', () => {
    const a = analyseText('Q: ok?\nA: 😀 yes self-care', isInterviewer);
    // "Q: ok?\n" is 7 code points, "A: " 3, the emoji 1, a space 1 → "yes" at 12
    expect([...a.participantWordStarts]).toEqual([12, 16]);
  });

  it('matches interviewer labels case-insensitively and numbered', () => {
    expect(isInterviewer('interviewer')).toBe(true);
    expect(isInterviewer('Interviewer 2')).toBe(true);
    expect(isInterviewer('I1')).toBe(true);
    expect(isInterviewer('Participant')).toBe(false);
    expect(isInterviewer('Ian')).toBe(false);
    expect(interviewerMatcher(['Dana'])('DANA')).toBe(true);
  });

  it('counts lines and length', () => {
    const a = analyseText('a\nb\n', isInterviewer);
    expect(a.lines).toBe(3);
    expect(a.length).toBe(4);
  });
});

describe('the fast word scanner', () => {
  it('finds exactly the words of the DESIGN.md regex, on random text', async () => {
    const { forEachWordStart, wordRegex } = await import('../../src/core/text.js');
    const alphabet = ["a", "Z", "9", "é", "ß", "ж", "中", "😀", "𝒳", "'", "’", "-", "--", " ", "\n", ",", ".", "_", "٣", "\u0301", "‘", "x-y", "don't"];
    let seed = 42;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let i = 0; i < 60; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      const expected = [...text.matchAll(wordRegex())].map((m) => m.index);
      const got: number[] = [];
      forEachWordStart(text, (i) => got.push(i));
      expect(got, JSON.stringify(text)).toEqual(expected);
    }
  });
});
