import { describe, expect, it } from 'vitest';
import { listCodings } from '../../src/app/codings.js';
import { listMemos } from '../../src/app/memos.js';
import { listCodebook } from '../../src/app/codebook.js';
import { dumpDb } from '../support/project.js';
import { runCli, spawnQcode } from '../support/cli.js';
import { codingProject, P07_T1, qc } from '../support/coding.js';

const TURN2 = 'Honestly, I felt out of my depth. The night shifts were the worst.\nI couldn’t sleep during the day.';
const TURN4 = 'My preceptor. She\'d say "take your break" and I\'d actually take it.';
const TURN6 = 'Running, when I can. Night shifts make it hard.';
/** The interviewer turns before them, shown for context. */
const Q1 = '[turn 1 · Interviewer] How were your first weeks on the ward?';
const Q3 = '[turn 3 · Interviewer] What helped?';
const Q5 = '[turn 5 · Interviewer] Anything else?';
const session = (dir: string, lines: string[], coder = 'ana', extra: string[] = []) => qc(dir, ['code', 'P07_T1', ...extra], { coder, stdin: lines.map((l) => `${l}\n`).join('') });

async function project() {
  const p = await codingProject({ 'P07_T1.txt': P07_T1 });
  await qc(p.dir, ['codebook', 'add', 'Self-care']);
  return p;
}

describe('qcode code: an interactive session through piped stdin', () => {
  it('codes turns by name, creates codes with +name, moves with Enter/n/p/g N, quits with q', async () => {
    const { dir, ctx } = await project();
    const r = await session(dir, ['self-care', '+Night shifts, Sleep', '', 'g 6', 'p', 'n', 'q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('qcode: no code "Sleep" in the codebook (or type +Sleep to create it)\n');
    expect(r.stdout).toBe([
      'coding P07_T1 as ana; ? for help',
      '── turn 2 (1 of 3) · Participant ──', Q1, TURN2, 'codes: –',
      'coded: Self-care · on this turn: Self-care',
      '── turn 4 (2 of 3) · Participant ──', Q3, TURN4, 'codes: –',
      '── turn 6 (3 of 3) · Participant ──', Q5, TURN6, 'codes: –',
      '── turn 4 (2 of 3) · Participant ──', Q3, TURN4, 'codes: –',
      '── turn 6 (3 of 3) · Participant ──', Q5, TURN6, 'codes: –',
      '',
    ].join('\n'));
    // The line with an unknown code codes nothing, not even the new code it names.
    expect(listCodings(ctx).map((c) => [c.code, c.coder, c.quote, c.lineStart, c.lineEnd])).toEqual([['Self-care', 'ana', TURN2, 3, 4]]);
    expect(listCodebook(ctx).map((c) => c.code)).toEqual(['Self-care']);
  });

  it('codes a quoted part with s, writes a memo with m, undoes with u, prints help with ?', async () => {
    const { dir, ctx } = await project();
    const r = await session(dir, ['n', 's "take your break" Self-care, +Breaks', 'm Breaks as permission from the preceptor', 'u', 'u', 'Self-care', '?', 'q']);
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    expect(out).toContain('new code: Breaks');
    expect(out).toContain('coded: Self-care, Breaks · on this turn: Breaks, Self-care');
    expect(out).toContain('memo 1 saved');
    expect(out).toContain('undone: Self-care, Breaks');
    expect(out).toContain('nothing to undo in this session');
    expect(out).toContain('coded: Self-care · on this turn: Self-care');
    expect(r.stdout).toContain('s "part" code, …   code only the quoted part of this turn');
    expect(listCodings(ctx).map((c) => [c.code, c.quote])).toEqual([['Self-care', TURN4]]);
    expect(listMemos(ctx)).toEqual([expect.objectContaining({ id: 1, text: 'Breaks as permission from the preceptor', source: 'P07_T1', turn: 4, coder: 'ana' })]);
    // The code +Breaks created stays in the codebook; only the coding is undone.
    expect(listCodebook(ctx).map((c) => [c.code, c.codings])).toEqual([['Breaks', 0], ['Self-care', 1]]);
  });

  it('undoing a coding that joined earlier ones restores them exactly', async () => {
    const { dir } = await project();
    await session(dir, ['n', 's "She\'d say" Self-care', 's "actually take it" Self-care', 'q']);
    const before = dumpDb(dir).codings;
    expect(before).toHaveLength(2);
    const r = await session(dir, ['Self-care', 'u', 'q']);
    expect(r.stdout).toContain('coded: Self-care · on this turn: Self-care');
    expect(r.stdout).toContain('undone: Self-care');
    expect(dumpDb(dir).codings).toEqual(before);
  });

  it('keeps going after errors: unknown code, a bad g N, a part that is not in the turn', async () => {
    const { dir, ctx } = await project();
    const r = await session(dir, ['Slef care', 'g 99', 'g 3', 's "Night shifts" Self-care', 'Self-care', 'q']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')).toEqual([
      'qcode: no code "Slef care" in the codebook (did you mean "Self-care"? or type +Slef care to create it)',
      'qcode: there is no turn 99 to code here (turns: 2–6)',
      'qcode: turn 3 is interviewer talk (Interviewer); this session codes participant turns (qcode code P07_T1 --all-turns codes interviewer turns too)',
      'qcode: "Night shifts" is not in this turn (quote the words exactly as they are written, case-sensitively)',
      '',
    ]);
    expect(listCodings(ctx).map((c) => c.lineStart)).toEqual([3]);
  });

  it('resumes where the coder left off; another coder starts at the beginning', async () => {
    const { dir } = await project();
    await session(dir, ['', '', 'q']);
    const again = await session(dir, ['q']);
    expect(again.stdout.split('\n').slice(0, 2)).toEqual(['coding P07_T1 as ana (resuming where you left off); ? for help', '── turn 6 (3 of 3) · Participant ──']);
    const bo = await session(dir, ['q'], 'bo');
    expect(bo.stdout.split('\n').slice(0, 2)).toEqual(['coding P07_T1 as bo; ? for help', '── turn 2 (1 of 3) · Participant ──']);
    const end = await session(dir, ['n', 'q']);
    expect(end.stdout).toContain('that was the last turn; p goes back, q quits');
  });

  it('skips interviewer turns unless --all-turns', async () => {
    const { dir, ctx } = await project();
    const r = await session(dir, ['Self-care', 'q'], 'ana', ['--all-turns']);
    expect(r.stdout.split('\n').slice(1, 3)).toEqual(['── turn 1 (1 of 6) · Interviewer ──', 'How were your first weeks on the ward?']);
    expect(listCodings(ctx)[0]!.quote).toBe('How were your first weeks on the ward?');
    const missing = await qc(dir, ['code', 'P07_T9'], { stdin: 'q\n' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^qcode: no source "P07_T9"/);
  });

  it('-Name removes your coding of that code from the turn, never another coder\'s; u puts it back', async () => {
    const { dir, ctx } = await project();
    await session(dir, ['Self-care', 'q'], 'bo');
    await session(dir, ['g 2', 'Self-care, +Sleep', 'q']);
    const r = await session(dir, ['g 2', '-self-care', '-Sleep, -Sleep', '-Self-care', 'u', '-Slep', 'q']);
    expect(r.stderr).toBe('qcode: no code "Slep" in the codebook (did you mean "Sleep"? qcode codebook lists the codes)\n');
    const out = r.stdout.split('\n');
    expect(out).toContain('removed: Self-care · on this turn: Sleep');
    expect(out).toContain('removed: Sleep · on this turn: –');
    expect(out).toContain('you have no coding of Self-care on this turn');
    expect(out).toContain('undone: removal of Sleep');
    expect(listCodings(ctx).map((c) => [c.code, c.coder])).toEqual([['Self-care', 'bo'], ['Sleep', 'ana']]);
  });

  it('-Name on part of a longer coding trims it to what lies outside the turn', async () => {
    const { dir, ctx } = await project();
    await qc(dir, ['tag', 'Self-care', 'P07_T1', '--turns', '2-4']);
    await session(dir, ['g 4', '-Self-care', 'q']);
    expect(listCodings(ctx).map((c) => c.quote)).toEqual([`${TURN2}\n\nInterviewer: What helped?\nParticipant: `]);
  });

  it('shows no context line with --all-turns (the interviewer turns are units then)', async () => {
    const { dir } = await project();
    const r = await session(dir, ['', 'q'], 'ana', ['--all-turns']);
    expect(r.stdout.split('\n').slice(4, 7)).toEqual(['── turn 2 (2 of 6) · Participant ──', TURN2.split('\n')[0], TURN2.split('\n')[1]]);
  });

  it('wraps turns at word boundaries to the terminal width (and not in a pipe)', async () => {
    const { dir } = await project();
    const r = await runCli(['code', 'P07_T1'], { cwd: dir, env: { QCODE_CODER: 'ana' }, stdin: 'q\n', tty: true, columns: 30 });
    const lines = r.stdout.split('\n');
    expect(lines.slice(2, 9)).toEqual([
      '[turn 1 · Interviewer] How', 'were your first weeks on the', 'ward?',
      'Honestly, I felt out of my', 'depth. The night shifts were', 'the worst.', 'I couldn’t sleep during the',
    ]);
    const piped = await runCli(['code', 'P07_T1'], { cwd: dir, env: { QCODE_CODER: 'ana' }, stdin: 'q\n' });
    expect(piped.stdout.split('\n').slice(2, 4)).toEqual([Q1, TURN2.split('\n')[0]]);
  });

  it('reads commands from a real pipe (end to end, built bin/qcode.js)', async () => {
    const { dir, ctx } = await project();
    const r = spawnQcode(['code', 'P07_T1'], { cwd: dir, env: { QCODE_CODER: 'cy' }, input: 'Self-care\n\n+Breaks\nq\n' });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n')[0]).toBe('coding P07_T1 as cy; ? for help');
    expect(listCodings(ctx).map((c) => [c.code, c.coder, c.lineStart])).toEqual([['Self-care', 'cy', 3], ['Breaks', 'cy', 7]]);
  });
});
