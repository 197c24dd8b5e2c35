/**
 * Commands whose memory must not grow with the project (issue #12: "no command that grows out
 * of memory"), found by running every command on the 1,000,000-coding project: before this
 * round `report disagreements` took 4.6 GB there, `export` 3.1 GB, `adopt --all` and `merge`
 * held every coding with its quote. Each row is judged on its peak RSS (bench/rss-wrap.mjs)
 * alone; its time is shown, as a ratio to `node -e 0`, for information. Slow rows run once
 * after their unmeasured run. Entries are the plain objects of bench/README.md; run them alone
 * with `npm run bench -- --only <text>`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as lib from './lib.mjs';

const { ROOT, ensureOk, qcode } = lib;

/** The entries, in table order. */
export function benchmarks(ctx) {
  const p = (dir, ...args) => [...args, '--project', dir];
  // Output to a file: the bench must not hold hundreds of MB of a child's output itself.
  const out = (dir, name) => `${dir}-${name}`;
  return [
    { name: '`report disagreements --coders ana,ben`', size: '100k', maxPeakMB: 500, runs: 3, args: (d) => p(d, 'report', 'disagreements', '--coders', 'ana,ben', '--out', out(d, 'disagreements.txt')) },
    { name: '`report disagreements --coders ana,ben`', size: '1m', maxPeakMB: 500, runs: 1, args: (d) => p(d, 'report', 'disagreements', '--coders', 'ana,ben', '--out', out(d, 'disagreements.txt')) },
    { name: '`report agreement --coders ana,ben --unit word`', size: '1m', maxPeakMB: 500, runs: 1, args: (d) => p(d, 'report', 'agreement', '--coders', 'ana,ben', '--unit', 'word', '--out', out(d, 'agreement.txt')) },
    { name: '`export FILE.qdpx`', size: '1m', maxPeakMB: 500, runs: 1, args: (d) => p(d, 'export', out(d, 'export.qdpx')) },
    {
      name: '`adopt --from ana --all` (50,000 codings)', size: '100k', maxPeakMB: 300, runs: 1,
      args: () => ['adopt', '--from', 'ana', '--all', '--project', 'bench/work/scratch-adopt', '--coder', 'bench'],
      prepare: () => ctx.scratch('100k', 'adopt'),
    },
    {
      name: '`merge` of the 100,000-coding project into an empty one', size: '100k', maxPeakMB: 300, runs: 1,
      args: (d) => ['merge', `${d}/qcode.db`, '--project', 'bench/work/scratch-merge', '--coder', 'bench'],
      prepare: () => emptyProject('bench/work/scratch-merge'),
    },
  ];
}

/** A new, empty project at `dir` (untimed). */
function emptyProject(dir) {
  rmSync(join(ROOT, dir), { recursive: true, force: true });
  ensureOk(qcode(['init', '--project', dir]), 'qcode init');
  return dir;
}
