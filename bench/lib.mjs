/**
 * Measuring helpers for the benchmarks: time a child process, read its peak RSS, take medians.
 * Children run with `NODE_EXTRA_CA_CERTS` removed from their environment: on machines that set
 * it every node start pays ~90 ms parsing certificates, which users do not (STYLE.md).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root; every command runs from here with repository-relative paths. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const QCODE_BIN = 'bin/qcode.js';
export const RSS_WRAP = 'bench/rss-wrap.mjs';

/** The environment of every child: ours without NODE_EXTRA_CA_CERTS or project/colour overrides. */
export function childEnv(extra = {}) {
  const env = { ...process.env, NO_COLOR: '1', ...extra };
  for (const name of ['NODE_EXTRA_CA_CERTS', 'QCODE_PROJECT', 'FORCE_COLOR', 'NODE_OPTIONS']) delete env[name];
  return env;
}

/**
 * Runs `command args` to completion and times it with process.hrtime around spawnSync.
 * Returns { seconds, status, signal, stdout, stderr }; status is null when a signal ended it.
 */
export function timeCommand(command, args, { cwd = ROOT, env = childEnv() } = {}) {
  const started = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.error !== undefined) throw r.error;
  return { seconds, status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `node bin/qcode.js …args`, as a user's shell would. */
export function qcode(args, options) {
  return timeCommand(process.execPath, [QCODE_BIN, ...args], options);
}

let rssFiles = 0;

/**
 * Runs qcode with `args` through bench/rss-wrap.mjs and returns timeCommand's result plus
 * `peakRssKiB`: the child's own peak RSS (VmHWM on Linux, see rss-wrap.mjs; KiB), or null when the child died
 * before its exit handler ran (e.g. a V8 out-of-memory abort).
 */
export function peakRss(args, options = {}) {
  const file = join(tmpdir(), `qcode-bench-rss-${process.pid}-${++rssFiles}`);
  rmSync(file, { force: true });
  const env = { ...(options.env ?? childEnv()), QCODE_BENCH_RSS_FILE: file };
  const result = timeCommand(process.execPath, [RSS_WRAP, ...args], { ...options, env });
  let peakRssKiB = null;
  try {
    peakRssKiB = Number(readFileSync(file, 'utf8'));
    rmSync(file, { force: true });
  } catch {
    // no file: the child never reached its exit handler
  }
  return { ...result, peakRssKiB };
}

/** The median of a non-empty list of numbers. */
export function median(values) {
  if (values.length === 0) throw new Error('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Runs `fn` (which returns a timeCommand result) `warmup` times unmeasured, then `runs` times,
 * and returns { median, min, max, runs } in seconds. A failing run is an error.
 */
export function repeatTimed(runs, fn, { warmup = 1 } = {}) {
  const seconds = [];
  for (let i = 0; i < warmup + runs; i++) {
    const r = ensureOk(fn(), 'command');
    if (i >= warmup) seconds.push(r.seconds);
  }
  return { median: median(seconds), min: Math.min(...seconds), max: Math.max(...seconds), runs };
}

/** Throws with the child's last stderr line unless it exited 0; returns the result otherwise. */
export function ensureOk(result, what) {
  if (result.status === 0) return result;
  const how = result.status === null ? `was killed by ${result.signal}` : `exited ${result.status}`;
  const last = result.stderr.trim().split('\n').pop() ?? '';
  throw new Error(`${what} ${how}${last === '' ? '' : `: ${last}`}`);
}

/** Reads every file of a folder once, so a timed run does not depend on what the page cache holds. */
export function warmPageCache(dir) {
  let bytes = 0;
  for (const name of readdirSync(dir)) bytes += readFileSync(join(dir, name)).length;
  return bytes;
}

export const formatSeconds = (s) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);
/** KiB (as getrusage reports) to decimal megabytes, the unit of the targets. */
export const kibToMB = (kib) => (kib * 1024) / 1e6;
export const formatMB = (mb) => `${mb.toFixed(0)} MB`;
export const formatCount = (n) => Math.round(n).toLocaleString('en-US');
