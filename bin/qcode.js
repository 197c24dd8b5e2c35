#!/usr/bin/env node
'use strict';
// CommonJS on purpose (bin/package.json): Node starts a CommonJS entry without the ES module
// loader, which alone costs `--version` about a quarter of node's own start-up (issue #12: ≤ 1.3×).
// The CLI itself is ES modules, loaded by the dynamic import below.

// `qcode --version` alone answers before loading anything.
if (process.argv.length === 3 && (process.argv[2] === '--version' || process.argv[2] === '-V')) {
  const { readFileSync } = require('node:fs');
  const { join } = require('node:path');
  process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
} else {
  import('../dist/cli/main.js').then((m) => m.main());
}
