#!/usr/bin/env node
'use strict';
// CommonJS on purpose (bin/package.json): Node starts a CommonJS entry without the ES module
// loader. Every millisecond of start-up counts (issue #12: `tag` within 1.6× of `node -e 0`).
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const CLI = join(__dirname, '..', 'dist', 'cli');
/** Global options that take a value (as in src/cli/program.ts). */
const VALUE_OPTIONS = new Set(['--project', '--coder']);

/**
 * A bundle made by scripts/bundle.mjs, compiled as a vm.Script with the V8 code cache made for
 * it at build time, so V8 does not parse and compile it anew on every run. Undefined when
 * there is no such bundle.
 */
function loadBundle(file) {
  let source;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    cachedData = undefined;
  }
  const vm = require('node:vm');
  const { createRequire } = require('node:module');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  // The few ES-module-only dependencies left outside the bundle are loaded by this file's
  // import() (see src/core/external-module.ts).
  globalThis[Symbol.for('qcode.import')] = (specifier) => import(specifier);
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  const cache = cachedData === undefined ? 'missing' : script.cachedDataRejected === true ? 'rejected' : 'used';
  return { file, exports: mod.exports, script, cache };
}

/** The command argv asks for, as src/cli/program.ts's invokedCommand finds it. */
function commandWord(argv) {
  const words = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    words.push(a);
  }
  return words[0] === 'help' ? words[1] : words[0];
}

/** The bundle of the command asked for if there is one (and it agrees), else the whole CLI. */
function bundleFor(argv) {
  const word = commandWord(argv);
  if (word !== undefined && /^[a-z]+$/.test(word)) {
    const one = loadBundle(join(CLI, `qcode-${word}.cjs`));
    if (one !== undefined && one.exports.invokedCommand(argv) === word) return one;
  }
  return loadBundle(join(CLI, 'qcode.cjs'));
}

function run() {
  const argv = process.argv.slice(2);
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    // `qcode --version` alone answers before loading anything.
    process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
    return;
  }
  const bundle = bundleFor(argv);
  if (process.env.QCODE_DEBUG_STARTUP === '1') {
    const how = bundle === undefined ? 'the ES modules of dist/ (no bundle)' : `${bundle.file} (code cache ${bundle.cache})`;
    process.stderr.write(`qcode: started from ${how}\n`);
  }
  if (bundle !== undefined) bundle.exports.main();
  else import('../dist/cli/main.js').then((m) => m.main());
}

// Run as a program; required (scripts/code-cache.cjs, bench/rss-wrap.mjs) it only exports.
if (require.main === module) run();
else module.exports = { loadBundle, run };
