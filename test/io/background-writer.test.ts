import { describe, expect, it } from 'vitest';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backgroundWriter, BackgroundWriteError } from '../../src/io/background-writer.js';
import { atomicWriter } from '../../src/io/atomic-write.js';
import { tempDir } from '../support/project.js';

/** Chunks of every awkward size: empty, one byte, larger than the ring, views into a larger buffer. */
function chunks(): Uint8Array[] {
  const out: Uint8Array[] = [];
  let seed = 3;
  for (let i = 0; i < 60; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const size = [0, 1, 7, 4095, 4096, 4097, 10000, 70000][i % 8]! + (seed % 13);
    const big = Buffer.alloc(size + 5);
    for (let j = 0; j < big.length; j++) big[j] = (i * 31 + j) % 251;
    out.push(big.subarray(2, 2 + size));
  }
  return out;
}

describe('backgroundWriter', () => {
  it('writes every chunk in order through a ring smaller than the chunks', () => {
    const file = join(tempDir(), 'out.bin');
    const fd = openSync(file, 'w');
    const w = backgroundWriter(fd, 4096)!;
    const all = chunks();
    for (const c of all) w.write(c);
    w.drain();
    w.stop();
    closeSync(fd);
    expect(readFileSync(file).equals(Buffer.concat(all))).toBe(true);
  });

  it('reports a failed write with its code', () => {
    const file = join(tempDir(), 'ro.bin');
    closeSync(openSync(file, 'w'));
    const fd = openSync(file, 'r');
    const w = backgroundWriter(fd, 4096)!;
    let error: unknown;
    try {
      for (const c of chunks()) w.write(c);
      w.drain();
    } catch (e) {
      error = e;
    }
    w.stop();
    closeSync(fd);
    expect(error).toBeInstanceOf(BackgroundWriteError);
    expect((error as BackgroundWriteError).code).toBe('EBADF');
  });
});

describe('atomicWriter in the background', () => {
  it('makes the same file as writing directly, strings and bytes mixed', () => {
    const dir = tempDir();
    const pieces: (string | Uint8Array)[] = ['[\n  ', ...chunks(), 'tail “quotes” 😀\n'];
    for (const background of [false, true]) {
      const w = atomicWriter(join(dir, `${background}.out`), undefined, { background });
      for (const p of pieces) w.write(p);
      w.commit();
    }
    expect(readFileSync(join(dir, 'true.out')).equals(readFileSync(join(dir, 'false.out')))).toBe(true);
    expect(readFileSync(join(dir, 'true.out')).length).toBeGreaterThan(100000);
  });

  it('leaves nothing behind when aborted', () => {
    const dir = tempDir();
    const w = atomicWriter(join(dir, 'gone.out'), undefined, { background: true });
    for (const c of chunks()) w.write(c);
    w.abort();
    expect(existsSync(join(dir, 'gone.out'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
