#!/usr/bin/env node
import { readFileSync } from 'node:fs';

// `qcode --version` alone answers before loading anything (issue #12: ≤ 1.3× node's own start).
if (process.argv.length === 3 && (process.argv[2] === '--version' || process.argv[2] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  import('../dist/cli/main.js').then((m) => m.main());
}
