import type { CorpusIndex } from './corpus-index.ts';
import type { EpisodeProfile } from './episode-profile.ts';
import { IntTable } from './int-table.ts';
import { HEADLINE, HitList, STRONG, type PhraseHits } from './phrase-hits.ts';
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


/** A phrase from episode text, with its capitals remembered. */
export function toPhrase(text: string): Phrase {
  let phrase = madePhrases.get(text);
  if (!phrase) {
    const tokens: string[] = [];
    const caps: boolean[] = [];
    scanTokens(text, (token, _start, _end, capitalised) => {
      tokens.push(token);
      caps.push(capitalised);
    });
    phrase = rememberPhrase({ text, tokens, caps, key: `${tokens.join(' ')}|${caps.map(Number).join('')}` });
  }
  return phrase;
}

/**
 * Phrases made so far, by their text, shared by every profile that has them: hosts, shows,
 * guests and the names in notes recur across episodes, and thousands of profiles live through
 * the whole matching (a phrase and its arrays are ~450 bytes). Phrases are never changed once
 * made. Emptied when large: the dev server runs long.
 */
const madePhrases = new Map<string, Phrase>();
const MAX_MADE_PHRASES = 100_000;

/** The phrase made before from exactly this text, if any (see `rememberPhrase`). */
export function rememberedPhrase(text: string): Phrase | undefined {
  return madePhrases.get(text);
}

/** Keeps a phrase for `toPhrase` and `rememberedPhrase` of its text, and returns it. */
export function rememberPhrase(phrase: Phrase): Phrase {
  if (madePhrases.size >= MAX_MADE_PHRASES) madePhrases.clear();
  madePhrases.set(phrase.text, phrase);
  return phrase;
}

/**
 * Finds every article containing the phrase as consecutive tokens. With `abbreviated`, the last
 * word may be cut short to at least three letters, so "Parks and Rec" finds "Parks and Recreation".
 */
export function findPhrase(index: CorpusIndex, phrase: Phrase, abbreviated = false): PhraseHits {
  return findPhrases(index, [phrase], abbreviated)[0]!;
}

/**
 * `findPhrase` for many phrases at once, in one pass over the corpus tokens: a phrase is looked
 * for only where its first two words stand (its first word, for one-word phrases and two-word
 * ones whose last word may be cut short). For thousands of titles and names this reads the
 * tokens once instead of once per phrase. `abbreviated` is for all phrases or per phrase. Gives,
 * per phrase, the articles in ascending order.
 */
export function findPhrases(
  index: CorpusIndex,
  phrases: readonly Phrase[],
  abbreviated: boolean | readonly boolean[] = false,
): PhraseHits[] {
  const { tokens, docStart, words } = index;
  // Per phrase its token ids; -1 for a last word that may be cut short.
  const ids: (Int32Array | undefined)[] = [];
  // Phrases by their first word (`byFirst`, for one-word phrases and two-word ones whose last
  // word may be cut short) or by a hash of their first two words (`pairs`), chained by `next`.
  const byFirst = new Int32Array(words.length).fill(-1);
  const pairs = new IntTable(phrases.length);
  const next = new Int32Array(phrases.length).fill(-1);
  const starts = new Uint8Array(words.length);
  const SINGLE = 1;
  const PAIR = 2;
  // The pair keys present, as bits: when titles start with common words, most positions start
  // some phrase's first word, and this answers "no such pair" before the table is asked.
  const pairBits = new Uint8Array(1 << 17);
  // Added last first, so that each chain lists its phrases in their order.
  for (let k = phrases.length - 1; k >= 0; k--) {
    const phrase = phrases[k]!;
    const n = phrase.tokens.length;
    if (n === 0) continue;
    const allowShort = (abbreviated === true || (abbreviated !== false && abbreviated[k] === true)) && n >= 2 && phrase.tokens[n - 1]!.length >= 6;
    const known = new Int32Array(n);
    let missing = false;
    for (let j = 0; j < n && !missing; j++) {
      const id = allowShort && j === n - 1 ? -1 : index.vocab.get(phrase.tokens[j]!);
      if (id === undefined) missing = true;
      else known[j] = id;
    }
    if (missing) continue;
    ids[k] = known;
    if (n === 1 || known[1]! < 0) {
      next[k] = byFirst[known[0]!]!;
      byFirst[known[0]!] = k;
      starts[known[0]!]! |= SINGLE;
    } else {
      const key = pairKey(known[0]!, known[1]!);
      next[k] = pairs.put(key, k);
      starts[known[0]!]! |= PAIR;
      pairBits[(key >>> 3) & 0x1ffff]! |= 1 << (key & 7);
    }
  }
  const search: PhraseSearch = {
    index,
    phrases,
    ids,
    hits: new HitList(),
    lastArticle: new Int32Array(phrases.length).fill(-1),
    lastEntry: new Int32Array(phrases.length),
    article: 0,
    end: 0,
    body: 0,
  };
  const candidates = articlesWithRarestWords(index, ids);
  for (let a = 0; a < index.size; a++) {
    if (candidates && candidates[a] === 0) continue;
    const end = docStart[a + 1]!;
    search.article = a;
    search.end = end;
    search.body = index.bodyStart[a]!;
    for (let i = docStart[a]!; i < end; i++) {
      const t = tokens[i]!;
      const flags = starts[t]!;
      if (flags === 0) continue;
      if (flags & SINGLE) for (let k = byFirst[t]!; k >= 0; k = next[k]!) check(search, k, i);
      if (flags & PAIR && i + 1 < end) {
        const key = pairKey(t, tokens[i + 1]!);
        if ((pairBits[(key >>> 3) & 0x1ffff]! & (1 << (key & 7))) === 0) continue;
        for (let k = pairs.get(key); k >= 0; k = next[k]!) check(search, k, i);
      }
    }
  }
  return search.hits.byPhrase(phrases.length);
}

/**
 * The articles where any of the phrases can stand (those holding its rarest whole word, from
 * the postings), marked; undefined when that is a large share of the corpus and every article
 * is read anyway. A rebuild looks up one edited episode's handful of names, and reading only
 * the few hundred articles that can hold them gives the same hits in the same order as reading
 * all 20,000.
 */
function articlesWithRarestWords(index: CorpusIndex, ids: readonly (Int32Array | undefined)[]): Uint8Array | undefined {
  const rarest = new Set<number>();
  for (const known of ids) {
    if (!known) continue;
    let best = known[0]!;
    // A last word that may be cut short (-1) is not a word to look up.
    for (const id of known) if (id >= 0 && index.df[id]! < index.df[best]!) best = id;
    rarest.add(best);
  }
  let postings = 0;
  for (const t of rarest) postings += index.postStart[t + 1]! - index.postStart[t]!;
  if (postings * 4 > index.size) return undefined;
  const marked = new Uint8Array(index.size);
  for (const t of rarest) for (let p = index.postStart[t]!; p < index.postStart[t + 1]!; p++) marked[index.postDoc[p]!] = 1;
  return marked;
}

/** What `check` reads: the look-up and the article being read. */
interface PhraseSearch {
  index: CorpusIndex;
  phrases: readonly Phrase[];
  ids: readonly (Int32Array | undefined)[];
  hits: HitList;
  /** Per phrase, the last article it was found in and its entry in `hits` there. */
  lastArticle: Int32Array;
  lastEntry: Int32Array;
  article: number;
  /** End of the article's tokens, and where its body starts. */
  end: number;
  body: number;
}

/** Records phrase k if it stands at `first`, within one text of the article. */
function check(search: PhraseSearch, k: number, first: number): void {
  const { tokens, caps, words } = search.index;
  const phrase = search.ids[k]!;
  const n = phrase.length;
  const { end, body } = search;
  if (first + n > end) return;
  for (let j = 0; j < n; j++) {
    const id = phrase[j]!;
    if (id >= 0 ? tokens[first + j] !== id : !isCutShort(words[tokens[first + j]!]!, search.phrases[k]!.tokens[j]!)) return;
  }
  // A phrase must not run across the headline/body boundary.
  if (first < body && first + n > body) return;
  const phraseCaps = search.phrases[k]!.caps;
  let strong = true;
  for (let j = 0; j < n; j++) if (phraseCaps[j] && !caps[first + j]) strong = false;
  const flags = (strong ? STRONG : 0) | (first < body ? HEADLINE : 0);
  if (search.lastArticle[k] === search.article) search.hits.add(search.lastEntry[k]!, flags);
  else {
    search.lastArticle[k] = search.article;
    search.lastEntry[k] = search.hits.push(k, search.article, flags);
  }
}

/** Whether an article's word is the phrase's last word cut short (three letters or more). */
function isCutShort(word: string, last: string): boolean {
  return word.length >= 3 && last.startsWith(word);
}

/** A small-integer hash of two token ids (equal pairs, equal keys; others may collide and are checked). */
function pairKey(first: number, second: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 1, 0x85ebca77)) & 0x3fffffff;
}

/** Memoises phrase look-ups: hosts, shows and recurring names are shared by many episodes. */
export class PhraseFinder {
  /**
   * By `Phrase.key`, one map for exact look-ups and one for abbreviated ones: asked tens of
   * thousands of times, a key made by joining the flag and the phrase's key cost more than the map.
   */
  readonly #exact = new Map<string, PhraseHits>();
  readonly #abbreviated = new Map<string, PhraseHits>();
  constructor(readonly index: CorpusIndex) {}

  /**
   * Looks up, in one pass over the corpus, every phrase not looked up yet (see `findPhrases`);
   * `find` then answers from the cache. A look-up reads every token of the corpus, so the phrases
   * of many episodes are best asked for together, before they are needed one by one.
   */
  prefetch(phrases: readonly Phrase[], abbreviated: readonly boolean[] = phrases.map(() => false)): void {
    const missing: [Phrase, boolean][] = [];
    const asked = [new Set<string>(), new Set<string>()];
    phrases.forEach((phrase, k) => {
      const short = abbreviated[k] === true;
      const seen = asked[short ? 1 : 0]!;
      if (!this.#cacheOf(short).has(phrase.key) && !seen.has(phrase.key)) {
        seen.add(phrase.key);
        missing.push([phrase, short]);
      }
    });
    if (missing.length === 0) return;
    const found = findPhrases(this.index, missing.map(([phrase]) => phrase), missing.map(([, short]) => short));
    missing.forEach(([phrase, short], k) => this.#cacheOf(short).set(phrase.key, found[k]!));
  }

  /** `prefetch` of everything `ownedArticles` and `evaluateEpisode` look up for these profiles: titles, people, shows (abbreviated). */
  prefetchProfiles(profiles: readonly EpisodeProfile[]): void {
    const phrases: Phrase[] = [];
    const abbreviated: boolean[] = [];
    for (const p of profiles) {
      for (const phrase of [...(p.title ? [p.title] : []), ...p.guests, ...p.hosts]) {
        phrases.push(phrase);
        abbreviated.push(false);
      }
      if (p.show) {
        phrases.push(p.show);
        abbreviated.push(true);
      }
    }
    this.prefetch(phrases, abbreviated);
  }

  /** Articles containing `phrase`, cached by its tokens and capitals. */
  find(phrase: Phrase, abbreviated = false): PhraseHits {
    const cache = this.#cacheOf(abbreviated);
    let hits = cache.get(phrase.key);
    if (!hits) {
      hits = findPhrase(this.index, phrase, abbreviated);
      cache.set(phrase.key, hits);
    }
    return hits;
  }

  #cacheOf(abbreviated: boolean): Map<string, PhraseHits> {
    return abbreviated ? this.#abbreviated : this.#exact;
  }
}

/**
 * The token ids of a phrase in a corpus, undefined when some word is in no article. Kept per
 * corpus and phrase: phrases are shared by the episodes that have them (see `rememberPhrase`) and
 * never changed, and every episode's names are looked up for its evaluation.
 */
function phraseIds(index: CorpusIndex, phrase: Phrase): Int32Array | undefined {
  let cache = phraseIdsCache.get(index);
  if (!cache) {
    cache = new WeakMap();
    phraseIdsCache.set(index, cache);
  }
  let ids = cache.get(phrase);
  if (ids === undefined) {
    const found = phrase.tokens.map((t) => index.vocab.get(t) ?? -1);
    ids = found.length > 0 && found.every((id) => id >= 0) ? Int32Array.from(found) : null;
    cache.set(phrase, ids);
  }
  return ids ?? undefined;
}

const phraseIdsCache = new WeakMap<CorpusIndex, WeakMap<Phrase, Int32Array | null>>();

/**
 * Finds several phrases inside one article: for names and topics, which are only looked for in
 * articles already found by a quote, a title or a person, in one pass over the article's tokens.
 * Returns, per phrase (same order), undefined or whether some occurrence keeps the phrase's
 * capitals.
 */
export class PhraseSet {
  readonly #ids: (Int32Array | undefined)[];
  /**
   * One-word phrases by their token, longer ones by their first two tokens (a first name alone
   * would nominate too many). Made on the first look into an article: most episodes' names are
   * only bounded (`df`), their candidates all dropped before a name is looked for.
   */
  #byFirst: Map<number, number[]> | undefined;
  #byPair: Map<number, number[]> | undefined;
  /** Every phrase starts with a capital, so a strong occurrence starts at a capitalised token. */
  readonly #capitalFirst: boolean;
  /** Articles holding the rarest word of each phrase (an upper bound of its document frequency). */
  readonly df: number[];

  constructor(readonly index: CorpusIndex, readonly phrases: readonly Phrase[]) {
    this.#ids = phrases.map((p) => phraseIds(index, p));
    this.df = this.#ids.map((ids) => {
      if (!ids) return 0;
      let df = Infinity;
      for (const id of ids) df = Math.min(df, index.df[id]!);
      return df;
    });
    this.#capitalFirst = phrases.every((p) => p.caps[0] === true);
  }

  #tables(): { byFirst: Map<number, number[]>; byPair: Map<number, number[]> } {
    if (!this.#byFirst || !this.#byPair) {
      const byFirst = new Map<number, number[]>();
      const byPair = new Map<number, number[]>();
      this.#ids.forEach((ids, k) => {
        if (!ids) return;
        const table = ids.length === 1 ? byFirst : byPair;
        const key = ids.length === 1 ? ids[0]! : pairKey(ids[0]!, ids[1]!);
        const list = table.get(key) ?? [];
        list.push(k);
        table.set(key, list);
      });
      this.#byFirst = byFirst;
      this.#byPair = byPair;
    }
    return { byFirst: this.#byFirst, byPair: this.#byPair };
  }

  /** Which phrases occur in `article`: undefined, or true when written with the phrase's capitals. */
  findIn(article: number): (boolean | undefined)[] {
    const found: (boolean | undefined)[] = new Array(this.phrases.length).fill(undefined);
    this.#scan(article, found, false);
    return found;
  }

  /** Whether some phrase occurs in `article` written with its capitals. */
  someStrongIn(article: number): boolean {
    return this.#scan(article, new Array(this.phrases.length).fill(undefined), true);
  }

  /**
   * One pass over the article's tokens: fills `found` and returns whether some
   * phrase was found with its capitals (with `strongOnly`, stops there and skips lower-case starts).
   */
  #scan(article: number, found: (boolean | undefined)[], strongOnly: boolean): boolean {
    const { tokens, caps, docStart, bodyStart } = this.index;
    const lo = docStart[article]!;
    const hi = docStart[article + 1]!;
    const body = bodyStart[article]!;
    const skipLower = strongOnly && this.#capitalFirst;
    const { byFirst, byPair } = this.#tables();
    for (let i = lo; i < hi; i++) {
      if (skipLower && !caps[i]) continue;
      const single = byFirst.get(tokens[i]!);
      const list = i + 1 < hi ? byPair.get(pairKey(tokens[i]!, tokens[i + 1]!)) : undefined;
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
      // Pairs are found by a hash of their two words: every word is checked.
      let ok = true;
      for (let j = 0; j < n && ok; j++) ok = tokens[i + j] === ids[j];
      if (!ok) continue;
      let strong = true;
      for (let j = 0; j < n; j++) if (this.phrases[k]!.caps[j] && !caps[i + j]) strong = false;
      found[k] = strong || (found[k] ?? false);
      anyStrong ||= strong;
    }
    return anyStrong;
  }
}
