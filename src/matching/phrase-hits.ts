/**
 * Where phrases occur in the corpus (`findPhrases`), kept in typed arrays rather than as an
 * object per hit: the bench show's titles, people and shows have 120,000 hits, which live through
 * the whole matching.
 */

/** Where a phrase occurs in one article. */
export interface PhraseHit {
  count: number;
  /** Some occurrence keeps the phrase's capitals ("Flu Season", not "flu season"). */
  strong: boolean;
  /** Some occurrence is in the headline. */
  inHeadline: boolean;
}

/** Flags of a hit: some occurrence keeps the phrase's capitals; some is in the headline. */
export const STRONG = 1;
export const HEADLINE = 2;

/**
 * Hits as they are found (phrase, article, count, flags), in growable typed arrays, then grouped
 * by phrase: 120,000 hits of the bench show as objects in maps were ten megabytes that lived
 * through the whole matching.
 */
export class HitList {
  phrase = new Int32Array(1024);
  article = new Int32Array(1024);
  count = new Int32Array(1024);
  flags = new Uint8Array(1024);
  length = 0;

  /** A new entry: `phrase` found once in `article`; its index. */
  push(phrase: number, article: number, flags: number): number {
    if (this.length === this.phrase.length) this.#grow();
    const e = this.length++;
    this.phrase[e] = phrase;
    this.article[e] = article;
    this.count[e] = 1;
    this.flags[e] = flags;
    return e;
  }

  /** One more occurrence for entry `e`. */
  add(e: number, flags: number): void {
    this.count[e]!++;
    this.flags[e]! |= flags;
  }

  /** The hits of each of `phrases` phrases, articles ascending (a phrase's entries come in article order). */
  byPhrase(phrases: number): PhraseHits[] {
    const starts = new Int32Array(phrases + 1);
    for (let e = 0; e < this.length; e++) starts[this.phrase[e]! + 1]!++;
    for (let k = 0; k < phrases; k++) starts[k + 1]! += starts[k]!;
    const store: HitStore = { articles: new Int32Array(this.length), counts: new Int32Array(this.length), flags: new Uint8Array(this.length) };
    const fill = starts.slice(0, phrases);
    for (let e = 0; e < this.length; e++) {
      const at = fill[this.phrase[e]!]!++;
      store.articles[at] = this.article[e]!;
      store.counts[at] = this.count[e]!;
      store.flags[at] = this.flags[e]!;
    }
    return Array.from({ length: phrases }, (_, k) => new PhraseHits(store, starts[k]!, starts[k + 1]!));
  }

  #grow(): void {
    const size = this.phrase.length * 2;
    this.phrase = grown(this.phrase, new Int32Array(size));
    this.article = grown(this.article, new Int32Array(size));
    this.count = grown(this.count, new Int32Array(size));
    this.flags = grown(this.flags, new Uint8Array(size));
  }
}

function grown<T extends Int32Array | Uint8Array>(old: T, next: T): T {
  next.set(old);
  return next;
}

/** Hits of many phrases: each phrase's are a range, articles ascending. */
interface HitStore {
  articles: Int32Array;
  counts: Int32Array;
  flags: Uint8Array;
}

const NO_HITS: HitStore = { articles: new Int32Array(0), counts: new Int32Array(0), flags: new Uint8Array(0) };

/**
 * The articles holding a phrase, ascending, and how it occurs in each: a read-only map from
 * article to `PhraseHit` (made when asked) over typed arrays shared with other phrases.
 */
export class PhraseHits {
  readonly #store: HitStore;
  readonly #from: number;
  readonly #to: number;

  constructor(store: HitStore, from: number, to: number) {
    this.#store = store;
    this.#from = from;
    this.#to = to;
  }

  /** Hits of no article. */
  static empty(): PhraseHits {
    return new PhraseHits(NO_HITS, 0, 0);
  }

  get size(): number {
    return this.#to - this.#from;
  }

  has(article: number): boolean {
    return this.#find(article) >= 0;
  }

  get(article: number): PhraseHit | undefined {
    const at = this.#find(article);
    return at < 0 ? undefined : this.#hit(at);
  }

  *keys(): IterableIterator<number> {
    for (let at = this.#from; at < this.#to; at++) yield this.#store.articles[at]!;
  }

  /** Each article with whether the phrase is written there with its capitals, making no `PhraseHit`. */
  forEachArticle(use: (article: number, strong: boolean) => void): void {
    const { articles, flags } = this.#store;
    for (let at = this.#from; at < this.#to; at++) use(articles[at]!, (flags[at]! & STRONG) !== 0);
  }

  /** Whether the phrase is in `article` written with its capitals. */
  strongIn(article: number): boolean {
    const at = this.#find(article);
    return at >= 0 && (this.#store.flags[at]! & STRONG) !== 0;
  }

  forEach(use: (hit: PhraseHit, article: number) => void): void {
    for (let at = this.#from; at < this.#to; at++) use(this.#hit(at), this.#store.articles[at]!);
  }

  *[Symbol.iterator](): IterableIterator<[number, PhraseHit]> {
    for (let at = this.#from; at < this.#to; at++) yield [this.#store.articles[at]!, this.#hit(at)];
  }

  #hit(at: number): PhraseHit {
    const flags = this.#store.flags[at]!;
    return { count: this.#store.counts[at]!, strong: (flags & STRONG) !== 0, inHeadline: (flags & HEADLINE) !== 0 };
  }

  /** Where `article` is in this phrase's range, or -1. */
  #find(article: number): number {
    const articles = this.#store.articles;
    let lo = this.#from;
    let hi = this.#to - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = articles[mid]!;
      if (value === article) return mid;
      if (value < article) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

