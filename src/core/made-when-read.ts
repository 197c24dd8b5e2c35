/**
 * A property made when it is first read, from data a fast path reads instead. Reports of tens
 * of thousands of rows (agreement, a matrix by source, a trajectory's case × wave cells) keep
 * their figures in typed arrays; the objects JSON and callers of the API see are made only when
 * they ask for them, while the text table reads the arrays.
 *
 * Once the property is read or set, `held` forgets the data: from then on the caller holds the
 * objects and may change them, and whatever reads `held` must read them too, so that every
 * output says the same.
 */
export class HeldUntilRead<T extends object, H> {
  private readonly map = new WeakMap<T, H>();

  /**
   * Defines `key` on `target` (in place: it keeps its position among the keys, which is JSON's
   * order) as made by `make` on first read, and holds `data` for `target` until then.
   */
  define<K extends keyof T>(target: T, key: K, data: H, make: () => T[K]): T {
    let made: T[K] | undefined;
    let done = false;
    this.map.set(target, data);
    Object.defineProperty(target, key, {
      enumerable: true,
      configurable: true,
      get: (): T[K] => {
        if (!done) {
          made = make();
          done = true;
          this.map.delete(target);
        }
        return made as T[K];
      },
      set: (value: T[K]) => {
        made = value;
        done = true;
        this.map.delete(target);
      },
    });
    return target;
  }

  /** The data held for `target`: undefined once its property was read or set (or it never had one). */
  get(target: T): H | undefined {
    return this.map.get(target);
  }
}
