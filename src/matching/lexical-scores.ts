import { idfOf, type CorpusIndex } from './corpus-index.ts';
import type { EpisodeTerms } from './episode-profile.ts';

/** Words of an episode chosen for the lexical signal, with their final weights. */
export interface LexicalQuery {
  /** Token id lists (a word and its plural or singular), one per chosen word. */
  ids: number[][];
  words: string[];
  weights: number[];
}

/** At most this many words per episode, the most specific first (More Like This style). */
const MAX_QUERY_WORDS = 30;
// BM25 (Lucene defaults).
const K1 = 1.2;
const B = 0.75;

/** A word's forms in the corpus, the document frequency of the most used one and its `idfOf`. */
interface Forms {
  ids: number[];
  df: number;
  idf: number;
}

/**
 * Forms of the words already looked up, per corpus index: the show's episodes share most of their
 * words, and making "word" + "s" and looking it up again for each episode cost more than the rest.
 */
const formsCache = new WeakMap<CorpusIndex, Map<string, Forms>>();

/** The word itself and its likely plural or singular, as the corpus spells them. */
function variants(index: CorpusIndex, word: string): number[] {
  const forms = new Set([word, `${word}s`]);
  if (word.endsWith('ies') && word.length > 4) forms.add(`${word.slice(0, -3)}y`);
  else if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) forms.add(word.slice(0, -1));
  const ids: number[] = [];
  for (const form of forms) {
    const id = index.vocab.get(form);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

function formsOf(index: CorpusIndex, cache: Map<string, Forms>, word: string): Forms {
  let forms = cache.get(word);
  if (!forms) {
    const ids = variants(index, word);
    let df = 0;
    for (const id of ids) df = Math.max(df, index.df[id]!);
    forms = { ids, df, idf: idfOf(index, df) };
    cache.set(word, forms);
  }
  return forms;
}

/**
 * Picks the episode's most telling words: field weight × corpus rarity × how few of the show's
 * episodes use the word (`episodeShare`: word → share of episodes, 0..1). Words in more than
 * 1% of the articles (at least 10) are skipped; they tell nothing and cost the most.
 */
export function buildLexicalQuery(
  index: CorpusIndex,
  terms: EpisodeTerms,
  episodeRarity: (word: string) => number,
): LexicalQuery {
  const maxDf = Math.max(10, Math.ceil(index.size * 0.01));
  let cache = formsCache.get(index);
  if (!cache) {
    cache = new Map();
    formsCache.set(index, cache);
  }
  // The best words so far, best first: heavier, then alphabetical (words are distinct, so the
  // order is total and keeping the best few as they come equals sorting them all).
  const top: { ids: number[]; word: string; weight: number }[] = [];
  for (let t = 0; t < terms.words.length; t++) {
    const word = terms.words[t]!;
    const { ids, df, idf } = formsOf(index, cache, word);
    if (ids.length === 0 || df > maxDf) continue;
    const weight = terms.weights[t]! * idf * episodeRarity(word);
    if (!(weight > 0)) continue;
    if (top.length === MAX_QUERY_WORDS && !before(weight, word, top[MAX_QUERY_WORDS - 1]!)) continue;
    let at = Math.min(top.length, MAX_QUERY_WORDS - 1);
    while (at > 0 && before(weight, word, top[at - 1]!)) at--;
    const entry = { ids, word, weight };
    if (top.length < MAX_QUERY_WORDS) top.push(entry);
    for (let k = top.length - 1; k > at; k--) top[k] = top[k - 1]!;
    top[at] = entry;
  }
  return { ids: top.map((c) => c.ids), words: top.map((c) => c.word), weights: top.map((c) => c.weight) };
}

function before(weight: number, word: string, other: { word: string; weight: number }): boolean {
  return weight > other.weight || (weight === other.weight && word < other.word);
}

/** Per-article lexical sums, reused by every episode: all zero between episodes. */
export interface LexicalScratch {
  scores: Float64Array;
  /** The articles with a sum, touched[0, count): what to reset. */
  touched: Int32Array;
  count: number;
}

/** A scratch for a corpus of `size` articles. */
export function lexicalScratch(size: number): LexicalScratch {
  return { scores: new Float64Array(size), touched: new Int32Array(size), count: 0 };
}

/**
 * BM25-weighted sum over the query's words, for every article containing any of them, written
 * into `scratch.scores` (indexed by article; the touched ones listed, for `clearLexical`). Each
 * word's saturated term frequency is 1 for one use in an article of average length.
 */
export function scoreLexical(index: CorpusIndex, query: LexicalQuery, scratch: LexicalScratch): void {
  const norms = lengthNorms(index);
  const { postStart, postDoc, postTf } = index;
  const { scores, touched } = scratch;
  let count = scratch.count;
  for (let k = 0; k < query.ids.length; k++) {
    const weight = query.weights[k]!;
    for (const id of query.ids[k]!) {
      const end = postStart[id + 1]!;
      for (let p = postStart[id]!; p < end; p++) {
        const a = postDoc[p]!;
        const tf = postTf[p]!;
        if (scores[a] === 0) touched[count++] = a;
        scores[a]! += (weight * tf * (K1 + 1)) / (tf + norms[a]!);
      }
    }
  }
  scratch.count = count;
}

/** Sets every touched sum back to zero. */
export function clearLexical(scratch: LexicalScratch): void {
  for (let k = 0; k < scratch.count; k++) scratch.scores[scratch.touched[k]!] = 0;
  scratch.count = 0;
}

const normsCache = new WeakMap<CorpusIndex, Float64Array>();

/** BM25's length normalisation of every article, computed once per corpus index. */
function lengthNorms(index: CorpusIndex): Float64Array {
  let norms = normsCache.get(index);
  if (!norms) {
    norms = new Float64Array(index.size);
    for (let a = 0; a < index.size; a++) {
      const length = index.docStart[a + 1]! - index.docStart[a]!;
      norms[a] = K1 * (1 - B + (B * length) / (index.avgLength || 1));
    }
    normsCache.set(index, norms);
  }
  return norms;
}
