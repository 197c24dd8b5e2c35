/**
 * trimQuote keeps whole sentences of at most N words (else whole space-separated pieces) and
 * marks the cut with […]. It sums the words of sentences and pieces instead of counting the
 * text kept again at every step; here it is compared with that definition, written as it was,
 * on texts made to find a difference: words joined by ' ’ - next to sentence ends and closing
 * quotes, pieces without words, runs of white space, first sentences longer than N.
 */
import { describe, expect, it } from 'vitest';
import { trimQuote } from '../../src/core/quotes.js';
import { countWords } from '../../src/core/text.js';
import { mulberry32 as random } from '../support/random.js';

/** trimQuote as first written: the words of what is kept counted anew at every step. */
function byDefinition(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (countWords(flat) <= max) return flat;
  const sentences = flat.match(/[^.!?…]+(?:[.!?…]+["'”’)\]]*\s*|$)/g) ?? [flat];
  let out = '';
  for (const s of sentences) {
    if (out !== '' && countWords(out + s) > max) break;
    out += s;
  }
  if (countWords(out) > max) {
    let kept = '';
    for (const w of out.split(' ')) {
      if (countWords(kept + ' ' + w) > max) break;
      kept = kept === '' ? w : `${kept} ${w}`;
    }
    out = kept;
  }
  return `${out.trim()} […]`;
}

describe('trimQuote', () => {
  it('keeps whole sentences within the limit and marks the cut', () => {
    expect(trimQuote('One two three. Four five six. Seven.', 6)).toBe('One two three. Four five six. […]');
    expect(trimQuote('One two three. Four five six.', 6)).toBe('One two three. Four five six.');
    expect(trimQuote('One two three four five six seven eight. Nine.', 5)).toBe('One two three four five […]');
    expect(trimQuote("It's self-care — isn't it? Yes.", 4)).toBe("It's self-care — isn't it? […]");
  });

  it('gives what the definition gives on random texts', () => {
    const pieces = ['word', 'self-care', "don't", 'it’s', '—', '-', "'", '’', '.', '!', '?', '…', '"', '”', ')', ']', ' ', '  ', '\n', '\t', 'a.b', 'x-', '-y', '42', 'Zoë', '日本'];
    for (let seed = 1; seed <= 2000; seed++) {
      const rnd = random(seed);
      let text = '';
      for (let n = Math.floor(rnd() * 60); n > 0; n--) text += pieces[Math.floor(rnd() * pieces.length)];
      const max = 1 + Math.floor(rnd() * 12);
      expect(trimQuote(text, max), JSON.stringify([text, max])).toBe(byDefinition(text, max));
    }
  });
});
