/**
 * Runs the qcode CLI in this process (through bin/qcode.js) and, on exit, writes the CPU
 * time it used (user + system, in seconds) to the file named by QCODE_BENCH_CPU_FILE: on a
 * machine shared with other work, wall time measures the others too.
 *
 *   QCODE_BENCH_CPU_FILE=/tmp/cpu node bench/cpu-wrap.mjs export out.qdpx --project P
 */
import { writeFileSync } from 'node:fs';

const file = process.env.QCODE_BENCH_CPU_FILE;
if (file !== undefined && file !== '') {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, `${(u.userCPUTime + u.systemCPUTime) / 1e6}\n`);
  });
}
// What bin/qcode.js runs: the command's bundle with its code cache.
const { createRequire } = await import('node:module');
createRequire(import.meta.url)('../bin/qcode.js').run();
