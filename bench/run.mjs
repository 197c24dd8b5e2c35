#!/usr/bin/env node
/**
 * `npm run bench`: generates (or reuses) synthetic corpora, times qcode on them as child
 * processes, and writes a Markdown table of measured figures against the targets to stdout
 * and bench/results.md. Adding a benchmark is adding one entry to `benchmarks` below.
 *
 *   node bench/run.mjs [--sizes 100,1000,10000] [--seed 1] [--runs 15]
 *   QCODE_BENCH_SIZES=100,1000 npm run bench
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from './generate-corpus.mjs';
import { seedCodings } from './seed-codings.mjs';
import {
  ROOT, ensureOk, formatCount, formatMB, formatSeconds, kibToMB, peakRss, qcode, repeatTimed, warmPageCache,
} from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '15' },
    help: { type: 'boolean', short: 'h' },
    'skip-bulk': { type: 'boolean' },
  },
});
if (opts.help) {
  process.stdout.write('usage: npm run bench -- [--sizes 100,1000,10000] [--seed N] [--runs N]\n');
  process.exit(0);
}
const sizes = (opts.sizes ?? process.env.QCODE_BENCH_SIZES ?? '100,1000,10000').split(',').map((s) => Number(s.trim()));
const seed = Number(opts.seed);
const runs = Number(opts.runs);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('bench: --sizes takes positive integers separated by commas; --seed and --runs integers\n');
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
  {
    name: 'startup: qcode --version', size: null,
    run: () => startup(['--version']), show: formatStartup,
    target: '< 150 ms (median)', check: (t) => t.median < 0.15,
  },
  {
    name: 'startup: qcode sources --json', size: sourcesSize,
    run: () => (ingested(sourcesSize), startup(['sources', '--json', '--project', projectDir(sourcesSize)])),
    show: formatStartup,
  },
  ...(sizes.includes(1000) ? [
    {
      name: 'seed: codebook and codings (two coders)', size: 1000,
      run: () => seeded(1000), show: (n) => `${formatCount(n)} codings`,
    },
    {
      name: 'tag: qcode tag … --lines (project of 100,000 codings)', size: 1000,
      run: () => (seeded(1000), startup(['tag', 'Code 1.1', 'P001_T1', '--lines', '5-6', '--coder', 'bench', '--project', projectDir(1000)])),
      show: formatStartup, target: '< 150 ms (median)', check: (t) => t.median < 0.15,
    },
    {
      name: 'report: qcode report themes (100,000 codings)', size: 1000,
      run: () => (seeded(1000), startup(['report', 'themes', '--project', projectDir(1000)])),
      show: formatStartup, target: '< 1 s (median)', check: (t) => t.median < 1,
    },
    {
      name: 'report: qcode report agreement --coders ana,ben', size: 1000,
      run: () => (seeded(1000), startup(['report', 'agreement', '--coders', 'ana,ben', '--project', projectDir(1000)])),
      show: formatStartup, target: '< 2 s (median)', check: (t) => t.median < 2,
    },
  ] : []),
];

// The bulk rows of issue #12 (check, codings, codebook import, tag --from, re-ingest), as
// ratios to `node -e 0`: bench/bulk-benches.mjs, with its own context until the ratio harness
// hands one.
if (opts['skip-bulk'] !== true) {
  const bulk = await import('./bulk-benches.mjs');
  const bulkCtx = bulk.standaloneContext({ log });
  for (const e of bulk.benchmarks(bulkCtx)) {
    benchmarks.push({
      name: `${e.name}${e.size == null ? '' : ` (project ${e.size})`}`, size: null,
      run: () => bulk.runStandalone(e, bulkCtx), show: (row) => `${row[2]}; ratio ${row[3]}`,
      target: e.target === undefined ? '≤ 3× a first ingest' : `≤ ${e.target}× node -e 0${e.maxPeakMB === undefined ? '' : `, ≤ ${e.maxPeakMB} MB`}`,
      check: (row) => row[5] === '✅',
    });
  }
}

const seeds = new Map();
/** Seeds the codebook and codings into the ingested project of `size`, once. */
function seeded(size) {
  if (!seeds.has(size)) {
    ingested(size);
    seeds.set(size, seedCodings(join(ROOT, projectDir(size), 'qcode.db'), 100));
    log(`seeded ${seeds.get(size)} codings into the ${size} project`);
  }
  return seeds.get(size);
}

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

const markdown = render(rows);
process.stdout.write(markdown);
writeFileSync(join(ROOT, 'bench/results.md'), markdown);
log('wrote bench/results.md');
if (rows.some((r) => r[4] === '❌')) process.exitCode = 1;

function render(tableRows) {
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
    '| benchmark | size | measured | target | verdict |',
    '| --- | ---: | --- | --- | :---: |',
    ...tableRows.map((r) => `| ${r.map(escape).join(' | ')} |`),
    '',
  ];
  const hyperfine = spawnSync('hyperfine', ['--version'], { stdio: 'ignore' }).status === 0;
  const p = projectDir(sourcesSize);
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
