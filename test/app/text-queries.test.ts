import { describe, expect, it } from 'vitest';
import { codebookAdd } from '../../src/app/codebook.js';
import type { AppContext } from '../../src/app/context.js';
import { keyness } from '../../src/app/keyness.js';
import { search } from '../../src/app/search.js';
import { suggest } from '../../src/app/suggest.js';
import { tag } from '../../src/app/tag.js';
import { wordFrequencies } from '../../src/app/words.js';
import { as, codingProject } from '../support/coding.js';
import { dumpDb, put } from '../support/project.js';
import { importCases } from '../../src/app/cases.js';
import { autocode } from '../../src/app/autocode.js';

// A corpus small enough to count by hand. Participant words (stop words included):
//   P1_T1: work is hard work         (4)     P1_T2: sleep is hard   (3)
//   P2_T1: driving to work i drive   (5)     P2_T2: sleep sleep sleep (3)   → 15 in all
// Interviewer words: how is work (P1_T1), and now (P1_T2), how is work (P2_T1) → 8.
const CORPUS = {
  'P1_T1.txt': 'Interviewer: How is work?\nParticipant: Work is hard work.\n',
  'P1_T2.txt': 'Interviewer: And now?\nParticipant: Sleep is hard.\n',
  'P2_T1.txt': 'Interviewer: How is work?\nParticipant: Driving to work, I drive.\n',
  'P2_T2.txt': 'Participant: Sleep sleep sleep.\n',
};

const corpus = async (): Promise<AppContext> => as((await codingProject(CORPUS)).ctx, 'ana');
const plain = (r: ReturnType<typeof wordFrequencies>) => r.rows.map((w) => [w.word, w.count, w.sources, w.cases]);

describe('qcode words: frequencies counted by hand', () => {
  it('counts every lower-cased word of participant talk; % of all 15 words; sources and cases', async () => {
    const ctx = await corpus();
    const r = wordFrequencies(ctx, { stopWords: 'none' });
    expect(r.scope.words).toBe(15);
    expect(plain(r)).toEqual([
      ['sleep', 4, 2, 2], ['work', 3, 2, 2], ['hard', 2, 2, 1], ['is', 2, 2, 1],
      ['drive', 1, 1, 1], ['driving', 1, 1, 1], ['i', 1, 1, 1], ['to', 1, 1, 1],
    ]);
    expect(r.rows[0]!.percent).toBeCloseTo((4 / 15) * 100, 12);
    expect(r.rows[0]!.forms).toEqual(['sleep']);
  });

  it('default stop words (natural\'s English list holds is, to and i) stay in the denominator; --min-length; --top', async () => {
    const ctx = await corpus();
    const r = wordFrequencies(ctx, {});
    expect(plain(r).map((x) => x[0])).toEqual(['sleep', 'work', 'hard', 'drive', 'driving']);
    expect(r.scope.words).toBe(15);
    expect(r.rows[1]!.percent).toBeCloseTo(20, 12); // 3 / 15
    expect(plain(wordFrequencies(ctx, { stopWords: 'none', minLength: 5, top: 2 })).map((x) => x[0])).toEqual(['sleep', 'drive']);
  });

  it('--stem groups driving and drive under one stem, the most frequent form (ties by name) first', async () => {
    const ctx = await corpus();
    const r = wordFrequencies(ctx, { stopWords: 'none', stem: true });
    expect(r.rows.map((w) => [w.word, w.forms, w.count])).toEqual([
      ['sleep', ['sleep'], 4], ['work', ['work'], 3], ['drive', ['drive', 'driving'], 2], ['hard', ['hard'], 2], ['is', ['is'], 2], ['i', ['i'], 1], ['to', ['to'], 1],
    ]);
  });

  it('--speaker interviewer and all; filters; --code counts the words inside the code', async () => {
    const ctx = await corpus();
    const iv = wordFrequencies(ctx, { stopWords: 'none', speaker: 'interviewer' });
    expect(iv.scope.words).toBe(8);
    expect(plain(iv)).toEqual([['how', 2, 2, 2], ['is', 2, 2, 2], ['work', 2, 2, 2], ['and', 1, 1, 1], ['now', 1, 1, 1]]);
    expect(wordFrequencies(ctx, { stopWords: 'none', speaker: 'all' }).scope.words).toBe(23);
    const t2 = wordFrequencies(ctx, { stopWords: 'none', filters: { waves: ['2'] } });
    expect([t2.scope.words, plain(t2)]).toEqual([6, [['sleep', 4, 2, 2], ['hard', 1, 1, 1], ['is', 1, 1, 1]]]);
    // code "Hard" on "rk is ha" of P1_T1 (code points 41–49): "work" starts before it, "is" and "hard" inside
    codebookAdd(ctx, 'Hard', undefined, {});
    tag(ctx, { codes: ['Hard'], source: 'P1_T1', selector: { span: '41-49' } });
    const inCode = wordFrequencies(ctx, { stopWords: 'none', code: 'hard' });
    expect([inCode.scope.code, inCode.scope.words, plain(inCode)]).toEqual(['Hard', 2, [['hard', 1, 1, 1], ['is', 1, 1, 1]]]);
  });

  it('--language is checked and stored in the project', async () => {
    const ctx = await corpus();
    expect(() => wordFrequencies(ctx, { language: 'xx' })).toThrow('--language xx: no stemmer for this language');
    expect(wordFrequencies(ctx, { language: 'FR', top: 1 }).scope.language).toBe('fr');
    expect(wordFrequencies(ctx, { top: 1 }).scope.language).toBe('fr');
    // a query that fails changes nothing, not even the language
    expect(() => wordFrequencies(ctx, { language: 'de', filters: { waves: ['9'] } })).toThrow('no source is in the scope of these filters');
    expect(wordFrequencies(ctx, { top: 1 }).scope.language).toBe('fr');
  });
});

describe('qcode words: stop-word files, attributes and bad input', () => {
  it('--stop-words FILE (one a line, # comments, either apostrophe); --where; attr: groups', async () => {
    const { dir, ctx: c0 } = await codingProject(CORPUS);
    const ctx = as(c0, 'ana');
    put(dir, 'stop.txt', '# mine\nsleep\nWORK  # upper case too\n\n');
    expect(plain(wordFrequencies(ctx, { stopWords: 'stop.txt', top: 2 })).map((x) => x[0])).toEqual(['hard', 'is']);
    expect(() => wordFrequencies(ctx, { stopWords: 'nope.txt' })).toThrow(/--stop-words nope.txt: cannot read it/);
    put(dir, 'cases.csv', 'case,site\nP1,north\nP2,south\n');
    importCases(ctx, 'cases.csv');
    expect(wordFrequencies(ctx, { stopWords: 'none', filters: { where: ['site=south'] } }).scope.words).toBe(8);
    expect(keyness(ctx, { by: 'attr:SITE', stopWords: 'none', top: 1 }).groups.map((g) => [g.group, g.words])).toEqual([['north', 7], ['south', 8]]);
    expect(() => wordFrequencies(ctx, { minLength: 0 })).toThrow('--min-length 0: give a whole number of at least 1');
    expect(() => keyness(ctx, { by: 'colour' })).toThrow('--by colour: give wave, case, source or attr:NAME');
  });
});

describe('qcode words --by: keyness checked by hand', () => {
  // wave 1: c = 4 + 5 = 9 words; wave 2: c = 3 + 3 = 6; N = 15.
  it('G² and log ratio of every word per wave, largest G² first', async () => {
    const ctx = await corpus();
    const r = keyness(ctx, { by: 'wave', stopWords: 'none' });
    expect(r.groups.map((g) => [g.group, g.words])).toEqual([['1', 9], ['2', 6]]);
    const [w1, w2] = r.groups;
    expect(w1!.rows.map((x) => [x.word, x.count, x.rest])).toEqual([
      ['work', 3, 0], ['drive', 1, 0], ['driving', 1, 0], ['i', 1, 0], ['to', 1, 0], ['hard', 1, 1], ['is', 1, 1], ['sleep', 0, 4],
    ]);
    // work: E1 = 9·3/15 = 1.8 → G² = 2·3·ln(3/1.8); log ratio = log2((3/9)/(0.5/6)) = 2
    expect(w1!.rows[0]!.g2).toBeCloseTo(6 * Math.log(3 / 1.8), 12);
    expect(w1!.rows[0]!.logRatio).toBeCloseTo(2, 12);
    // drive: E1 = 0.6 → 2·ln(1/0.6); log2((1/9)/(0.5/6)) = log2(4/3)
    expect(w1!.rows[1]!.g2).toBeCloseTo(2 * Math.log(1 / 0.6), 12);
    expect(w1!.rows[1]!.logRatio).toBeCloseTo(Math.log2(4 / 3), 12);
    // hard: E1 = 1.2, E2 = 0.8 → −2·(ln(1/1.2) + ln(1/0.8)) (1/9 < 1/6); log2((1/9)/(1/6))
    expect(w1!.rows[5]!.g2).toBeCloseTo(-2 * (Math.log(1 / 1.2) + Math.log(1 / 0.8)), 12);
    expect(w1!.rows[5]!.logRatio).toBeCloseTo(Math.log2(6 / 9), 12);
    // sleep, never said at wave 1: E2 = 6·4/15 = 1.6 → −2·4·ln(4/1.6); log2((0.5/9)/(4/6)) = log2(1/12)
    expect(w1!.rows[7]!.g2).toBeCloseTo(-8 * Math.log(4 / 1.6), 12);
    expect(w1!.rows[7]!.logRatio).toBeCloseTo(Math.log2(1 / 12), 12);
    expect(w2!.rows.map((x) => x.word)).toEqual(['sleep', 'hard', 'is', 'drive', 'driving', 'i', 'to', 'work']);
    expect(w2!.rows[0]!.g2).toBeCloseTo(8 * Math.log(4 / 1.6), 12);
    expect(w2!.rows[0]!.logRatio).toBeCloseTo(Math.log2((4 / 6) / (0.5 / 9)), 12);
    expect(w2!.rows[7]!.g2).toBeCloseTo(-6 * Math.log(3 / 1.8), 12);
  });

  it('--top per group, --min-g2 hides |G²| below it, by case and source; one group is an error', async () => {
    const ctx = await corpus();
    expect(keyness(ctx, { by: 'wave', stopWords: 'none', top: 2 }).groups.map((g) => g.rows.map((x) => x.word))).toEqual([['work', 'drive'], ['sleep', 'hard']]);
    // |G²| ≥ 3: work (3.06) and sleep (7.33) only
    expect(keyness(ctx, { by: 'wave', stopWords: 'none', minG2: 3 }).groups.map((g) => g.rows.map((x) => x.word))).toEqual([['work', 'sleep'], ['sleep', 'work']]);
    // P1 (c = 7, d = 8): hard and is, 2 and 0 → 2·2·ln(2/(7·2/15)) = 3.0486 each, hard first by name.
    // P2 (c = 8, d = 7): drive 1 and 0 → 2·ln(1/(8/15)) = 1.2572 beats sleep 3 and 1 →
    // 2·(3·ln(3/(8·4/15)) + ln(1/(7·4/15))) = 0.7973.
    const byCase = keyness(ctx, { by: 'case', stopWords: 'none', top: 2 }).groups;
    expect(byCase.map((g) => [g.group, g.words, g.rows.map((x) => x.word)])).toEqual([['P1', 7, ['hard', 'is']], ['P2', 8, ['drive', 'driving']]]);
    expect(byCase[0]!.rows[0]!.g2).toBeCloseTo(4 * Math.log(2 / (14 / 15)), 12);
    expect(keyness(ctx, { by: 'case', stopWords: 'none', top: 0 }).groups[1]!.rows.find((x) => x.word === 'sleep')!.g2).toBeCloseTo(2 * (3 * Math.log(3 / (32 / 15)) + Math.log(1 / (28 / 15))), 12);
    expect(keyness(ctx, { by: 'source', top: 1 }).groups.map((g) => g.group)).toEqual(['P1_T1', 'P1_T2', 'P2_T1', 'P2_T2']);
    expect(() => keyness(ctx, { by: 'wave', filters: { waves: ['1'] } })).toThrow('--by wave: the scope holds one group (1)');
    expect(() => keyness(ctx, { by: 'attr:age' })).toThrow('--by attr:age: no case attribute "age"');
  });
});

describe('qcode search', () => {
  it('one row per hit with code-point positions, line, speaker and words of context', async () => {
    const ctx = await corpus();
    const r = search(ctx, { query: 'work', context: 2 });
    // P1_T1 line 2 starts at 26; "Participant: " is 13 code points → "Work" at 39, "work" at 39 + 13 = 52
    expect(r.hits).toEqual([
      { source: 'P1_T1', case: 'P1', wave: '1', line: 2, speaker: 'Participant', start: 39, end: 43, left: '', hit: 'Work', right: 'is hard' },
      { source: 'P1_T1', case: 'P1', wave: '1', line: 2, speaker: 'Participant', start: 52, end: 56, left: 'is hard', hit: 'work', right: '' },
      { source: 'P2_T1', case: 'P2', wave: '1', line: 2, speaker: 'Participant', start: 50, end: 54, left: 'Driving to', hit: 'work', right: ', I drive' },
    ]);
    expect(search(ctx, { query: 'work', speaker: 'interviewer' }).hits.map((h) => [h.source, h.line, h.speaker])).toEqual([['P1_T1', 1, 'Interviewer'], ['P2_T1', 1, 'Interviewer']]);
    expect(search(ctx, { query: '"hard work" OR driv*' }).hits.map((h) => h.hit)).toEqual(['hard work', 'Driving', 'drive']);
    expect(search(ctx, { query: 'drive' }).hits.map((h) => h.hit)).toEqual(['drive']);
    expect(search(ctx, { query: 'drive', stem: true }).hits.map((h) => h.hit)).toEqual(['Driving', 'drive']);
    expect(search(ctx, { query: 'sleep', filters: { sources: 'P2_*' } }).hits.length).toBe(3);
  });

  it('--code: only hits whose first character lies inside the code', async () => {
    const ctx = await corpus();
    codebookAdd(ctx, 'Hard', undefined, {});
    tag(ctx, { codes: ['Hard'], source: 'P1_T1', selector: { span: '41-49' } }); // "rk is ha": is (44), hard (47)
    expect(search(ctx, { query: 'hard OR is OR work', code: 'Hard' }).hits.map((h) => [h.hit, h.start, h.left])).toEqual([['is', 44, 'Work'], ['hard', 47, 'Work is']]);
    expect(search(ctx, { query: 'sleep', code: 'Hard' }).hits).toEqual([]);
  });

  it('positions count code points (an emoji is one)', async () => {
    const { ctx } = await codingProject({ 'E1_T1.txt': 'Participant: 😀 I work. Don’t.\n', 'E2_T1.txt': 'Participant: WORK_IS 100% done\n' });
    expect(search(ctx, { query: 'work' }).hits.map((h) => [h.source, h.start, h.end])).toEqual([['E1_T1', 17, 21], ['E2_T1', 13, 17]]);
    // the first pass over the stored texts takes either apostrophe, and % and _ literally
    expect(search(ctx, { query: "don't" }).hits.map((h) => [h.hit, h.start])).toEqual([['Don’t', 23]]);
    expect(search(ctx, { query: '100' }).hits.map((h) => h.source)).toEqual(['E2_T1']);
  });

  it('--code-as codes every hit widened to the unit in one transaction; --dry-run writes nothing', async () => {
    const { dir, ctx: c0 } = await codingProject(CORPUS);
    const ctx = as(c0, 'ana');
    const before = dumpDb(dir);
    const dry = search(ctx, { query: 'sleep', codeAs: 'Sleep', unit: 'sentence', dryRun: true });
    expect(dry.coded).toEqual({ code: 'Sleep', coder: 'ana', unit: 'sentence', dryRun: true, passages: 2, created: true });
    expect(dumpDb(dir)).toEqual(before);
    search(ctx, { query: 'sleep', codeAs: 'Sleep', unit: 'sentence' });
    const codings = dumpDb(dir).codings as { quote: string }[];
    expect(codings.map((c) => c.quote)).toEqual(['Sleep is hard.', 'Sleep sleep sleep.']);
  });
});

describe('autocode --query', () => {
  it('takes the search syntax, --stem only with --query, one search option only', async () => {
    const ctx = await corpus();
    codebookAdd(ctx, 'Driving', undefined, {});
    const r = autocode(ctx, { code: 'Driving', query: 'drive OR "hard work"', stem: true, unit: 'match', dryRun: true });
    expect(r.hits.map((h) => h.text)).toEqual(['hard work', 'Driving', 'drive']);
    expect(() => autocode(ctx, { code: 'Driving', words: 'drive', stem: true })).toThrow('--stem goes with --query');
    expect(() => autocode(ctx, { code: 'Driving', words: 'drive', query: 'drive' })).toThrow('give one of --grep REGEX, --words "w1 w2" or --query QUERY');
  });
});

describe('qcode suggest', () => {
  // Four turns; "Fruit" codes turn 1. Stems of apple banana cherry date are all distinct and no stop words.
  // N = 4 passages; df(apple) = df(banana) = df(cherry) = 2 → idf = ln 2; df(date) = 1.
  // Code: apple, banana → (ln2, ln2). Turn 2 (apple cherry): cos = ln2² / (√2 ln2 · √2 ln2) = 1/2.
  // Turn 3 (banana banana cherry): (2 ln2, ln2) → cos = 2 ln2² / (√2 ln2 · √5 ln2) = 2/√10. Turn 4: 0, left out.
  const FRUIT = 'Participant: apple banana\nParticipant: apple cherry\nParticipant: banana banana cherry\nParticipant: date\n';

  it('ranks uncovered passages by TF-IDF cosine similarity to the coded words', async () => {
    const { ctx: c0 } = await codingProject({ 'S1_T1.txt': FRUIT });
    const ctx = as(c0, 'ana');
    codebookAdd(ctx, 'Fruit', undefined, {});
    expect(() => suggest(ctx, { code: 'Fruit' })).toThrow('suggest: "Fruit" has no codings in this scope');
    tag(ctx, { codes: ['Fruit'], source: 'S1_T1', selector: { turns: { from: 1, to: 1 } } });
    const r = suggest(ctx, { code: 'fruit', minWords: 1 });
    expect([r.passages, r.covered, r.ranked]).toEqual([4, 1, 2]);
    expect(r.suggestions.map((s) => [s.text, s.line, s.command])).toEqual([
      ['banana banana cherry', 3, 'qcode tag Fruit S1_T1 --turns 3'],
      ['apple cherry', 2, 'qcode tag Fruit S1_T1 --turns 2'],
    ]);
    expect(r.suggestions[0]!.score).toBeCloseTo(2 / Math.sqrt(10), 12);
    expect(r.suggestions[1]!.score).toBeCloseTo(0.5, 12);
    expect(suggest(ctx, { code: 'Fruit', minWords: 1, top: 1 }).suggestions.length).toBe(1);
    expect(suggest(ctx, { code: 'Fruit' }).suggestions).toEqual([]); // every turn is under 5 words
  });

  it('--unit sentence: sentences, with a --span command', async () => {
    const { ctx: c0 } = await codingProject({ 'S1_T1.txt': 'Participant: Apple banana. Apple cherry. Date.\n' });
    const ctx = as(c0, 'ana');
    codebookAdd(ctx, 'Fruit', undefined, {});
    tag(ctx, { codes: ['Fruit'], source: 'S1_T1', selector: { span: '13-26' } });
    const r = suggest(ctx, { code: 'Fruit', unit: 'sentence', minWords: 1 });
    expect(r.suggestions.map((s) => [s.text, s.start, s.end, s.command])).toEqual([['Apple cherry.', 27, 40, 'qcode tag Fruit S1_T1 --span 27-40']]);
  });
});
