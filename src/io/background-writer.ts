/**
 * Writes to a file descriptor on a thread of its own, so that a long listing's reading and its
 * writing share two cores instead of taking turns. The caller copies its chunks into a ring of
 * shared memory and goes on; the writer thread writes the ring out in order. The ring is the
 * only buffer (the caller waits when it is full), so memory stays flat; `drain` waits for the
 * last byte and reports the first error.
 */
import { Worker } from 'node:worker_threads';

// Plain CommonJS evaluated by the worker. state[0]: bytes in the ring not yet written;
// state[1]: 1 once the caller is done; state[2]: the length of the code of a failed write,
// whose characters follow in `code` (later bytes are then dropped, so nobody waits for ever).
const WORKER = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const { fd, ring, shared } = workerData;
const bytes = Buffer.from(ring);
const state = new Int32Array(shared, 0, 3);
const code = new Uint8Array(shared, 12);
let at = 0;
for (;;) {
  const pending = Atomics.load(state, 0);
  if (pending === 0) {
    if (Atomics.load(state, 1) === 1) break;
    Atomics.wait(state, 0, 0);
    continue;
  }
  const n = Math.min(pending, bytes.length - at);
  if (Atomics.load(state, 2) === 0) {
    try {
      for (let done = 0; done < n; ) done += writeSync(fd, bytes, at + done, n - done);
    } catch (e) {
      const text = Buffer.from(String((e && e.code) || 'error').slice(0, code.length));
      code.set(text);
      Atomics.store(state, 2, text.length);
    }
  }
  at = (at + n) % bytes.length;
  Atomics.sub(state, 0, n);
  Atomics.notify(state, 0);
}
`;

export interface BackgroundWriter {
  /** Copies a chunk into the ring, waiting for room; throws an earlier failure. */
  write(chunk: Uint8Array): void;
  /** Waits until every byte is written; throws the first failure. */
  drain(): void;
  /** Ends the thread (after `drain`, or to give up). */
  stop(): void;
}

/** The error of a failed background write: `code` as Node gives it (ENOSPC, EBADF, …). */
export class BackgroundWriteError extends Error {
  constructor(readonly code: string) {
    super(`write failed (${code})`);
  }
}

/** A writer thread for `fd`, or undefined when no thread can be started (write directly then). */
export function backgroundWriter(fd: number, size = 4 << 20): BackgroundWriter | undefined {
  const ring = new SharedArrayBuffer(size);
  const shared = new SharedArrayBuffer(12 + 32);
  const bytes = new Uint8Array(ring);
  const state = new Int32Array(shared, 0, 3);
  let worker: Worker;
  try {
    worker = new Worker(WORKER, { eval: true, workerData: { fd, ring, shared }, stdout: true, stderr: true });
  } catch {
    return undefined;
  }
  worker.unref();
  let at = 0;
  const failure = (): void => {
    const length = Atomics.load(state, 2);
    if (length > 0) throw new BackgroundWriteError(Buffer.from(new Uint8Array(shared, 12, length)).toString('latin1'));
  };
  return {
    write: (chunk) => {
      failure();
      for (let from = 0; from < chunk.byteLength; ) {
        let pending = Atomics.load(state, 0);
        while (pending === size) {
          Atomics.wait(state, 0, pending);
          pending = Atomics.load(state, 0);
        }
        const n = Math.min(chunk.byteLength - from, size - pending, size - at);
        bytes.set(chunk.subarray(from, from + n), at);
        at = (at + n) % size;
        from += n;
        Atomics.add(state, 0, n);
        Atomics.notify(state, 0);
      }
    },
    drain: () => {
      for (let pending = Atomics.load(state, 0); pending > 0; pending = Atomics.load(state, 0)) Atomics.wait(state, 0, pending);
      failure();
    },
    stop: () => {
      Atomics.store(state, 1, 1);
      Atomics.notify(state, 0);
    },
  };
}
