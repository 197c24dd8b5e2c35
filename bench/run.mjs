#!/usr/bin/env node
/**
 * `npm run bench`: generates (or reuses) synthetic corpora, times qcode on them as child
 * processes, and writes Markdown tables of measured figures against the targets to stdout
 * and bench/results.md: ingest figures, and the speed targets of issue #12 as ratios to
 * `node -e 0` timed in the same run. Adding a benchmark is adding one entry (bench/README.md):
 * to `ratioBenchmarks` below, or in bench/bulk-benches.mjs, imported when present.
 *
 *   node bench/run.mjs [--sizes 1000] [--projects 100k,1m] [--seed 1] [--runs 15] [--ratio-runs 5]
 *   QCODE_BENCH_SIZES=100,1000 npm run bench
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from './generate-corpus.mjs';
import { PROJECTS, benchContext, ratioBenchmarks, runEntry } from './ratio.mjs';
import {
  ROOT, ensureOk, formatCount, formatMB, formatSeconds, kibToMB, peakRss, qcode, repeatTimed, warmPageCache,
} from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '15' },
    'ratio-runs': { type: 'string', default: '5' },
    projects: { type: 'string', default: '100k,1m' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    'skip-bulk': { type: 'boolean' },
  },
});
if (opts.help) {
  process.stdout.write('usage: npm run bench -- [--sizes 100,1000,10000] [--projects 100k,1m] [--ratio-runs N] [--only TEXT] [--seed N] [--runs N]\n');
  process.exit(0);
}
const sizesText = opts.sizes ?? process.env.QCODE_BENCH_SIZES ?? '1000';
// `--sizes none`: the ratio table alone, without the ingest runs.
const sizes = sizesText === 'none' ? [] : sizesText.split(',').map((s) => Number(s.trim()));
const seed = Number(opts.seed);
const runs = Number(opts.runs);
const ratioRuns = Number(opts['ratio-runs']);
const projectSizes = opts.projects.split(',').map((s) => s.trim()).filter((s) => s !== '');
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1 ||
  !Number.isInteger(ratioRuns) || ratioRuns < 1 || projectSizes.some((p) => !(p in PROJECTS))) {
  process.stderr.write('bench: --sizes takes positive integers separated by commas; --projects 100k and/or 1m; --seed, --runs and --ratio-runs integers\n');
  process.exit(2);
}
sizes.sort((a, b) => a - b);

const loadAtStart = os.loadavg()[0];
const log = (line) => process.stderr.write(`bench: ${line}\n`);
const corpusDir = (size) => `bench/corpus/${size}`;
const projectDir = (size) => `bench/work/${size}`;
const ingestArgs = (size) => ['ingest', corpusDir(size), '--project', projectDir(size), '--name-pattern', '{case}_T{wave}', '--json'];

// ---------------------------------------------------------------------------------------------
// Shared runs: each corpus is ingested once; the benchmarks below read figures off that run.

const ingests = new Map();

/** Generates/reuses the corpus of `size`, makes a fresh project and ingests it, once per size. */
function ingestRun(size) {
  if (ingests.has(size)) return ingests.get(size);
  const started = process.hrtime.bigint();
  const corpus = generateCorpus(join(ROOT, corpusDir(size)), size, { seed });
  const took = Number(process.hrtime.bigint() - started) / 1e9;
  log(`corpus ${size}: ${corpus.reused ? 'reused' : `generated in ${took.toFixed(1)} s`}`);
  const corpusBytes = warmPageCache(corpus.dir);
  const work = join(ROOT, projectDir(size));
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  ensureOk(qcode(['init', '--project', projectDir(size)]), 'qcode init');
  log(`ingest ${size}: running ${formatCount(size)} files (${formatMB(corpusBytes / 1e6)})…`);
  const r = peakRss(ingestArgs(size));
  const summary = r.status === 0 ? JSON.parse(r.stdout) : null;
  const words = summary === null ? null : summary.participantWords + summary.interviewerWords;
  const run = {
    ...r,
    stdout: undefined,
    size,
    summary,
    words,
    wordsPerSecond: words === null ? null : words / r.seconds,
    peakMB: r.peakRssKiB === null ? null : kibToMB(r.peakRssKiB),
    dbMB: fileMB(join(work, 'qcode.db')) + fileMB(join(work, 'qcode.db-wal')),
    corpusMB: corpusBytes / 1e6,
  };
  log(`ingest ${size}: ${r.status === 0 ? 'exit 0' : `FAILED (${r.status ?? r.signal})`} in ${formatSeconds(r.seconds)}, ` +
    `peak RSS ${run.peakMB === null ? '?' : formatMB(run.peakMB)}`);
  ingests.set(size, run);
  return run;
}

/** The ingest run of `size`, which must have exited 0. */
const ingested = (size) => ensureOk(ingestRun(size), `qcode ingest of ${size} files`);

function fileMB(path) {
  try {
    return statSync(path).size / 1e6;
  } catch {
    return 0;
  }
}

/** The project `qcode sources` is timed on: the 1,000-size one if run, else the largest. */
const sourcesSize = sizes.includes(1000) ? 1000 : sizes[sizes.length - 1];
let settled = false;
/** Times `qcode …args` `runs` times; first flushes the ingests' dirty pages so they do not add noise. */
const startup = (args) => {
  if (!settled) settled = spawnSync('sync', { stdio: 'ignore' }).status !== null;
  return repeatTimed(runs, () => qcode(args));
};
const formatStartup = (t) => `${formatSeconds(t.median)} (min ${formatSeconds(t.min)}, max ${formatSeconds(t.max)}, n=${t.runs})`;

// ---------------------------------------------------------------------------------------------
// The benchmarks: { name, size, run() → value, show(value) → text, target?, check?(value) → bool }.
// An entry without a target is reported for information (verdict —). A run() that throws is ❌.

const benchmarks = [
  ...sizes.flatMap((size) => [
    {
      name: 'ingest: wall time', size,
      run: () => ingested(size).seconds, show: formatSeconds,
      ...(size === 1000 && { target: '< 15 s', check: (s) => s < 15 }),
    },
    {
      name: 'ingest: throughput', size,
      run: () => ingested(size), show: (r) => `${(r.wordsPerSecond / 1e6).toFixed(2)} M words/s (${(r.words / 1e6).toFixed(2)} M words)`,
    },
    {
      name: 'ingest: peak RSS', size,
      run: () => ingested(size).peakMB, show: formatMB,
      ...(size === 1000 && { target: '< 500 MB', check: (mb) => mb < 500 }),
    },
    {
      name: 'ingest: qcode.db size', size,
      run: () => ingested(size).dbMB, show: (mb) => `${formatMB(mb)} (corpus ${formatMB(ingested(size).corpusMB)})`,
    },
  ]),
  ...(sizes.includes(10000) ? [{
    name: 'ingest: completes without running out of memory', size: 10000,
    run: () => ingestRun(10000),
    show: (r) => `${r.status === null ? `killed by ${r.signal}` : `exit ${r.status}`}, ${formatSeconds(r.seconds)}` +
      (r.peakMB === null ? '' : `, peak ${formatMB(r.peakMB)}`),
    target: 'exit 0', check: (r) => r.status === 0,
  }] : []),
  ...(sizes.length === 0 ? [] : [{
    name: 'startup: qcode sources --json', size: sourcesSize,
    run: () => (ingested(sourcesSize), startup(['sources', '--json', '--project', projectDir(sourcesSize)])),
    show: formatStartup,
  }]),
];

// ---------------------------------------------------------------------------------------------

const rows = [];
for (const b of benchmarks) {
  const hasTarget = b.check !== undefined;
  let measured;
  let verdict;
  try {
    const value = b.run();
    measured = b.show(value);
    verdict = hasTarget ? (b.check(value) ? '✅' : '❌') : '—';
  } catch (e) {
    measured = `failed: ${e instanceof Error ? e.message : String(e)}`;
    verdict = '❌';
  }
  log(`${b.name}${b.size === null ? '' : ` [${b.size}]`}: ${measured} ${verdict}`);
  rows.push([b.name, b.size === null ? '—' : formatCount(b.size), measured, b.target ?? '—', verdict]);
}

// ---------------------------------------------------------------------------------------------
// The ratio table of issue #12: ratio.mjs's entries, then the other bench modules' (--skip-bulk
// leaves out bench/bulk-benches.mjs).

const ctx = benchContext({ seed, ratioRuns, log });
let entries = ratioBenchmarks(ctx, projectSizes);
// Other engineers' rows, each module exporting benchmarks(ctx) → entries (bench/README.md).
for (const file of ['bulk-benches.mjs', 'memory-benches.mjs', 'query-benches.mjs', 'exchange-benches.mjs']) {
  if (!existsSync(join(ROOT, 'bench', file)) || (file === 'bulk-benches.mjs' && opts['skip-bulk'] === true)) continue;
  const more = await import(`./${file}`);
  if (typeof more.benchmarks === 'function') entries.push(...more.benchmarks(ctx).filter((e) => e.size == null || projectSizes.includes(e.size)));
}
if (opts.only !== undefined) entries = entries.filter((e) => e.name.includes(opts.only));
const ratioRows = [];
for (const e of entries) {
  const row = runEntry(e, ctx);
  log(`${row[0]} [${row[1]}]: ${row[2]} → ${row[3]} (target ${row[4]}) ${row[5]}`);
  ratioRows.push(row);
}

const markdown = render(rows, ratioRows);

process.stdout.write(markdown);
writeFileSync(join(ROOT, 'bench/results.md'), markdown);
log('wrote bench/results.md');
if (rows.some((r) => r[4] === '❌') || ratioRows.some((r) => r[5] === '❌')) process.exitCode = 1;

function render(tableRows, ratioTable) {
  const cpus = os.cpus();
  const escape = (s) => String(s).replaceAll('|', '\\|');
  const quote = (a) => (/^[\w./,=-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`);
  const argv = process.argv.slice(2).map(quote).join(' ');
  const command = process.env.npm_lifecycle_event === 'bench'
    ? `npm run bench${argv === '' ? '' : ` -- ${argv}`}`
    : `node bench/run.mjs${argv === '' ? '' : ` ${argv}`}`;
  const fromEnv = opts.sizes === undefined && process.env.QCODE_BENCH_SIZES !== undefined ? ` (QCODE_BENCH_SIZES=${process.env.QCODE_BENCH_SIZES})` : '';
  const version = qcode(['--version']).stdout.trim();
  const lines = [
    '# qcode benchmarks',
    '',
    `- date: ${new Date().toISOString()}`,
    `- qcode ${version}, ${gitDescription()}`,
    `- node ${process.version}, ${os.platform()} ${os.release()}`,
    `- CPU: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} cores; memory ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ` +
      `load average ${loadAtStart.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end (other work on the machine adds noise)`,
    `- command: \`${command}\`${fromEnv}`,
    `- ingest command: \`node bin/qcode.js ${ingestArgs('N').map(quote).join(' ')}\` (through bench/rss-wrap.mjs for peak RSS; N = size)`,
    `- corpora: synthetic one-hour transcripts of ~9,000 words (seed ${seed}), page cache warmed before each ingest;` +
      ' child processes run without NODE_EXTRA_CA_CERTS',
    '',
    '## Speed as a multiple of `node -e 0` (issue #12)',
    '',
    `Each command alternates with \`node -e 0\` in the same run; medians of ${ratioRuns} runs of each after one unmeasured run ` +
      '(a row whose first run is hopelessly slow is measured once). Projects: the 1,000 synthetic one-hour transcripts with ' +
      '100 or 1,000 codings per source by two coders (bench/seed-codings.mjs), built once in bench/work/100k and bench/work/1m.',
    '',
    '| command | project | measured | ratio | target | verdict |',
    '| --- | --- | --- | ---: | --- | :---: |',
    ...ratioTable.map((r) => `| ${r.map(escape).join(' | ')} |`),
    '',
    '## Ingest',
    '',
    '| benchmark | size | measured | target | verdict |',
    '| --- | ---: | --- | --- | :---: |',
    ...tableRows.map((r) => `| ${r.map(escape).join(' | ')} |`),
    '',
  ];
  const hyperfine = spawnSync('hyperfine', ['--version'], { stdio: 'ignore' }).status === 0;
  const p = sizes.length === 0 ? 'bench/work/100k' : projectDir(sourcesSize);
  lines.push(hyperfine
    ? `hyperfine is installed; the start-up figures can be cross-checked with\n\`env -u NODE_EXTRA_CA_CERTS hyperfine -N --warmup 1 --runs ${runs} 'node bin/qcode.js --version' 'node bin/qcode.js sources --json --project ${p}'\``
    : `hyperfine is not installed (Debian package \`hyperfine\`); see bench/README.md to cross-check these figures.`);
  lines.push('');
  return lines.join('\n');
}

function gitDescription() {
  const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'not a git checkout';
  const dirty = git('status', '--porcelain', '--', 'src').stdout.trim() !== '';
  return `commit ${head.stdout.trim()}${dirty ? ' + uncommitted changes in src/' : ''}`;
}
