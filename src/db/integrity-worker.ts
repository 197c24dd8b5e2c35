/**
 * SQLite's integrity check on a second core: a worker thread with its own read-only
 * connection runs `PRAGMA integrity_check` (pure SQLite, no JavaScript) while the main thread
 * does qcode's own checks, and the main thread then waits for its answer. The wait is
 * synchronous (Atomics.wait, then receiveMessageOnPort), so `checkProject` stays a plain
 * function.
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** What the worker answers: the check's rows ('ok' or the problems), or why it could not run. */
type Answer = { rows: string[] } | { error: string };

// Plain CommonJS evaluated by the worker; it sets the flag whatever happens, so the wait ends.
const WORKER = `
const { workerData } = require('node:worker_threads');
const { file, module, binding, port, flag } = workerData;
const done = new Int32Array(flag);
let answer;
try {
  const Database = require(module);
  const db = new Database(file, binding === null ? { readonly: true, fileMustExist: true } : { readonly: true, fileMustExist: true, nativeBinding: binding });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -32768');
    answer = { rows: db.pragma('integrity_check').map((r) => String(r.integrity_check)) };
  } finally {
    db.close();
  }
} catch (e) {
  answer = { error: String(e && e.message || e) };
} finally {
  try { port.postMessage(answer ?? { error: 'no answer' }); } finally { Atomics.store(done, 0, 1); Atomics.notify(done, 0); }
}
`;

/**
 * Starts `PRAGMA integrity_check` of the database file on a worker thread; the function it
 * returns waits for the rows ('ok' or the problems), or undefined when the worker could not
 * run the check (the caller then runs it itself).
 */
export function startIntegrityCheck(file: string): () => string[] | undefined {
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
      workerData: { file, module: require.resolve('better-sqlite3'), binding, port: port2, flag },
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
    Atomics.wait(new Int32Array(flag), 0, 0);
    const answer = receiveMessageOnPort(port1)?.message as Answer | undefined;
    port1.close();
    void worker.terminate();
    return answer !== undefined && 'rows' in answer ? answer.rows : undefined;
  };
}
