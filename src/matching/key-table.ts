/**
 * Key strings (profile words and names, see `countedKeys`) ↔ ids, with how many episodes use
 * each, remembering which counts moved since the start when made from a previous build's.
 */
export class KeyTable {
  readonly #keys: string[];
  readonly #counts: number[];
  readonly #ids = new Map<string, number>();
  readonly #before = new Map<number, number>();
  readonly #tracks: boolean;

  /** From a previous build's keys and counts (copied; what moves is tracked), or empty. */
  constructor(previous: { keys: readonly string[]; counts: readonly number[] } | undefined, tracks = previous !== undefined) {
    this.#tracks = tracks;
    this.#keys = previous ? [...previous.keys] : [];
    this.#counts = previous ? [...previous.counts] : [];
    this.#keys.forEach((key, id) => this.#ids.set(key, id));
  }

  /** The id of a key, added with count 0 when new. */
  id(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#keys.length;
      this.#keys.push(key);
      this.#counts.push(0);
      this.#ids.set(key, id);
    }
    return id;
  }

  count(key: string): number {
    const id = this.#ids.get(key);
    return id === undefined ? 0 : this.#counts[id]!;
  }

  /** The count of a key by its id. */
  countOf(id: number): number {
    return this.#counts[id]!;
  }

  add(id: number, delta: number): void {
    // Without a previous state every episode is evaluated, and what changed is never asked.
    if (this.#tracks && !this.#before.has(id)) this.#before.set(id, this.#counts[id]!);
    this.#counts[id]! += delta;
  }

  /** Ids whose count differs from the start (only known with a previous state). */
  changed(): Set<number> {
    if (!this.#tracks) throw new Error('internal error: key counts are tracked only from a previous state');
    const ids = new Set<number>();
    for (const [id, before] of this.#before) if (this.#counts[id] !== before) ids.add(id);
    return ids;
  }

  /** Keys no episode uses any more are dropped by a clean build only; ids stay stable meanwhile. */
  stored(): { keys: string[]; counts: number[] } {
    return { keys: this.#keys, counts: this.#counts };
  }
}
