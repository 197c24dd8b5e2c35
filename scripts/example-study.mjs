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

/** The session, step by step: [what it shows, qcode arguments]. */
const steps = [
  ['Create a project', ['init']],
  ['Ingest 18 interviews (6 participants × 3 waves) in five formats, with case attributes', ['ingest', study, '--name-pattern', '{case}_T{wave}', '--cases', `${study}/cases.csv`]],
  ['The sources', ['sources']],
  ['The cases and their attributes', ['cases']],
  ['One interview, with turn numbers', ['show', '50002_T2', '--turns', '--lines', '1-12', '--width', '100']],
];

rmSync(project, { recursive: true, force: true });
mkdirSync(project, { recursive: true });
const env = { ...process.env, QCODE_CODER: process.env.QCODE_CODER ?? 'example' };
delete env.QCODE_PROJECT;

for (const [title, args] of steps) {
  process.stdout.write(`\n## ${title}\n$ qcode ${args.map(quote).join(' ')}\n`);
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
