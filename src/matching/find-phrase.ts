import type { CorpusIndex } from './corpus-index.ts';
import { scanTokens } from './scan-tokens.ts';

/** A phrase to look for: folded tokens, and which of them the source wrote with a capital. */
export interface Phrase {
  /** As written in the episode, for reasons. */
  text: string;
  tokens: string[];
  caps: boolean[];
  /** Tokens and capitals in one string, for caches. */
  key: string;
}

/** Where a phrase occurs in one article. */
export interface PhraseHit {
  count: number;
  /** Some occurrence keeps the phrase's capitals ("Flu Season", not "flu season"). */
  strong: boolean;
  /** Some occurrence is in the headline. */
  inHeadline: boolean;
}

/** A phrase from episode text, with its capitals remembered. */
export function toPhrase(text: string): Phrase {
  const tokens: string[] = [];
  const caps: boolean[] = [];
  scanTokens(text, (token, _start, _end, capitalised) => {
    tokens.push(token);
    caps.push(capitalised);
  });
  return { text, tokens, caps, key: `${tokens.join(' ')}|${caps.map(Number).join('')}` };
}

/**
 * Finds every article containing the phrase as consecutive tokens. With `abbreviated`, the last
 * word may be cut short to at least three letters, so "Parks and Rec" finds "Parks and Recreation".
 * Only the occurrences of the phrase's rarest word are visited (positional postings).
 */
export function findPhrase(index: CorpusIndex, phrase: Phrase, abbreviated = false, maxDf = Infinity): Map<number, PhraseHit> {
  const hits = new Map<number, PhraseHit>();
  const n = phrase.tokens.length;
  if (n === 0) return hits;
  const allowShort = abbreviated && n >= 2 && phrase.tokens[n - 1]!.length >= 6;
  const ids: number[] = [];
  for (let k = 0; k < n; k++) {
    if (allowShort && k === n - 1) {
      ids.push(-1);
      continue;
    }
    const id = index.vocab.get(phrase.tokens[k]!);
    if (id === undefined) return hits;
    ids.push(id);
  }
  // The phrase is too common when its word in the fewest articles is in more than `maxDf`.
  let rarest = -1;
  for (let k = 0; k < n; k++) {
    const id = ids[k]!;
    if (id >= 0 && (rarest < 0 || index.df[id]! < index.df[ids[rarest]!]!)) rarest = k;
  }
  if (index.df[ids[rarest]!]! > maxDf) return hits;
  const pivot = fewestOccurrences(index, ids);
  const pivotId = ids[pivot]!;
  // The next rarest word, if any: its positions are merged with the pivot's (both ascend), so
  // the article tokens are read only where the two words stand at the phrase's distance.
  const second = fewestOccurrences(index, ids.map((id, k) => (k === pivot ? -1 : id)));
  const offset = second < 0 ? 0 : second - pivot;
  const last = phrase.tokens[n - 1]!;
  const { tokens, caps, docStart, bodyStart, words, positions, postDoc, posStart } = index;
  let q = second < 0 ? 0 : posStart[ids[second]!]!;
  const qEnd = second < 0 ? 0 : posStart[ids[second]! + 1]!;
  // Positions and the pivot's article list both ascend: walk them together to know each position's article.
  let doc = index.postStart[pivotId]!;
  const posEnd = posStart[pivotId + 1]!;
  for (let p = posStart[pivotId]!; p < posEnd; p++) {
    const i = positions[p]!;
    if (second >= 0) {
      const target = i + offset;
      while (q < qEnd && positions[q]! < target) q++;
      if (q === qEnd) break;
      if (positions[q] !== target) continue;
    }
    while (docStart[postDoc[doc]! + 1]! <= i) doc++;
    const a = postDoc[doc]!;
    const first = i - pivot;
    if (first < docStart[a]! || first + n > docStart[a + 1]!) continue;
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const t = tokens[first + k]!;
      if (ids[k]! >= 0) ok = t === ids[k];
      else {
        const word = words[t]!;
        ok = word.length >= 3 && last.startsWith(word);
      }
    }
    // A phrase must not run across the headline/body boundary.
    if (!ok || (first < bodyStart[a]! && first + n > bodyStart[a]!)) continue;
    let strong = true;
    for (let k = 0; k < n; k++) if (phrase.caps[k] && !caps[first + k]) strong = false;
    let hit = hits.get(a);
    if (!hit) {
      hit = { count: 0, strong: false, inHeadline: false };
      hits.set(a, hit);
    }
    hit.count++;
    hit.strong ||= strong;
    hit.inHeadline ||= first < bodyStart[a]!;
  }
  return hits;
}

/** The index in `ids` of the known token with the fewest occurrences in the corpus. */
function fewestOccurrences(index: CorpusIndex, ids: readonly number[]): number {
  let best = -1;
  let bestCount = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    if (id < 0) continue;
    const count = index.posStart[id + 1]! - index.posStart[id]!;
    if (best < 0 || count < bestCount) {
      best = k;
      bestCount = count;
    }
  }
  return best;
}

/** The first slot in positions[from, to) holding a position ≥ `target`. */
function lowerBound(positions: Int32Array, from: number, to: number, target: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `findPhrase` (not abbreviated, no `maxDf`) for many phrases at once, in one pass over the corpus
 * tokens: a phrase is looked for only where its first two words stand (its word, for one-word
 * phrases). For thousands of titles and names made of common words this reads far less than
 * visiting each phrase's rarest word. Gives, per phrase, what `findPhrase` gives.
 */
export function findPhrases(index: CorpusIndex, phrases: readonly Phrase[]): Map<number, PhraseHit>[] {
  const results = phrases.map(() => new Map<number, PhraseHit>());
  const { tokens, caps, docStart, bodyStart } = index;
  const ids: (Int32Array | undefined)[] = [];
  // Phrases by their first word (one-word phrases) or a hash of their first two words, with flags per word.
  const single = new Map<number, number[]>();
  const pairs = new Map<number, number[]>();
  const starts = new Uint8Array(index.words.length);
  const SINGLE = 1;
  const PAIR = 2;
  // The pair keys present, as bits: when titles start with common words, most positions start
  // some phrase's first word, and this answers "no such pair" before the map is asked.
  const pairBits = new Uint8Array(1 << 17);
  phrases.forEach((phrase, k) => {
    const n = phrase.tokens.length;
    const known = new Int32Array(n);
    for (let j = 0; j < n; j++) known[j] = index.vocab.get(phrase.tokens[j]!) ?? -1;
    if (n === 0 || known.some((id) => id < 0)) return;
    ids[k] = known;
    const table = n === 1 ? single : pairs;
    const key = n === 1 ? known[0]! : pairKey(known[0]!, known[1]!);
    const list = table.get(key);
    if (list) list.push(k);
    else table.set(key, [k]);
    starts[known[0]!]! |= n === 1 ? SINGLE : PAIR;
    if (n > 1) pairBits[(key >>> 3) & 0x1ffff]! |= 1 << (key & 7);
  });
  for (let a = 0; a < index.size; a++) {
    const end = docStart[a + 1]!;
    const body = bodyStart[a]!;
    for (let i = docStart[a]!; i < end; i++) {
      const t = tokens[i]!;
      const flags = starts[t]!;
      if (flags === 0) continue;
      if (flags & SINGLE) for (const k of single.get(t)!) record(k, i, 1);
      if (flags & PAIR && i + 1 < end) {
        const key = pairKey(t, tokens[i + 1]!);
        if ((pairBits[(key >>> 3) & 0x1ffff]! & (1 << (key & 7))) === 0) continue;
        const list = pairs.get(key);
        if (list) {
          for (const k of list) {
            const phrase = ids[k]!;
            const n = phrase.length;
            if (i + n > end) continue;
            let ok = true;
            for (let j = 0; j < n && ok; j++) ok = tokens[i + j] === phrase[j];
            if (ok) record(k, i, n);
          }
        }
      }
    }

    function record(k: number, first: number, n: number): void {
      // A phrase must not run across the headline/body boundary.
      if (first < body && first + n > body) return;
      const phraseCaps = phrases[k]!.caps;
      let strong = true;
      for (let j = 0; j < n; j++) if (phraseCaps[j] && !caps[first + j]) strong = false;
      const hits = results[k]!;
      let hit = hits.get(a);
      if (!hit) {
        hit = { count: 0, strong: false, inHeadline: false };
        hits.set(a, hit);
      }
      hit.count++;
      hit.strong ||= strong;
      hit.inHeadline ||= first < body;
    }
  }
  return results;
}

/** A small-integer hash of two token ids (equal pairs, equal keys; others may collide and are checked). */
function pairKey(first: number, second: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 1, 0x85ebca77)) & 0x3fffffff;
}

/** Memoises phrase look-ups: hosts, shows and recurring names are shared by many episodes. */
export class PhraseFinder {
  readonly #cache = new Map<string, Map<number, PhraseHit>>();
  constructor(readonly index: CorpusIndex) {}

  /** Looks up, in one pass over the corpus, every phrase not looked up yet (see `findPhrases`); `find` then answers from the cache. */
  prefetch(phrases: readonly Phrase[]): void {
    const missing = new Map<string, Phrase>();
    for (const phrase of phrases) {
      const key = `0|Infinity|${phrase.key}`;
      if (!this.#cache.has(key) && !missing.has(key)) missing.set(key, phrase);
    }
    if (missing.size === 0) return;
    const found = findPhrases(this.index, [...missing.values()]);
    [...missing.keys()].forEach((key, k) => this.#cache.set(key, found[k]!));
  }

  /**
   * Articles containing `phrase`, cached by its tokens and capitals. With `maxDf`, a phrase whose
   * rarest word is in more articles than that is not looked up (it is too common to tell anything).
   */
  find(phrase: Phrase, abbreviated = false, maxDf = Infinity): Map<number, PhraseHit> {
    const key = `${abbreviated ? 1 : 0}|${maxDf}|${phrase.key}`;
    let hits = this.#cache.get(key);
    if (!hits) {
      hits = findPhrase(this.index, phrase, abbreviated, maxDf);
      this.#cache.set(key, hits);
    }
    return hits;
  }
}

/**
 * Finds several phrases inside one article: for names and topics, which are only looked for in
 * articles already found by a quote, a title or a person. Each phrase's rarest word is looked up
 * in the article's token range by binary search over its positions, so the cost does not grow
 * with the article's length. Returns, per phrase (same order), undefined or whether some
 * occurrence keeps the phrase's capitals.
 */
export class PhraseSet {
  readonly #ids: (Int32Array | undefined)[];
  /** Per phrase, the index of its word with the fewest occurrences. */
  readonly #pivot: Int32Array;
  /**
   * For sets too large to search phrase by phrase: one-word phrases by their token, longer ones by
   * their first two tokens (a first name alone would nominate too many).
   */
  readonly #byFirst = new Map<number, number[]>();
  readonly #byPair = new Map<number, number[]>();
  /** Rough cost of searching every phrase's positions, compared with an article's length. */
  readonly #searchCost: number;
  /** Every phrase starts with a capital, so a strong occurrence starts at a capitalised token. */
  readonly #capitalFirst: boolean;
  /** Articles holding the rarest word of each phrase (an upper bound of its document frequency). */
  readonly df: number[];

  constructor(readonly index: CorpusIndex, readonly phrases: readonly Phrase[]) {
    this.#ids = phrases.map((p) => {
      const ids = p.tokens.map((t) => index.vocab.get(t) ?? -1);
      return ids.length > 0 && ids.every((id) => id >= 0) ? Int32Array.from(ids) : undefined;
    });
    this.df = this.#ids.map((ids) => {
      if (!ids) return 0;
      let df = Infinity;
      for (const id of ids) df = Math.min(df, index.df[id]!);
      return df;
    });
    this.#pivot = Int32Array.from(this.#ids, (ids) => (ids ? fewestOccurrences(index, [...ids]) : 0));
    let cost = 0;
    this.#ids.forEach((ids, k) => {
      if (!ids) return;
      const pivotId = ids[this.#pivot[k]!]!;
      cost += 2 + Math.log2(1 + index.posStart[pivotId + 1]! - index.posStart[pivotId]!);
      const table = ids.length === 1 ? this.#byFirst : this.#byPair;
      const key = ids.length === 1 ? ids[0]! : this.#pairKey(ids[0]!, ids[1]!);
      const list = table.get(key) ?? [];
      list.push(k);
      table.set(key, list);
    });
    this.#searchCost = cost;
    this.#capitalFirst = phrases.every((p) => p.caps[0] === true);
  }

  #pairKey(first: number, second: number): number {
    return first * this.index.words.length + second;
  }

  /** Whether scanning the article's tokens is cheaper than searching each phrase's positions. */
  #scans(article: number): boolean {
    return this.#searchCost > 4 * (this.index.docStart[article + 1]! - this.index.docStart[article]!);
  }

  /** Which phrases occur in `article`: undefined, or true when written with the phrase's capitals. */
  findIn(article: number): (boolean | undefined)[] {
    const found: (boolean | undefined)[] = new Array(this.phrases.length).fill(undefined);
    if (this.#scans(article)) {
      this.#scan(article, found, false);
      return found;
    }
    for (let k = 0; k < this.phrases.length; k++) {
      const ids = this.#ids[k];
      if (ids) found[k] = this.#occurs(k, ids, article);
    }
    return found;
  }

  /** Whether some phrase occurs in `article` written with its capitals. */
  someStrongIn(article: number): boolean {
    if (this.#scans(article)) return this.#scan(article, new Array(this.phrases.length).fill(undefined), true);
    for (let k = 0; k < this.phrases.length; k++) {
      const ids = this.#ids[k];
      if (ids && this.#occurs(k, ids, article) === true) return true;
    }
    return false;
  }

  #occurs(k: number, ids: Int32Array, article: number): boolean | undefined {
    const { tokens, caps, docStart, bodyStart, positions, posStart } = this.index;
    const lo = docStart[article]!;
    const hi = docStart[article + 1]!;
    const body = bodyStart[article]!;
    const n = ids.length;
    const pivot = this.#pivot[k]!;
    const pivotId = ids[pivot]!;
    const end = posStart[pivotId + 1]!;
    const capsOf = this.phrases[k]!.caps;
    let found: boolean | undefined;
    for (let p = lowerBound(positions, posStart[pivotId]!, end, lo + pivot); p < end; p++) {
      const i = positions[p]! - pivot;
      if (i + n > hi) break;
      if (i < body && i + n > body) continue;
      let ok = true;
      for (let j = 0; j < n && ok; j++) ok = tokens[i + j] === ids[j];
      if (!ok) continue;
      let strong = true;
      for (let j = 0; j < n; j++) if (capsOf[j] && !caps[i + j]) strong = false;
      if (strong) return true;
      found = false;
    }
    return found;
  }

  /**
   * One pass over the article's tokens, for large sets: fills `found` and returns whether some
   * phrase was found with its capitals (with `strongOnly`, stops there and skips lower-case starts).
   */
  #scan(article: number, found: (boolean | undefined)[], strongOnly: boolean): boolean {
    const { tokens, caps, docStart, bodyStart } = this.index;
    const lo = docStart[article]!;
    const hi = docStart[article + 1]!;
    const body = bodyStart[article]!;
    const skipLower = strongOnly && this.#capitalFirst;
    for (let i = lo; i < hi; i++) {
      if (skipLower && !caps[i]) continue;
      const single = this.#byFirst.get(tokens[i]!);
      const list = i + 1 < hi ? this.#byPair.get(this.#pairKey(tokens[i]!, tokens[i + 1]!)) : undefined;
      if (single && this.#record(single, i, hi, body, found) && strongOnly) return true;
      if (list && this.#record(list, i, hi, body, found) && strongOnly) return true;
    }
    return found.some((f) => f === true);
  }

  /** Checks the phrases in `list` at position i; records them in `found`; whether one was strong. */
  #record(list: number[], i: number, hi: number, body: number, found: (boolean | undefined)[]): boolean {
    const { tokens, caps } = this.index;
    let anyStrong = false;
    for (const k of list) {
      if (found[k]) continue;
      const ids = this.#ids[k]!;
      const n = ids.length;
      if (i + n > hi || (i < body && i + n > body)) continue;
      let ok = true;
      for (let j = 1; j < n && ok; j++) ok = tokens[i + j] === ids[j];
      if (!ok) continue;
      let strong = true;
      for (let j = 0; j < n; j++) if (this.phrases[k]!.caps[j] && !caps[i + j]) strong = false;
      found[k] = strong || (found[k] ?? false);
      anyStrong ||= strong;
    }
    return anyStrong;
  }
}
