#!/usr/bin/env node
/**
 * Benchmarks of the text queries (issue #11) on 1,000 one-hour transcripts (~9 M words) with
 * 100,000 codings: wall time against absolute targets, and CPU time (user + system) beside it,
 * which other work on a shared machine disturbs less.
 *
 * As a module it exports `benchmarks(ctx)` in bench/README.md's entry shape (custom `measure`),
 * for bench/run.mjs to add to its table. Run on its own, it builds what it needs and prints
 * a Markdown table:
 *
 *   node bench/query-benches.mjs [--project bench/work/100k] [--runs 3]
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, childEnv, ensureOk, formatSeconds, median, qcode, timeCommand } from './lib.mjs';

/** The text queries and their targets in seconds (issue #11). */
export const QUERIES = [
  { name: 'qcode words', args: ['words'], target: 3 },
  { name: 'qcode words --stem', args: ['words', '--stem'], target: 4 },
  { name: 'qcode words --by wave', args: ['words', '--by', 'wave'], target: 4 },
  { name: 'qcode search (a word)', args: ['search', 'sloxity'], target: 1 },
  { name: 'qcode search (a phrase)', args: ['search', '"work not"'], target: 1 },
  { name: 'qcode suggest "Code 1.1"', args: ['suggest', 'Code 1.1'], target: 3 },
];

let cpuFiles = 0;
/** Runs qcode in a child that writes its own CPU time (user + system, s) on exit; returns timeCommand's result plus `cpu`. */
export function timedWithCpu(args) {
  const file = join(tmpdir(), `qcode-bench-cpu-${process.pid}-${++cpuFiles}`);
  const code = `process.on('exit',()=>{const u=process.cpuUsage();require('node:fs').writeFileSync(${JSON.stringify(file)},String((u.user+u.system)/1e6))});import(${JSON.stringify(join(ROOT, 'dist/cli/main.js'))}).then((m)=>m.main())`;
  const r = timeCommand(process.execPath, ['-e', code, '--', 'bin/qcode.js', ...args], { env: childEnv() });
  let cpu = null;
  try {
    cpu = Number(readFileSync(file, 'utf8'));
    rmSync(file, { force: true });
  } catch {
    // the child died before its exit handler
  }
  return { ...r, cpu };
}

/** Median wall and CPU seconds of `runs` runs after one warm-up. */
export function measureQuery(project, args, runs = 3) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i <= runs; i++) {
    const r = ensureOk(timedWithCpu([...args, '--project', project]), `qcode ${args.join(' ')}`);
    if (i > 0) {
      wall.push(r.seconds);
      if (r.cpu !== null) cpu.push(r.cpu);
    }
  }
  return { wall: median(wall), cpu: cpu.length > 0 ? median(cpu) : null };
}

/** Entries for bench/run.mjs (bench/README.md): on the 100k project, absolute targets. */
export function benchmarks(ctx) {
  return QUERIES.map((q) => ({
    name: q.name,
    size: '100k',
    measure: (c = ctx) => {
      const m = measureQuery(c.project('100k'), q.args);
      return {
        measured: `${formatSeconds(m.wall)} wall, ${m.cpu === null ? '?' : formatSeconds(m.cpu)} CPU`,
        ratio: null,
        target: `< ${q.target} s`,
        ok: m.wall < q.target,
      };
    },
  }));
}

/** Standalone: corpus, ingest and codings as bench/run.mjs makes them, then the table. */
async function main() {
  const { values: opts } = parseArgs({ options: { project: { type: 'string', default: 'bench/work/100k' }, runs: { type: 'string', default: '3' } } });
  const project = opts.project;
  if (!existsSync(join(ROOT, project, 'qcode.db'))) {
    const { generateCorpus } = await import('./generate-corpus.mjs');
    const { seedCodings } = await import('./seed-codings.mjs');
    const corpus = generateCorpus(join(ROOT, 'bench/corpus/1000'), 1000, { seed: 1 });
    mkdirSync(join(ROOT, project), { recursive: true });
    ensureOk(qcode(['init', '--project', project]), 'qcode init');
    ensureOk(qcode(['ingest', corpus.dir, '--project', project, '--name-pattern', '{case}_T{wave}']), 'qcode ingest');
    seedCodings(join(ROOT, project, 'qcode.db'), 100);
  }
  const lines = ['| query (1,000 transcripts, 100,000 codings) | wall (median) | CPU user + system | target | verdict |', '| --- | ---: | ---: | --- | :---: |'];
  for (const q of QUERIES) {
    const m = measureQuery(project, q.args, Number(opts.runs));
    lines.push(`| \`${q.name}\` | ${formatSeconds(m.wall)} | ${m.cpu === null ? '?' : formatSeconds(m.cpu)} | < ${q.target} s | ${m.wall < q.target ? '✅' : '❌'} |`);
    process.stderr.write(`${lines[lines.length - 1]}\n`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
