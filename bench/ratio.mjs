/**
 * The speed targets of issue #12, measured as ratios: each command is timed against
 * `node -e 0` in the same run, the two alternating (a shared machine drifts by 2× from hour
 * to hour; the ratio holds), and the figure is median(command) ÷ median(`node -e 0`).
 * Entries are plain objects (bench/README.md, "Adding a benchmark"); bench/bulk-benches.mjs
 * adds its own through the same context.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from './generate-corpus.mjs';
import { seedCodings } from './seed-codings.mjs';
import * as lib from './lib.mjs';

const { ROOT, ensureOk, median, peakRss, qcode, timeCommand, kibToMB, formatSeconds, formatMB, formatCount } = lib;

/** The two projects: the corpus of 1,000 one-hour transcripts with 100 or 1,000 codings per source. */
export const PROJECTS = {
  '100k': { transcripts: 1000, perSource: 100, label: '100,000 codings' },
  '1m': { transcripts: 1000, perSource: 1000, label: '1,000,000 codings' },
};

/** The context handed to every entry (bench/README.md). */
export function benchContext({ seed = 1, ratioRuns = 5, log = () => {} } = {}) {
  const corpus = (size) => `bench/corpus/${PROJECTS[size].transcripts}`;
  const project = (size) => {
    const dir = `bench/work/${size}`;
    const marker = join(ROOT, dir, '.complete');
    if (existsSync(marker)) return dir;
    const { transcripts, perSource } = PROJECTS[size];
    generateCorpus(join(ROOT, corpus(size)), transcripts, { seed });
    rmSync(join(ROOT, dir), { recursive: true, force: true });
    mkdirSync(join(ROOT, dir), { recursive: true });
    log(`project ${size}: ingesting ${transcripts} transcripts and seeding ${perSource} codings per source (once; reused later)…`);
    ensureOk(qcode(['init', '--project', dir]), 'qcode init');
    ensureOk(qcode(['ingest', corpus(size), '--project', dir, '--name-pattern', '{case}_T{wave}', '--json']), 'qcode ingest');
    const n = seedCodings(join(ROOT, dir, 'qcode.db'), perSource);
    // One report builds the report index, as a user's first report after coding would.
    ensureOk(qcode(['report', 'themes', '--project', dir]), 'first report');
    writeFileSync(marker, `${n}\n`);
    return dir;
  };
  const scratch = (size, name) => {
    const from = project(size);
    const dir = `bench/work/scratch-${name}`;
    rmSync(join(ROOT, dir), { recursive: true, force: true });
    mkdirSync(join(ROOT, dir), { recursive: true });
    // The database alone: its WAL was checkpointed when the last writer closed.
    copyFileSync(join(ROOT, from, 'qcode.db'), join(ROOT, dir, 'qcode.db'));
    return dir;
  };
  const baseline = () => timeCommand(process.execPath, ['-e', '0']);
  /**
   * Times `argsOrFn` against `node -e 0`, alternating, after one unmeasured run of each.
   * `giveUpAt`: a first measured run slower than this many seconds is not repeated (a
   * hopeless row must not hold the run for minutes): the figure is then that single run. The
   * warm-up does not count (it may migrate the project or build the report index).
   */
  const timeRatio = (argsOrFn, { prepare, runs = ratioRuns, rss = false, giveUpAt = Infinity } = {}) => {
    const run = typeof argsOrFn === 'function' ? argsOrFn : () => (rss ? peakRss(argsOrFn) : qcode(argsOrFn));
    const times = [];
    const bases = [];
    let peakKiB = null;
    for (let i = 0; i <= runs; i++) {
      prepare?.();
      const r = ensureOk(run(), 'command');
      if (r.peakRssKiB != null) peakKiB = Math.max(peakKiB ?? 0, r.peakRssKiB);
      const b = ensureOk(baseline(), 'node -e 0');
      if (i === 0) continue;
      times.push(r.seconds);
      bases.push(b.seconds);
      if (i === 1 && r.seconds > giveUpAt) break;
    }
    const m = median(times);
    const base = median(bases);
    return { median: m, baseline: base, ratio: m / base, runs: times.length, peakMB: peakKiB === null ? null : kibToMB(peakKiB) };
  };
  return { ...lib, seed, ratioRuns, log, project, scratch, corpus, timeRatio };
}

/** Runs one entry; returns the table row [command, codings, measured, ratio, target, verdict]. */
export function runEntry(entry, ctx) {
  const size = entry.size == null ? '—' : PROJECTS[entry.size]?.label ?? String(entry.size);
  try {
    if (entry.measure !== undefined) {
      const m = entry.measure(ctx);
      return [entry.name, size, m.measured, m.ratio == null ? '—' : `${m.ratio.toFixed(2)}×`, m.target ?? '—', m.ok === undefined ? '—' : m.ok ? '✅' : '❌'];
    }
    const dir = entry.size == null ? null : ctx.project(entry.size);
    const giveUpAt = entry.target === undefined ? Infinity : 0.15 * entry.target * 4;
    const t = ctx.timeRatio(entry.args(dir), { prepare: entry.prepare && (() => entry.prepare(dir)), runs: entry.runs, rss: entry.maxPeakMB !== undefined, giveUpAt });
    const memOk = entry.maxPeakMB === undefined || (t.peakMB !== null && t.peakMB <= entry.maxPeakMB);
    // A row with a memory bound and no ratio target is judged on its memory alone.
    const ok = entry.target === undefined ? (entry.maxPeakMB === undefined ? undefined : memOk) : t.ratio <= entry.target && memOk;
    const measured = `${formatSeconds(t.median)} (node -e 0: ${formatSeconds(t.baseline)}; n=${t.runs})` + (t.peakMB === null ? '' : `, peak ${formatMB(t.peakMB)}`);
    const bound = entry.maxPeakMB === undefined ? '' : `≤ ${entry.maxPeakMB} MB`;
    const target = entry.target === undefined ? bound || '—' : `≤ ${entry.target}×${bound === '' ? '' : `, ${bound}`}`;
    return [entry.name, size, measured, `${t.ratio.toFixed(2)}×`, target, ok === undefined ? '—' : ok ? '✅' : '❌'];
  } catch (e) {
    return [entry.name, size, `failed: ${e instanceof Error ? e.message : String(e)}`, '—', entry.target === undefined ? '—' : `≤ ${entry.target}×`, '❌'];
  }
}

/** `node -e` writing `bytes` bytes to its stdout, timed as a command. */
function printing(bytes) {
  const script = `const b = Buffer.alloc(${bytes}, 97); for (let o = 0; o < b.length;) o += require('node:fs').writeSync(1, b, o);`;
  return timeCommand(process.execPath, ['-e', script]);
}

/** A phrase of P001_T1 for `tag --match`: the first eight words after line 5's label. */
function matchPhrase(ctx, size) {
  const line = readFileSync(join(ROOT, ctx.corpus(size), 'P001_T1.txt'), 'utf8').split('\n')[4] ?? '';
  return line.replace(/^[^:]*:\s*/, '').split(' ').slice(0, 8).join(' ');
}

/** This module's entries: start-up, tag, and every report kind, on both projects. */
export function ratioBenchmarks(ctx, projects = Object.keys(PROJECTS)) {
  const p = (dir, ...args) => [...args, '--project', dir];
  const entries = [{ name: '`qcode --version`', size: null, target: 1.3, args: () => ['--version'] }];
  for (const size of projects) {
    const big = size === '1m';
    const report = big ? 15 : 3;
    const passages = big ? 30 : 5;
    entries.push(
      { name: '`qcode tag … --lines`', size, target: big ? 2 : 1.6, args: (d) => p(d, 'tag', 'Code 1.1', 'P001_T1', '--lines', '5-6', '--coder', 'bench') },
      { name: '`qcode tag … --match`', size, target: big ? 2 : 1.6, args: (d) => p(d, 'tag', 'Code 1.2', 'P001_T1', '--match', matchPhrase(ctx, size), '--coder', 'bench') },
      { name: '`report themes` (with quotes)', size, target: report, args: (d) => p(d, 'report', 'themes') },
      { name: '`report matrix`', size, target: report, args: (d) => p(d, 'report', 'matrix') },
      { name: '`report cooccurrence`', size, target: report, args: (d) => p(d, 'report', 'cooccurrence') },
      { name: '`report trajectory`', size, target: report, args: (d) => p(d, 'report', 'trajectory') },
      { name: '`report saturation`', size, target: report, args: (d) => p(d, 'report', 'saturation') },
      { name: '`report agreement --coders ana,ben`', size, target: report, args: (d) => p(d, 'report', 'agreement', '--coders', 'ana,ben') },
      { name: '`report framework`', size, target: passages, args: (d) => p(d, 'report', 'framework') },
      { name: '`report quotes "Code 1.1"`', size, target: passages, args: (d) => p(d, 'report', 'quotes', 'Code 1.1') },
      // No target: what printing `report framework`'s output alone costs through the pipe the
      // harness reads, as a shell's would (50 MB at 100,000 codings, 258 MB at 1,000,000).
      { name: `reference: \`node -e\` printing ${big ? 258 : 50} MB`, size, args: () => () => printing(big ? 258e6 : 50e6) },
    );
  }
  return entries;
}

export { formatCount };
