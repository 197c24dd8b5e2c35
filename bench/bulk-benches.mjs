#!/usr/bin/env node
/**
 * The bulk rows of issue #12's ratio table: `check`, `codings --json`, `codebook import` of
 * 20,000 codes, `tag --from` of 100,000 rows, and a re-ingest of 1,000 edited transcripts
 * against a first ingest of the same files. Each entry is the plain object bench/README.md
 * describes ("Adding a benchmark"); `benchmarks(ctx)` returns them for bench/run.mjs.
 *
 *   node bench/bulk-benches.mjs [--only TEXT] [--runs N]   # these rows alone, as a table
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { editCorpus } from './edit-corpus.mjs';
import { benchContext, runEntry } from './ratio.mjs';
import * as lib from './lib.mjs';

const { ROOT, ensureOk, formatMB, formatSeconds, kibToMB, median, peakRss, qcode } = lib;

/** Codes in the generated codebook: 200 themes of 99 codes, plus the themes. */
const CODEBOOK_CODES = 20_000;
/** Rows of the generated `tag --from` file: 100 per transcript of the 1,000. */
const TAG_ROWS = 100_000;

/** The entries, in table order. */
export function benchmarks(ctx) {
  const p = (dir, ...args) => [...args, '--project', dir];
  const out = (dir) => `${dir}-codings.json`;
  return [
    { name: '`qcode check`', size: '100k', target: 15, maxPeakMB: 300, args: (d) => p(d, 'check') },
    { name: '`qcode check`', size: '1m', target: 100, maxPeakMB: 300, args: (d) => p(d, 'check') },
    // To a file, as `> file` would: the bench must not hold 700 MB of output in its own memory.
    { name: '`qcode codings --json`', size: '100k', target: 5, maxPeakMB: 150, args: (d) => p(d, 'codings', '--json', '--out', out(d)) },
    { name: '`qcode codings --json`', size: '1m', target: 40, maxPeakMB: 150, args: (d) => p(d, 'codings', '--json', '--out', out(d)) },
    {
      name: '`codebook import` of 20,000 codes', size: null, target: 10,
      args: () => ['codebook', 'import', codebookFile(), '--project', 'bench/work/scratch-codebook', '--coder', 'bench'],
      prepare: () => settle(freshProject('bench/work/scratch-codebook')),
    },
    {
      name: '`tag --from` of 100,000 rows (CSV, `--lines`)', size: '100k', target: 40,
      args: () => ['tag', '--from', tagRowsFile(ctx), '--project', 'bench/work/scratch-tag-from', '--coder', 'bench'],
      prepare: () => settle(ctx.scratch('100k', 'tag-from')),
    },
    { name: 're-ingest of 1,000 edited transcripts (100,000 codings)', size: '100k', measure: () => reingest(ctx) },
  ];
}

/**
 * Flushes the copies a prepare step just wrote, so that their write-back does not land in the
 * timed run that follows (a 186 MB copy otherwise costs the next command seconds). Returns `dir`.
 */
function settle(dir) {
  spawnSync('sync', { stdio: 'ignore' });
  return dir;
}

/** A new, empty project at `dir` (untimed). */
function freshProject(dir) {
  rmSync(join(ROOT, dir), { recursive: true, force: true });
  mkdirSync(join(ROOT, dir), { recursive: true });
  ensureOk(qcode(['init', '--project', dir]), 'qcode init');
  return dir;
}

/** A codebook of 20,000 codes as users write them (once). */
function codebookFile() {
  const file = 'bench/work/codebook-20k.yaml';
  if (existsSync(join(ROOT, file))) return file;
  const lines = ['codes:'];
  const per = CODEBOOK_CODES / 200 - 1;
  for (let t = 1; t <= 200; t++) {
    lines.push(`  - name: Area ${t}`, `    description: Everything participants said about area ${t}.`, '    children:');
    for (let c = 1; c <= per; c++) lines.push(`      - name: Aspect ${t}.${c}`, `        description: "Talk about aspect ${c} of area ${t}: what, when and why."`);
  }
  mkdirSync(join(ROOT, 'bench/work'), { recursive: true });
  writeFileSync(join(ROOT, file), lines.join('\n') + '\n');
  return file;
}

/** 100 rows per transcript: seeded codes on two-line ranges, deterministic (once). */
function tagRowsFile(ctx) {
  const file = 'bench/work/tag-rows-100k.csv';
  if (existsSync(join(ROOT, file))) return file;
  const names = readdirSync(join(ROOT, ctx.corpus('100k'))).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
  let a = 7;
  const rnd = () => (a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296;
  const rows = ['code,source,lines'];
  for (const s of names) {
    for (let k = 0; k < TAG_ROWS / names.length; k++) {
      const line = 1 + Math.floor(rnd() * 120);
      rows.push(`Code ${1 + Math.floor(rnd() * 5)}.${1 + Math.floor(rnd() * 4)},${s},${line}-${line + 1}`);
    }
  }
  mkdirSync(join(ROOT, 'bench/work'), { recursive: true });
  writeFileSync(join(ROOT, file), rows.join('\n') + '\n');
  return file;
}

/**
 * Re-ingest of the edited corpus (bench/edit-corpus.mjs) into a copy of the 100k project, whose
 * 100,000 codings are all re-anchored, against a first ingest of the same edited files into an
 * empty project; alternating, medians of 3 runs each. Target: at most 3× the first ingest.
 */
function reingest(ctx) {
  const edited = editCorpus(join(ROOT, ctx.corpus('100k')), join(ROOT, 'bench/corpus/1000-edited'));
  lib.warmPageCache(edited.dir);
  const args = (dir) => ['ingest', 'bench/corpus/1000-edited', '--project', dir, '--name-pattern', '{case}_T{wave}', '--json'];
  const first = [];
  const again = [];
  let counts;
  let peak = 0;
  for (let i = 0; i < 3; i++) {
    settle(freshProject('bench/work/scratch-first-ingest'));
    first.push(ensureOk(qcode(args('bench/work/scratch-first-ingest')), 'first ingest').seconds);
    const dir = settle(ctx.scratch('100k', 'reingest'));
    const r = ensureOk(peakRss(args(dir)), 're-ingest');
    again.push(r.seconds);
    peak = Math.max(peak, r.peakRssKiB ?? 0);
    counts = JSON.parse(r.stdout).codings;
  }
  const ratio = median(again) / median(first);
  const placed = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
  return {
    measured: `${formatSeconds(median(again))} vs first ingest ${formatSeconds(median(first))} (n=3), peak ${formatMB(kibToMB(peak))}; codings: ${placed}`,
    ratio, target: '≤ 3× a first ingest', ok: ratio <= 3,
  };
}

// Standing alone: the context and row runner of bench/ratio.mjs, as bench/run.mjs uses them.

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { only: { type: 'string' }, runs: { type: 'string', default: '5' } } });
  const ctx = benchContext({ ratioRuns: Number(values.runs), log: (line) => process.stderr.write(`bench: ${line}\n`) });
  const rows = [];
  for (const e of benchmarks(ctx).filter((x) => values.only === undefined || x.name.includes(values.only) || x.size === values.only)) {
    const row = runEntry(e, ctx);
    process.stderr.write(`bench: ${row.join(' | ')}\n`);
    rows.push(row);
  }
  process.stdout.write(['| command | project | measured | ratio | target | verdict |', '| --- | --- | --- | ---: | --- | :---: |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n');
  if (rows.some((r) => r[5] === '❌')) process.exitCode = 1;
}
