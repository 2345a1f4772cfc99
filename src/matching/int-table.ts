/**
 * Integer keys → non-negative integer values in an open-addressing table of typed arrays. The
 * look-ups of the corpus scans (a quote's 3-gram, a phrase's first two words, at every position)
 * are several times faster here than in a `Map`, whose keys, 32-bit hashes, are often not small
 * integers.
 */
export class IntTable {
  readonly #keys: Int32Array;
  readonly #values: Int32Array;
  readonly #mask: number;

  /** A table for at most `capacity` keys. */
  constructor(capacity: number) {
    let size = 64;
    while (size < capacity * 2) size *= 2;
    this.#keys = new Int32Array(size);
    this.#values = new Int32Array(size).fill(-1);
    this.#mask = size - 1;
  }

  /** Stores `value` (≥ 0) for `key`; returns the value it replaces, or -1. */
  put(key: number, value: number): number {
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & this.#mask;
    for (;;) {
      const old = this.#values[slot]!;
      if (old === -1 || this.#keys[slot] === key) {
        this.#keys[slot] = key;
        this.#values[slot] = value;
        return old;
      }
      slot = (slot + 1) & this.#mask;
    }
  }

  /** The value stored for `key`, or -1. */
  get(key: number): number {
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & this.#mask;
    for (;;) {
      const value = this.#values[slot]!;
      if (value === -1) return -1;
      if (this.#keys[slot] === key) return value;
      slot = (slot + 1) & this.#mask;
    }
  }
}
