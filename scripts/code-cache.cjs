/**
 * Makes the V8 code cache of every bundle in dist/cli (scripts/bundle.mjs runs this, in a
 * node of its own so the cache matches the node that will run qcode). Each one-command bundle
 * first runs its command on a tiny made-up study, so that the cache also holds the compiled
 * code of the functions that command calls, not only of the bundle's top level: a further
 * ~4 ms off every run of it. Output of those runs goes nowhere (stdout is ignored).
 */
'use strict';
const { mkdtempSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { loadBundle } = require('../bin/qcode.js');

const CLI = join(__dirname, '..', 'dist', 'cli');

// Two short interviews with made-up participants (ours, written for this).
const TRANSCRIPTS = {
  'P01_T1.txt': [
    'Interviewer: How did the first weeks after the diagnosis go?',
    'P01: Honestly I kept the garden going, because it was the one thing I could still plan.',
    'Interviewer: And the people around you?',
    'P01: My sister phoned every evening. I worried about money more than about the illness.',
  ],
  'P02_T1.txt': [
    'Interviewer: What helped most?',
    'P02: Walking the dog. The nurse explained the tablets twice and I still lost track.',
    'Interviewer: Anything that made it harder?',
    'P02: The bills, and waiting for letters that never came on time.',
  ],
};

/** The runs that warm each one-command bundle, in this order. */
const WARM = {
  tag: [['tag', 'Worry', 'P01_T1', '--lines', '4', '--new'], ['tag', 'Worry', 'P02_T1', '--match', 'The bills']],
  untag: [['untag', 'Worry', 'P02_T1', '--match', 'The bills']],
  report: [['report', 'themes'], ['report', 'matrix'], ['report', 'cooccurrence'], ['report', 'trajectory'], ['report', 'saturation'],
    ['report', 'agreement', '--coders', 'ana,ben'], ['report', 'quotes', 'Worry'], ['report', 'framework']],
  codings: [['codings', '--json'], ['codings']],
  check: [['check']],
  codebook: [['codebook']],
  sources: [['sources']],
  cases: [['cases']],
  show: [['show', 'P01_T1']],
};

async function runIn(bundle, argv, project, coder) {
  process.argv = [process.execPath, 'qcode', ...argv, '--project', project, '--coder', coder];
  process.exitCode = undefined;
  await bundle.exports.main();
  const code = process.exitCode ?? 0;
  process.exitCode = undefined;
  if (code !== 0) throw new Error(`warming ${bundle.file}: qcode ${argv.join(' ')} exited with ${code}`);
}

async function main() {
  process.env.NO_COLOR = '1';
  const dir = mkdtempSync(join(tmpdir(), 'qcode-code-cache-'));
  try {
    const study = join(dir, 'study');
    const project = join(dir, 'project');
    require('node:fs').mkdirSync(study);
    for (const [name, lines] of Object.entries(TRANSCRIPTS)) writeFileSync(join(study, name), `${lines.join('\n')}\n`);
    const whole = loadBundle(join(CLI, 'qcode.cjs'));
    await runIn(whole, ['init'], project, 'ana');
    await runIn(whole, ['ingest', study, '--name-pattern', '{case}_T{wave}'], project, 'ana');
    await runIn(whole, ['tag', 'Garden', 'P01_T1', '--lines', '2', '--new'], project, 'ana');
    await runIn(whole, ['tag', 'Garden', 'P01_T1', '--lines', '2'], project, 'ben');
    await runIn(whole, ['tag', 'Worry', 'P02_T1', '--lines', '4', '--new'], project, 'ben');
    writeFileSync(`${whole.file}.cache`, whole.script.createCachedData());

    for (const name of readdirSync(CLI)) {
      const m = /^qcode-([a-z]+)\.cjs$/.exec(name);
      if (m === null) continue;
      const bundle = loadBundle(join(CLI, name));
      for (const argv of WARM[m[1]] ?? []) await runIn(bundle, argv, project, 'ana');
      writeFileSync(`${bundle.file}.cache`, bundle.script.createCachedData());
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`code-cache: ${e.stack ?? e}\n`);
  process.exit(1);
});
