/**
 * Runs the qcode CLI in this process (through bin/qcode.js) and, on exit, writes this
 * process's peak resident set size in KiB (VmHWM, see peakKiB) to the file
 * named by QCODE_BENCH_RSS_FILE. main() sets process.exitCode and never calls process.exit,
 * so the 'exit' event always fires unless V8 itself aborts.
 *
 *   QCODE_BENCH_RSS_FILE=/tmp/rss node bench/rss-wrap.mjs ingest DIR --project P --json
 */
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * This process's own peak RSS in KiB. On Linux getrusage's ru_maxrss is not the process's own:
 * a child starts with its parent's high-water mark (fork shares the parent's pages, and exec
 * keeps the mark), so a harness holding 200 MB of earlier outputs made every child "peak" at
 * 200 MB. /proc/self/status's VmHWM belongs to this address space alone.
 */
function peakKiB() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm !== null) return Number(hwm[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

const file = process.env.QCODE_BENCH_RSS_FILE;
if (file !== undefined && file !== '') {
  process.on('exit', () => writeFileSync(file, `${peakKiB()}\n`));
}
// What bin/qcode.js runs: the command's bundle with its code cache (process.argv has the same
// shape: node, this script, then qcode's arguments).
const { createRequire } = await import('node:module');
createRequire(import.meta.url)('../bin/qcode.js').run();
