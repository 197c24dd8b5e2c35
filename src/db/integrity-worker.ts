/**
 * SQLite's checks on other cores: a worker thread with its own read-only connection runs
 * `PRAGMA integrity_check` or `PRAGMA foreign_key_check` (pure SQLite, no JavaScript) while
 * the main thread does qcode's own checks, and the main thread then waits for its answer.
 * The wait is synchronous (Atomics.wait, then receiveMessageOnPort), so `checkProject`
 * stays a plain function.
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** The checks a worker can run. */
export type WorkerCheck = 'integrity_check' | 'foreign_key_check';

/** What the worker answers: the pragma's rows, or why it could not run. */
type Answer = { rows: unknown[] } | { error: string };

// Plain CommonJS evaluated by the worker. The flag goes to 1 as it starts and to 2 when it has
// answered, whatever happens, so the wait ends.
const WORKER = `
const { workerData } = require('node:worker_threads');
const { file, module, binding, check, port, flag } = workerData;
const done = new Int32Array(flag);
// Given up already (3) when it started too late: then it does nothing.
if (Atomics.compareExchange(done, 0, 0, 1) === 0) {
  Atomics.notify(done, 0);
  let answer;
  try {
    const Database = require(module);
    const db = new Database(file, binding === null ? { readonly: true, fileMustExist: true } : { readonly: true, fileMustExist: true, nativeBinding: binding });
    try {
      db.pragma('busy_timeout = 5000');
      if (check === 'integrity_check') db.pragma('cache_size = -32768');
      answer = { rows: db.pragma(check === 'foreign_key_check' ? 'foreign_key_check' : 'integrity_check') };
    } finally {
      db.close();
    }
  } catch (e) {
    answer = { error: String(e && e.message || e) };
  } finally {
    try { port.postMessage(answer ?? { error: 'no answer' }); } finally { Atomics.store(done, 0, 2); Atomics.notify(done, 0); }
  }
}
`;

/**
 * Starts `PRAGMA <check>` of the database file on a worker thread; the function it returns
 * waits for the rows (as `db.pragma` gives them), or undefined when the worker could not
 * run the check (the caller then runs it itself).
 */
export function startCheck(file: string, check: WorkerCheck): () => unknown[] | undefined {
  let worker: Worker;
  const flag = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  try {
    const require = createRequire(import.meta.url);
    let binding: string | null = null;
    try {
      binding = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    } catch {
      binding = null;
    }
    worker = new Worker(WORKER, {
      eval: true,
      workerData: { file, module: require.resolve('better-sqlite3'), binding, check, port: port2, flag },
      transferList: [port2],
      stdout: true,
      stderr: true,
    });
  } catch {
    port1.close();
    return () => undefined;
  }
  worker.unref();
  return () => {
    const state = new Int32Array(flag);
    // A thread that has not started within a minute (the system out of threads or memory)
    // is given up: the caller runs the check itself. Once started, it always answers.
    if (Atomics.wait(state, 0, 0, 60_000) === 'timed-out' && Atomics.compareExchange(state, 0, 0, 3) === 0) {
      port1.close();
      void worker.terminate();
      return undefined;
    }
    while (Atomics.load(state, 0) === 1) Atomics.wait(state, 0, 1);
    const answer = receiveMessageOnPort(port1)?.message as Answer | undefined;
    port1.close();
    void worker.terminate();
    return answer !== undefined && 'rows' in answer ? answer.rows : undefined;
  };
}
