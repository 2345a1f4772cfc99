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
 * Only articles containing the phrase's rarest word are visited.
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
  let pivot = -1;
  for (let k = 0; k < n; k++) {
    const id = ids[k]!;
    if (id >= 0 && (pivot < 0 || index.df[id]! < index.df[ids[pivot]!]!)) pivot = k;
  }
  const last = phrase.tokens[n - 1]!;
  const pivotId = ids[pivot]!;
  if (index.df[pivotId]! > maxDf) return hits;
  const { tokens, caps, docStart, bodyStart, words } = index;
  for (const a of articlesWithAll(index, ids)) {
    const lo = docStart[a]!;
    const hi = docStart[a + 1]!;
    for (let i = lo + pivot; i + (n - pivot) <= hi; i++) {
      if (tokens[i] !== pivotId) continue;
      const first = i - pivot;
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
      const hit = hits.get(a) ?? { count: 0, strong: false, inHeadline: false };
      hit.count++;
      hit.strong ||= strong;
      hit.inHeadline ||= first < bodyStart[a]!;
      hits.set(a, hit);
    }
  }
  return hits;
}

/** Articles containing every known word of the phrase: the rarest word's postings, intersected. */
function articlesWithAll(index: CorpusIndex, ids: number[]): Int32Array {
  const known = [...new Set(ids.filter((id) => id >= 0))].sort((x, y) => index.df[x]! - index.df[y]!);
  let docs = index.postDoc.subarray(index.postStart[known[0]!]!, index.postStart[known[0]! + 1]!);
  for (const id of known.slice(1)) {
    const list = index.postDoc.subarray(index.postStart[id]!, index.postStart[id + 1]!);
    const kept: number[] = [];
    let from = 0;
    for (const doc of docs) {
      // Both lists ascend: binary search for doc from where the last search ended.
      let lo = from;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]! < doc) lo = mid + 1;
        else hi = mid;
      }
      from = lo;
      if (lo < list.length && list[lo] === doc) kept.push(doc);
    }
    docs = Int32Array.from(kept);
    if (docs.length === 0) break;
  }
  return docs;
}

/** Memoises phrase look-ups: hosts, shows and recurring names are shared by many episodes. */
export class PhraseFinder {
  readonly #cache = new Map<string, Map<number, PhraseHit>>();
  constructor(readonly index: CorpusIndex) {}

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
 * Finds several phrases inside one article in a single pass over its tokens: for names and topics,
 * which are only looked for in articles already found by a quote, a title or a person. Returns,
 * per phrase (same order), undefined or whether some occurrence keeps the phrase's capitals.
 */
export class PhraseSet {
  readonly #ids: (number[] | undefined)[];
  readonly #byFirst = new Map<number, number[]>();
  /** Articles holding the rarest word of each phrase (an upper bound of its document frequency). */
  readonly df: number[];

  constructor(readonly index: CorpusIndex, readonly phrases: readonly Phrase[]) {
    this.#ids = phrases.map((p) => {
      const ids = p.tokens.map((t) => index.vocab.get(t) ?? -1);
      return ids.length > 0 && ids.every((id) => id >= 0) ? ids : undefined;
    });
    this.df = this.#ids.map((ids) => (ids ? Math.min(...ids.map((id) => index.df[id]!)) : 0));
    this.#ids.forEach((ids, k) => {
      if (!ids) return;
      const list = this.#byFirst.get(ids[0]!) ?? [];
      list.push(k);
      this.#byFirst.set(ids[0]!, list);
    });
  }

  /** Which phrases occur in `article`: undefined, or true when written with the phrase's capitals. */
  findIn(article: number): (boolean | undefined)[] {
    const found: (boolean | undefined)[] = new Array(this.phrases.length).fill(undefined);
    if (this.#byFirst.size === 0) return found;
    const { tokens, caps, docStart, bodyStart } = this.index;
    const lo = docStart[article]!;
    const hi = docStart[article + 1]!;
    const body = bodyStart[article]!;
    for (let i = lo; i < hi; i++) {
      const list = this.#byFirst.get(tokens[i]!);
      if (!list) continue;
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
      }
    }
    return found;
  }
}
