#!/usr/bin/env node
/**
 * `npm start`: runs the example study end to end in a fresh ./example-project (ignored
 * by git), printing each qcode command before its output, as a researcher would type it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const project = join(root, 'example-project');
const bin = join(root, 'bin', 'qcode.js');
const study = '../fixtures/example-study';

const STRESS = 'out of my depth|overwhelm|panick|cried|anxious|scared|frightening|drowning';
const SELF_CARE = 'self-care|gym|cooking|switch off|routine|walk|counselling';

/** The session, step by step: [what it shows, qcode arguments]. */
const steps = [
  ['Create a project', ['init']],
  ['Ingest 18 interviews (6 participants × 3 waves) in five formats, with case attributes', ['ingest', study, '--name-pattern', '{case}_T{wave}', '--cases', `${study}/cases.csv`]],
  ['The sources', ['sources']],
  ['The cases and their attributes', ['cases']],
  ['One interview, with turn numbers', ['show', '50002_T2', '--turns', '--lines', '1-12', '--width', '100']],
  ['Load the codebook', ['codebook', 'import', '../codebook.example.yaml', '--coder', 'ana']],
  ['Ana codes the whole study, sentence by sentence, from searches', ['autocode', 'Sleep and night shifts', '--words', 'night nights sleep sleeping', '--speaker', 'participant', '--unit', 'sentence', '--coder', 'ana']],
  ['', ['autocode', 'Preceptor support', '--grep', '[Pp]receptor', '--speaker', 'participant', '--unit', 'sentence', '--coder', 'ana']],
  ['', ['autocode', 'Intention to leave', '--grep', '\\bleav(e|ing)\\b|\\bquit\\b', '-i', '--speaker', 'participant', '--unit', 'sentence', '--coder', 'ana']],
  ['', ['autocode', 'Team support', '--grep', 'had my back|my team|the team', '-i', '--speaker', 'participant', '--unit', 'sentence', '--coder', 'ana']],
  ['', ['autocode', 'Stress and overwhelm', '--grep', STRESS, '-i', '--speaker', 'participant', '--unit', 'sentence', '--coder', 'ana']],
  ['', ['autocode', 'Self-care', '--grep', SELF_CARE, '-i', '--speaker', 'participant', '--unit', 'sentence', '--coder', 'ana']],
  ['', ['autocode', 'Handover and documentation', '--words', 'handover paperwork notes documentation', '--speaker', 'participant', '--unit', 'sentence', '--coder', 'ana']],
  ['', ['autocode', 'Staffing', '--grep', 'short[- ]staffed|agency|off sick|nobody else', '-i', '--speaker', 'participant', '--unit', 'sentence', '--coder', 'ana']],
  ['', ['autocode', 'Confidence', '--grep', 'confiden', '-i', '--speaker', 'participant', '--unit', 'sentence', '--coder', 'ana']],
  ['', ['autocode', 'Learning on the job', '--grep', 'learn', '-i', '--speaker', 'participant', '--unit', 'sentence', '--coder', 'ana']],
  ['Ben double-codes the first wave, whole turns at a time', ['autocode', 'Stress and overwhelm', '--grep', STRESS, '-i', '--speaker', 'participant', '--sources', '*_T1', '--coder', 'ben']],
  ['', ['autocode', 'Preceptor support', '--grep', 'preceptor', '-i', '--speaker', 'participant', '--sources', '*_T1', '--coder', 'ben']],
  ['', ['autocode', 'Sleep and night shifts', '--words', 'night nights sleep', '--speaker', 'participant', '--sources', '*_T1', '--coder', 'ben']],
  ['', ['autocode', 'Team support', '--grep', 'had my back|the team', '-i', '--speaker', 'participant', '--sources', '*_T1', '--coder', 'ben']],
  ['Ben tags passages by hand, creating a code on the way', ['tag', 'Self-care', '50002_T2', '--match', 'self-care is very important in this role', '--all', '--coder', 'ben']],
  ['', ['tag', 'Crying', '50002_T2', '--match', 'I cried in the car', '--new', '--parent', 'Stress and overwhelm', '--coder', 'ben', '--memo', 'Second mention of crying after a run of nights.']],
  ['Memos on an interview and a participant', ['memo', 'add', '--source', '50002_T2', '--code', 'Self-care', '--coder', 'ana', '--text', 'Self-care appears as an institutional slogan that she cannot act on: no time.']],
  ['', ['memo', 'add', '--case', '50005', '--coder', 'ben', '--title', 'Trajectory', '--text', 'In charge too early at T2; burnout and thinking about leaving by T3.']],
  ['The codebook with its codings, sources and cases', ['codebook']],
  ['Coding stripes: who coded what in one interview', ['show', '50001_T1', '--lines', '1-8', '--codes', '--width', '100']],
  ['The project is sound', ['check']],
  ['Intercoder agreement on the double-coded first wave (pooled rows only)', ['report', 'agreement', '--coders', 'ana,ben', '--pooled']],
  ['The themes, ranked by how many participants raised them and how much they said', ['report', 'themes']],
];

rmSync(project, { recursive: true, force: true });
mkdirSync(project, { recursive: true });
const env = { ...process.env, QCODE_CODER: process.env.QCODE_CODER ?? 'example' };
delete env.QCODE_PROJECT;

for (const [title, args] of steps) {
  process.stdout.write(`${title === '' ? '' : `\n## ${title}\n`}$ qcode ${args.map(quote).join(' ')}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: project, env, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`example study: step "${title}" failed with exit code ${r.status}\n`);
    process.exit(r.status ?? 2);
  }
}
process.stdout.write(`\nThe example project is in ${project}; try: cd example-project && node ../bin/qcode.js --help\n`);

function quote(a) {
  return /^[\w./:=,-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`;
}
