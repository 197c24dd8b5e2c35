/** Synthetic transcripts and small helpers for the coding tests (tag, codebook, autocode, …). */
import type { AppContext } from '../../src/app/context.js';
import { ingest } from '../../src/app/ingest.js';
import { runCli, type CliResult } from './cli.js';
import { newProject, put } from './project.js';

/**
 * An invented first-wave interview. Lines: 1 header; 2 I (turn 1); 3–4 P (turn 2, with a
 * typographic apostrophe on line 4; line 5 blank); 6 I (turn 3); 7 P (turn 4, straight
 * quotes); 8 I (turn 5); 9 P (turn 6); 10 empty (after the final line break).
 */
export const P07_T1 = [
  'Interview P07, first wave',
  'Interviewer: How were your first weeks on the ward?',
  'Participant: Honestly, I felt out of my depth. The night shifts were the worst.',
  'I couldn’t sleep during the day.',
  '',
  'Interviewer: What helped?',
  'Participant: My preceptor. She\'d say "take your break" and I\'d actually take it.',
  'Interviewer: Anything else?',
  'Participant: Running, when I can. Night shifts make it hard.',
  '',
].join('\n');

/** A second participant, second wave. */
export const P12_T2 = [
  'Interviewer: How is the ward now?',
  'Participant: Calmer. I sleep better since I dropped the night shifts.',
  'Interviewer: And your preceptor?',
  'Participant: She left in March. I felt tired and alone for weeks.',
  '',
].join('\n');

export const FIXED_NOW = '2026-01-01T00:00:00.000Z';

/** A new project with the given transcripts ingested (file name → text), read as {case}_T{wave}. */
export async function codingProject(files: Record<string, string> = { 'P07_T1.txt': P07_T1 }): Promise<{ dir: string; ctx: AppContext }> {
  const { dir, ctx } = newProject();
  for (const [name, text] of Object.entries(files)) put(dir, name, text);
  await ingest(ctx, Object.keys(files), { namePattern: '{case}_T{wave}' });
  return { dir, ctx };
}

/** The same project, as another coder. */
export function as(ctx: AppContext, coder: string): AppContext {
  return { ...ctx, coder };
}

/** The code-point offset of `needle` in `text` (its `nth` occurrence, 1-based). */
export function cpIndex(text: string, needle: string, nth = 1): number {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" not found ${nth} times`);
  }
  return [...text.slice(0, at)].length;
}

/** qcode in-process as coder `coder` (QCODE_CODER). */
export function qc(dir: string, argv: string[], options: { coder?: string; stdin?: string } = {}): Promise<CliResult> {
  return runCli(argv, { cwd: dir, env: { QCODE_CODER: options.coder ?? 'ana' }, stdin: options.stdin });
}

/** `qcode codings --json` (plus filters). */
export async function codingsJson(dir: string, ...filters: string[]): Promise<Record<string, unknown>[]> {
  const r = await qc(dir, ['codings', '--json', ...filters]);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
}
