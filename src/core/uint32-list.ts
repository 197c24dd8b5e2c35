/** A list of unsigned 32-bit integers that grows as it is pushed to: no array of boxed numbers. */
export class Uint32List {
  private buf: Uint32Array;
  private n = 0;

  constructor(capacity = 1024) {
    this.buf = new Uint32Array(Math.max(16, capacity));
  }

  get length(): number {
    return this.n;
  }

  push(x: number): void {
    if (this.n === this.buf.length) {
      const bigger = new Uint32Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.n++] = x;
  }

  /** A copy of the values pushed, as an array of their length. */
  done(): Uint32Array {
    return this.buf.slice(0, this.n);
  }
}
