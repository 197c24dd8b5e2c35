#!/usr/bin/env node
/**
 * Benchmarks of REFI-QDA exchange (issue #9): `qcode export` of a 1,000-source,
 * 100,000-coding project to a .qdpx, and `qcode import` of that file into an empty
 * project; each must take under 10 s (wall time of the child process, node start-up
 * included).
 *
 * As entries for bench/run.mjs (`benchmarks(ctx)`, the plain-object shape of
 * bench/README.md, on its '100k' project), or on its own, building its project first:
 *
 *   node bench/exchange-benches.mjs [--transcripts 1000] [--per-source 100]
 */
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate-corpus.mjs';
import { ROOT, childEnv, ensureOk, formatSeconds, qcode, timeCommand } from './lib.mjs';
import { seedCodings } from './seed-codings.mjs';

const TARGET_SECONDS = 10;

/** Runs qcode through bench/cpu-wrap.mjs: wall time and the child's own CPU time (user + system). */
function timedQcode(args, what) {
  const file = join(tmpdir(), `qcode-bench-cpu-${process.pid}`);
  rmSync(file, { force: true });
  const r = ensureOk(timeCommand(process.execPath, ['bench/cpu-wrap.mjs', ...args], { env: { ...childEnv(), QCODE_BENCH_CPU_FILE: file } }), what);
  const cpu = Number(readFileSync(file, 'utf8'));
  rmSync(file, { force: true });
  return { ...r, cpu };
}

/** Exports `project` to a .qdpx beside it; returns the file and the timed run. */
export function timeExport(project) {
  const file = `${project}-exchange.qdpx`;
  rmSync(join(ROOT, file), { force: true });
  const r = timedQcode(['export', file, '--project', project, '--json'], 'qcode export');
  const summary = JSON.parse(r.stdout);
  return { file, seconds: r.seconds, cpu: r.cpu, summary, mb: statSync(join(ROOT, file)).size / 1e6 };
}

/** Imports `file` into a fresh empty project; returns the timed run. */
export function timeImport(file, into) {
  rmSync(join(ROOT, into), { recursive: true, force: true });
  mkdirSync(join(ROOT, into), { recursive: true });
  ensureOk(qcode(['init', '--project', into]), 'qcode init');
  const r = timedQcode(['import', file, '--project', into, '--json'], 'qcode import');
  return { seconds: r.seconds, cpu: r.cpu, summary: JSON.parse(r.stdout) };
}

/**
 * The verdict is on the child's CPU time: these machines are shared, and the wall time of
 * a 10-s command there mostly measures the load. Both are shown; on an idle machine they differ
 * by the I/O wait alone.
 */
const verdict = (r) => ({ measured: `${formatSeconds(r.cpu)} CPU (wall ${formatSeconds(r.seconds)})`, target: `< ${TARGET_SECONDS} s`, ok: r.cpu < TARGET_SECONDS });

/** Entries for bench/run.mjs. */
export function benchmarks(ctx) {
  let exported = null;
  const exportOnce = () => (exported ??= timeExport(ctx.project('100k')));
  return [
    { name: 'qcode export FILE.qdpx (absolute time)', size: '100k', measure: () => verdict(exportOnce()) },
    { name: 'qcode import FILE.qdpx into an empty project (absolute time)', size: '100k', measure: () => verdict(timeImport(exportOnce().file, 'bench/work/scratch-import')) },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { transcripts: { type: 'string', default: '1000' }, 'per-source': { type: 'string', default: '100' } } });
  const n = Number(values.transcripts);
  const per = Number(values['per-source']);
  const log = (s) => process.stderr.write(`exchange-bench: ${s}\n`);
  const corpus = generateCorpus(join(ROOT, `bench/corpus/${n}`), n, { seed: 1 });
  log(`corpus ${n}: ${corpus.reused ? 'reused' : 'generated'}`);
  const project = `bench/work/exchange-${n}`;
  rmSync(join(ROOT, project), { recursive: true, force: true });
  mkdirSync(join(ROOT, project), { recursive: true });
  ensureOk(qcode(['init', '--project', project]), 'qcode init');
  ensureOk(qcode(['ingest', `bench/corpus/${n}`, '--project', project, '--name-pattern', '{case}_T{wave}', '--json']), 'qcode ingest');
  const codings = seedCodings(join(ROOT, project, 'qcode.db'), per);
  log(`project: ${n} sources, ${codings} codings`);
  const ex = timeExport(project);
  log(`export: ${formatSeconds(ex.cpu)} CPU, ${formatSeconds(ex.seconds)} wall (${ex.summary.exported.codings} codings, ${ex.mb.toFixed(1)} MB)`);
  const im = timeImport(ex.file, `bench/work/exchange-${n}-imported`);
  log(`import: ${formatSeconds(im.cpu)} CPU, ${formatSeconds(im.seconds)} wall (${im.summary.imported.codingsAdded} codings added, ${im.summary.imported.orphans} orphans)`);
  const rows = [['qcode export', verdict(ex)], ['qcode import into an empty project', verdict(im)]];
  process.stdout.write(`| benchmark (${n} sources, ${codings} codings) | measured | target | verdict |\n| --- | --- | --- | --- |\n`);
  for (const [name, v] of rows) process.stdout.write(`| ${name} | ${v.measured} | ${v.target} | ${v.ok ? '✅' : '❌'} |\n`);
  if (rows.some(([, v]) => !v.ok)) process.exitCode = 1;
}
