/**
 * Runs the qcode CLI in this process (as bin/qcode.js does) and, on exit, writes this
 * process's peak resident set size in KiB (process.resourceUsage().maxRSS) to the file
 * named by QCODE_BENCH_RSS_FILE. main() sets process.exitCode and never calls process.exit,
 * so the 'exit' event always fires unless V8 itself aborts.
 *
 *   QCODE_BENCH_RSS_FILE=/tmp/rss node bench/rss-wrap.mjs ingest DIR --project P --json
 */
import { writeFileSync } from 'node:fs';

const file = process.env.QCODE_BENCH_RSS_FILE;
if (file !== undefined && file !== '') {
  process.on('exit', () => writeFileSync(file, `${process.resourceUsage().maxRSS}\n`));
}
const { main } = await import('../dist/cli/main.js');
await main();
