/**
 * A small study whose transcripts and code names are full of characters that break naive
 * renderers: LaTeX specials, ≤ and ≥, curly quotes, dashes, accented and rare Latin letters,
 * Greek, emoji (with skin tones and joiners), flags, CJK, zero-width characters and a BOM.
 * Three cases × two waves, two coders, a theme with sub-codes. Built through the CLI in
 * process, so it takes about a second.
 */
import { runCli } from './cli.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { put } from './project.js';

export const NASTY = 'Café “naïve” — 50% & $5 #1 ≤ 3 ≥ 2 ± α β Ω ṭ ǵ ő ł ß œ ﬁ {x} [y] ~ ^ \\ _ | <b> 😂 👩🏽‍⚕️ 🇬🇧 漢字 ​zero‑width ‘quote’ … € °C';

const turns = (who: string, wave: number): string => [
  `Interviewer: How was wave ${wave}, ${who}? ${NASTY}`,
  `Participant: Nights were hard ≤ 3 hours’ sleep — “I can’t cope” 😂. ${NASTY}`,
  'Interviewer: And your preceptor?',
  `Participant: My préceptrice helped a lot & the team too; 100% support. ${wave === 2 ? 'Now I’m thinking of leaving.' : 'Ça va.'}`,
  '',
].join('\n');

export const UNICODE_CODES = ['Well-being & sleep ≤ 5h', 'Nights “on”', 'Support_50% #1', 'Leaving — soon'];

/** A project in a temp folder (the caller removes it: it outlives one test), coded by ana (everything) and ben (wave 1). */
export async function unicodeStudy(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'qcode-unicode-'));
  const cli = async (...argv: string[]): Promise<void> => {
    const r = await runCli(argv, { cwd: dir, env: { QCODE_CODER: 'ana' } });
    if (r.code !== 0) throw new Error(`qcode ${argv.join(' ')}: ${r.stderr}`);
  };
  await cli('init');
  for (const c of ['P1', 'P2', 'P3']) for (const w of [1, 2]) put(dir, `t/${c}_T${w}.txt`, `\ufeff${turns(c, w)}`);
  put(dir, 't/cases.csv', 'case,role\nP1,nurse & midwife\nP2,“hca”\nP3,ñandú\n');
  await cli('ingest', 't', '--name-pattern', '{case}_T{wave}', '--cases', 't/cases.csv');
  await cli('codebook', 'add', UNICODE_CODES[0]!, '--description', `Sleep ${NASTY}`);
  await cli('codebook', 'add', UNICODE_CODES[1]!, '--parent', UNICODE_CODES[0]!);
  await cli('codebook', 'add', UNICODE_CODES[2]!);
  await cli('codebook', 'add', UNICODE_CODES[3]!);
  for (const c of ['P1', 'P2', 'P3']) {
    for (const w of [1, 2]) {
      const s = `${c}_T${w}`;
      await cli('tag', UNICODE_CODES[1]!, s, '--match', 'Nights were hard', '--coder', 'ana');
      await cli('tag', UNICODE_CODES[0]!, s, '--turns', '2', '--coder', 'ana');
      await cli('tag', UNICODE_CODES[2]!, s, '--turns', '4', '--coder', 'ana');
      if (w === 1) await cli('tag', UNICODE_CODES[2]!, s, '--match', 'My préceptrice helped', '--coder', 'ben');
    }
    await cli('tag', UNICODE_CODES[3]!, `${c}_T2`, '--match', 'Now I’m thinking of leaving.', '--coder', 'ana');
  }
  return dir;
}

/** Every report kind with its required arguments, as `qcode report …` takes them. */
export const REPORT_KINDS: [string, string[]][] = [
  ['themes', []], ['matrix', []], ['cooccurrence', []], ['quotes', [UNICODE_CODES[0]!, UNICODE_CODES[2]!]], ['framework', []],
  ['trajectory', []], ['saturation', []], ['codebook', []], ['sample', []],
  ['agreement', ['--coders', 'ana,ben']], ['disagreements', ['--coders', 'ana,ben']],
];
