import { describe, expect, it } from 'vitest';
import { reanchor, FUZZY_THRESHOLD, type AnchorInput, type AnchorResult } from '../../src/core/reanchor.js';
import { boundedLevenshtein, codePointsOf, similarity } from '../../src/core/similarity.js';
import { CodePointMap, codePointLength, sliceCodePoints } from '../../src/core/code-points.js';

const LINES = [
  'Study of commuting and wellbeing, interview 3 (synthetic)',
  '',
  'Interviewer: Thanks for joining. Could you start by describing a typical morning?',
  'Amara: 😀 Sure. I wake up around six, feed the cat, and then I catch the early train because the later ones are always packed.',
  'Interviewer: How do you feel about the journey itself?',
  "Amara: Honestly the journey is the worst part of my day. I stand for forty minutes with my face in someone's backpack, and by the time I arrive I am already exhausted.",
  'Interviewer: Has anything changed since the new timetable?',
  'Amara: 🚆 A little. The trains run more often now, but they are still late whenever it rains, which in this city is most days.',
  'Interviewer: What about working from home?',
  'Tomasz: For me working from home was a revelation. I got back two hours a day and I finally had time to cook proper meals for my kids.',
  'Interviewer: Did anything get harder?',
  'Tomasz: The loneliness crept up on me. By the second winter I missed the small talk by the coffee machine more than I expected.',
  'Interviewer: Anything else you would like to add?',
  'Tomasz: 🙂 Only that flexibility matters more than salary to me now. I would not go back to five days in the office.',
  'Amara: I agree with Tomasz about flexibility, but I also need the office to keep my head straight.',
];
const OLD = LINES.join('\n') + '\n';
const QUOTES = [
  'I catch the early train',
  'the journey is the worst part of my day',
  'they are still late whenever it rains',
  'working from home was a revelation',
  'I missed the small talk by the coffee machine',
  'flexibility matters more than salary to me now',
];

const maps = new Map<string, CodePointMap>();
const mapOf = (text: string) => maps.get(text) ?? maps.set(text, new CodePointMap(text)).get(text)!;

/** The code-point span of the `nth` occurrence of `phrase` in `text`. */
function spanOf(text: string, phrase: string, nth = 0): { start: number; end: number } {
  let u = text.indexOf(phrase);
  for (let i = 0; i < nth; i++) u = text.indexOf(phrase, u + 1);
  if (u < 0) throw new Error(`no ${phrase}`);
  const start = mapOf(text).toCodePoint(u);
  return { start, end: start + codePointLength(phrase) };
}

/** A coding as qcode stores it: quote and 40 code points of context on either side. */
function codingOf(id: number, text: string, phrase: string, nth = 0): AnchorInput {
  const { start, end } = spanOf(text, phrase, nth);
  const m = mapOf(text);
  const before = sliceCodePoints(text, Math.max(0, start - 40), start, m);
  return { id, start, end, quote: phrase, before, after: sliceCodePoints(text, end, Math.min(m.length, end + 40), m) };
}

const CODINGS = QUOTES.map((q, i) => codingOf(i + 1, OLD, q));
const byId = (rs: AnchorResult[], id: number) => rs.find((r) => r.id === id)!;
const edit = (text: string, from: string, to: string) => {
  expect(text).toContain(from);
  return text.replace(from, to);
};
/** Asserts each coding is `status` exactly where its quote now is in `text`. */
function expectPlaced(rs: AnchorResult[], text: string, status: string, ids: number[]): void {
  for (const id of ids) expect(byId(rs, id)).toEqual({ id, status, ...spanOf(text, QUOTES[id - 1]!), similarity: 1 });
}

describe('similarity', () => {
  it('is 1 − Levenshtein distance / the longer length, in code points', () => {
    expect(similarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 12); // the textbook 3 edits
    expect(similarity('a😀b', 'a😃b')).toBeCloseTo(1 - 1 / 3, 12);
    expect(boundedLevenshtein(codePointsOf('kitten'), codePointsOf('sitting'), 2)).toBe(3); // beyond the bound: bound + 1
    expect(similarity('kitten', 'sitting', 0.8)).toBeLessThan(0.8);
  });
});

describe('reanchor (DESIGN.md "coding": re-anchored, never dropped)', () => {
  it('positions are code points: emoji precede some codings', () => {
    expect(CODINGS[0]!.start).toBe(OLD.indexOf(QUOTES[0]!) - 1);
    expect(CODINGS[5]!.start).toBe(OLD.indexOf(QUOTES[5]!) - 3);
  });

  it('an unchanged text leaves every coding in place', () => {
    const rs = reanchor(OLD, OLD, CODINGS);
    expect(rs).toEqual(CODINGS.map((c) => ({ id: c.id, status: 'unchanged', start: c.start, end: c.end, similarity: 1 })));
  });

  it('text inserted before codings shifts them, still unchanged (the diff maps them there)', () => {
    const text = edit(OLD, 'Interviewer: How do you feel', 'Interviewer: 🎧 Sorry, the line dropped.\nAmara: No problem.\nInterviewer: How do you feel');
    const rs = reanchor(OLD, text, CODINGS);
    expect(byId(rs, 1)).toEqual({ id: 1, status: 'unchanged', start: CODINGS[0]!.start, end: CODINGS[0]!.end, similarity: 1 });
    expectPlaced(rs, text, 'unchanged', [1, 2, 3, 4, 5, 6]);
    expect(byId(rs, 6).start).toBe(CODINGS[5]!.start + codePointLength('Interviewer: 🎧 Sorry, the line dropped.\nAmara: No problem.\n'));
  });

  it('an insertion that repeats the start of the quote still counts as unchanged', () => {
    const text = edit(OLD, 'and then I catch', 'and then I think I catch');
    expectPlaced(reanchor(OLD, text, CODINGS), text, 'unchanged', [1, 2, 3, 4, 5, 6]);
  });

  it('text added at either end of the whole text, next to a quote, leaves it unchanged', () => {
    const old = 'I said yes.\nInterviewer: And then?\nAmara: We left';
    const codings = [codingOf(1, old, 'I said'), codingOf(2, old, 'We left')];
    const text = `🙂 Hello. ${old} early.`;
    expect(reanchor(old, text, codings)).toEqual([
      { id: 1, status: 'unchanged', ...spanOf(text, 'I said'), similarity: 1 },
      { id: 2, status: 'unchanged', ...spanOf(text, 'We left'), similarity: 1 },
    ]);
  });

  it('text deleted around a coding, context included, leaves it unchanged at its new offsets', () => {
    let text = edit(OLD, 'Amara: Honestly the journey', 'Amara: the journey');
    text = edit(text, " I stand for forty minutes with my face in someone's backpack, and", '');
    expectPlaced(reanchor(OLD, text, CODINGS), text, 'unchanged', [1, 2, 3, 4, 5, 6]);
  });

  it('a passage moved elsewhere is found: moved', () => {
    const line = LINES[9]!;
    const text = edit(OLD, line + '\n', '') + line + '\n';
    const rs = reanchor(OLD, text, CODINGS);
    expectPlaced(rs, text, 'moved', [4]);
    expectPlaced(rs, text, 'unchanged', [1, 2, 3, 5, 6]);
  });

  it('rewritten words inside a coded passage: fuzzy, at the edited span, similarity in code points', () => {
    let text = edit(OLD, 'the small talk by', 'the small chats by');
    text = edit(text, 'I catch the early train', 'I catch the early 🚆 train');
    const rs = reanchor(OLD, text, CODINGS);
    const five = byId(rs, 5);
    expect(five).toMatchObject({ status: 'fuzzy', ...spanOf(text, 'I missed the small chats by the coffee machine') });
    expect(five.similarity).toBeCloseTo(similarity(QUOTES[4]!, 'I missed the small chats by the coffee machine'), 12);
    expect(five.similarity).toBeGreaterThanOrEqual(FUZZY_THRESHOLD);
    expect(five.similarity).toBeLessThan(1);
    // Two code points inserted into 23 make 25: 1 − 2/25 (UTF-16 units would give 1 − 3/26).
    expect(byId(rs, 1)).toEqual({ id: 1, status: 'fuzzy', ...spanOf(text, 'I catch the early 🚆 train'), similarity: 1 - 2 / 25 });
    expectPlaced(rs, text, 'unchanged', [2, 3, 4, 6]);
  });

  it('an edited passage moved elsewhere is found by its ends: fuzzy', () => {
    const line = LINES[9]!;
    const edited = line.replace('was a revelation', 'was a real revelation');
    const text = edit(OLD, line + '\n', '') + edited + '\n';
    const four = byId(reanchor(OLD, text, CODINGS), 4);
    expect(four).toMatchObject({ status: 'fuzzy', ...spanOf(text, 'working from home was a real revelation') });
    expect(four.similarity).toBeCloseTo(1 - 5 / 39, 12);
  });

  it('a quoted phrase duplicated elsewhere: context decides, and says so', () => {
    const line = LINES[5]!;
    // The coded line moves to the end; where it was, someone else now says the same words.
    const decoy = 'Interviewer: Many people tell me the journey is the worst part of my day. Is it?';
    const text = edit(OLD, line + '\n', decoy + '\n') + line + '\n';
    const rs = reanchor(OLD, text, CODINGS);
    expect(byId(rs, 2)).toEqual({ id: 2, status: 'context', ...spanOf(text, QUOTES[1]!, 1), similarity: 1 });
    expectPlaced(rs, text, 'unchanged', [1, 3, 4, 5, 6]);
  });

  it('a coded passage rewritten completely is orphaned, its old span kept', () => {
    const text = edit(OLD, 'they are still late whenever it rains', 'nobody can predict the delays any more');
    const rs = reanchor(OLD, text, CODINGS);
    const three = byId(rs, 3);
    expect(three).toMatchObject({ id: 3, status: 'orphaned', start: CODINGS[2]!.start, end: CODINGS[2]!.end });
    expect(three.similarity).toBeLessThan(FUZZY_THRESHOLD);
    expect(rs.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6]);
    // A lower threshold of the caller's choosing accepts the rewrite as fuzzy.
    expect(byId(reanchor(OLD, text, CODINGS, { threshold: 0.1 }), 3).status).toBe('fuzzy');
  });

  describe('the same quote twice with the same context: the one nearest the mapped place, whichever it is', () => {
    const para = 'Amara: We talked for a long time that evening, and in the end I said that I would rather walk than wait, which surprised everyone at the table that night.';
    const quote = 'I would rather walk than wait';
    const intro = 'Interviewer: This is the third of our follow-up conversations, recorded at the community centre on a wet Tuesday afternoon; both participants agreed to be recorded.';
    const old = [intro, para, 'Interviewer: B?', 'Tomasz: C.', 'Interviewer: D?', 'Tomasz: E.', ''].join('\n');
    const coding = codingOf(1, old, quote);
    // The coded line is deleted, so its quote maps to the start of the line after it. The
    // copies differ from it beyond the 40 code points of context: no line of the diff
    // carries the coding over, yet both copies match its context in full.
    const copy = para.replace('Amara:', 'Amara (later):');
    it.each([
      ['the first copy, just after the old place', [intro, 'Interviewer: B?', copy, 'Tomasz: C.', 'Interviewer: D?', 'Tomasz: E.', copy, ''], 0],
      ['the second copy, the first being far before the old place', [copy, intro, 'Interviewer: B?', copy, 'Tomasz: C.', 'Interviewer: D?', 'Tomasz: E.', ''], 1],
    ])('%s', (_, lines, nth) => {
      const text = (lines as string[]).join('\n');
      const rs = reanchor(old, text, [coding]);
      expect(rs).toEqual([{ id: 1, status: 'moved', ...spanOf(text, quote, nth as number), similarity: 1 }]);
      expect(reanchor(old, text, [coding])).toEqual(rs);
    });
  });

  it('random edits outside the quotes never disturb them (seeded)', () => {
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pieces = ['x', 'the ', '\n', '😀', 'Amara: ', 'e', ' I catch', 'and then ', 'I', 'now.', 'train '];
    for (let trial = 0; trial < 40; trial++) {
      let text = OLD;
      for (let k = 0; k < 1 + rnd(6); k++) {
        const at = rnd(text.length + 1);
        // Edits may touch a quote's edges (at === start or end), not its inside.
        const inQuote = QUOTES.some((q) => { const u = text.indexOf(q); return at > u && at < u + q.length; });
        if (inQuote || /[\uDC00-\uDFFF]/.test(text[at] ?? '')) continue;
        const cut = rnd(2) === 0 ? 0 : rnd(20);
        const removed = text.slice(at, at + cut);
        if (QUOTES.some((q) => text.indexOf(q) < at + cut && text.indexOf(q) + q.length > at) || /[\uD800-\uDBFF]$/.test(removed)) continue;
        text = text.slice(0, at) + pieces[rnd(pieces.length)] + text.slice(at + cut);
      }
      expectPlaced(reanchor(OLD, text, CODINGS), text, 'unchanged', [1, 2, 3, 4, 5, 6]);
    }
  });

  it('stays quick on a long transcript (200 codings, 60,000 characters, a few edits)', () => {
    let seed = 7;
    const vocab = 'bus train office home kids coffee winter rain late early tired cook walk talk team boss desk screen quiet noisy'.split(' ');
    const word = () => vocab[((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % vocab.length)];
    const said = (i: number) => `${i} ${Array.from({ length: 8 }, word).join(' ')}`;
    const turns = Array.from({ length: 600 }, (_, i) => `${i % 2 ? 'Amara' : 'Interviewer'}: ${i % 7 ? '' : '😀 '}so, ${said(i)}, and then ${said(i)} again.`);
    const old = turns.join('\n') + '\n';
    const quoteOf = (i: number) => turns[i]!.split(', ')[1]!;
    const codings = Array.from({ length: 200 }, (_, k) => codingOf(k, old, quoteOf(3 * k + 1)));
    let text = edit(old, turns[10]!, turns[10] + ' (laughs)');
    text = edit(text, quoteOf(301), quoteOf(301).replace(/^(\d+ \w+)/, '$1x'));
    text = edit(text, turns[451]! + '\n', '') + turns[451] + '\n';
    text = edit(text, quoteOf(571), 'and that was that, nothing more to add');
    expect(old.length).toBeGreaterThan(60_000);
    const rs = reanchor(old, text, codings); // timing is measured apart, not asserted
    const count = (s: string) => rs.filter((r) => r.status === s).length;
    expect([count('unchanged'), count('moved'), count('fuzzy'), count('orphaned')]).toEqual([197, 1, 1, 1]);
    expect(rs[150]).toMatchObject({ status: 'moved', ...spanOf(text, quoteOf(451)) });
  });
});

describe('fuzzy placements keep whole words', () => {
  it('widens a span that would start inside a word', async () => {
    const { snapToWords } = await import('../../src/core/reanchor.js');
    const text = 'Honestly I mostly cook on Sundays now.';
    const s = text.indexOf('y cook');
    expect(snapToWords(text, s, text.indexOf(' now'), { quote: 'I cook on Sundays', before: 'Well ', after: ' now' })).toEqual({ s: text.indexOf('mostly'), e: text.indexOf(' now') });
    // A coding that itself began inside a word keeps its start.
    expect(snapToWords(text, s, text.indexOf(' now'), { quote: 'ook on Sundays', before: 'I c', after: ' now' })).toEqual({ s, e: text.indexOf(' now') });
  });
});
