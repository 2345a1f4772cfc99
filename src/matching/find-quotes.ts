import type { Episode, Quote } from '../episodes/episode.ts';
import { alignQuote } from './align-quote.ts';
import { idfOf, sourceOf, spanOffsets, type CorpusIndex } from './corpus-index.ts';
import { IntTable } from './int-table.ts';
import { tokenize } from './scan-tokens.ts';

/** One of an episode's quotes found in an article. */
export interface QuoteMatch {
  quote: Quote;
  /** Share of the quote's (rarity-weighted) words found, 0..1. */
  coverage: number;
  /** The speaker is named near the quote, elsewhere in the article, or not at all. */
  attribution: 'near' | 'elsewhere' | 'absent';
  /** The matched words as the article wrote them. */
  text: string;
}

/** Quotes shorter than this many words are too common to be evidence. */
const MIN_QUOTE_WORDS = 5;
/** Fewest matched words and least weighted coverage for a quote to count as found. */
const MIN_MATCHED = 5;
const MIN_COVERAGE = 0.5;
/** Tokens either side of a match searched for the speaker's name. */
const ATTRIBUTION_WINDOW = 60;

interface PreparedQuote {
  episode: number;
  quote: Quote;
  /** Its token ids (-1 for words no article uses) and weights, at [start, start + length) of the shared arrays. */
  start: number;
  length: number;
  shingles: number;
  /** The speaker's surname (last word) as a token id, -1 when no article uses it or there is none. */
  surname: number;
}

/**
 * The token ids and weights of all quotes, end to end: two arrays, not two per quote (tens of
 * thousands of small typed arrays cost more, in memory and time, than the search itself).
 */
interface QuoteWords {
  ids: Int32Array;
  weights: Float64Array;
}

function shingleHash(a: number, b: number, c: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77) ^ Math.imul(c + 7, 0xc2b2ae3d)) | 0;
}

/**
 * Finds every episode quote repeated in an article, changed or not. The quotes' word 3-grams go
 * into one hash map (the small side); each article's 3-grams stream through it once; a quote with
 * enough 3-grams in an article is then aligned word by word around them. 3-grams made only of
 * words found in more than 1% of articles ("one of the") are not indexed, so stock phrases
 * nominate nothing.
 * Returns, per episode (same order as `episodes`), the matches per article index.
 */
export function findQuotes(index: CorpusIndex, episodes: readonly Episode[]): Map<number, QuoteMatch[]>[] {
  const result = episodes.map(() => new Map<number, QuoteMatch[]>());
  const prepared: PreparedQuote[] = [];
  const commonDf = Math.max(3, Math.ceil(index.size * 0.01));
  const texts: string[][] = [];
  let total = 0;
  episodes.forEach((episode, e) => {
    for (const quote of episode.quotes) {
      const words = tokenize(quote.text);
      if (words.length < MIN_QUOTE_WORDS) continue;
      const speaker = tokenize(quote.speaker);
      const surname = speaker.length > 0 ? (index.vocab.get(speaker[speaker.length - 1]!) ?? -1) : -1;
      prepared.push({ episode: e, quote, start: total, length: words.length, shingles: 0, surname });
      texts.push(words);
      total += words.length;
    }
  });
  if (prepared.length === 0) return result;
  const all: QuoteWords = { ids: new Int32Array(total), weights: new Float64Array(total) };
  texts.forEach((words, q) => {
    const start = prepared[q]!.start;
    for (let k = 0; k < words.length; k++) {
      const id = index.vocab.get(words[k]!) ?? -1;
      all.ids[start + k] = id;
      all.weights[start + k] = id < 0 ? 1 : Math.max(0.1, idfOf(index, index.df[id]!));
    }
  });
  const quoteIds = all.ids;
  // Each indexed 3-gram is an entry (its quote and position); entries of one hash are chained,
  // the last added first.
  let capacity = 0;
  for (const quote of prepared) capacity += Math.max(0, quote.length - 2);
  const entryQuote = new Int32Array(capacity);
  const entryPos = new Int32Array(capacity);
  const entryNext = new Int32Array(capacity);
  const heads = new IntTable(capacity);
  const firstWords = new Uint8Array(index.words.length);
  let entries = 0;
  prepared.forEach((quote, q) => {
    const { start, length } = quote;
    for (let p = 0; p + 2 < length; p++) {
      const a = quoteIds[start + p]!, b = quoteIds[start + p + 1]!, c = quoteIds[start + p + 2]!;
      if (a < 0 || b < 0 || c < 0) continue;
      if (Math.min(index.df[a]!, index.df[b]!, index.df[c]!) > commonDf) continue;
      entryQuote[entries] = q;
      entryPos[entries] = p;
      entryNext[entries] = heads.put(shingleHash(a, b, c), entries);
      entries++;
      firstWords[a] = 1;
      quote.shingles++;
    }
  });

  const hitCount = new Int32Array(prepared.length);
  const hitFirst = new Int32Array(prepared.length);
  const hitLast = new Int32Array(prepared.length);
  const touched: number[] = [];
  const { tokens, docStart } = index;
  for (let a = 0; a < index.size; a++) {
    const end = docStart[a + 1]!;
    for (let i = docStart[a]!; i + 2 < end; i++) {
      const t0 = tokens[i]!;
      if (firstWords[t0] === 0) continue;
      const t1 = tokens[i + 1]!, t2 = tokens[i + 2]!;
      let entry = heads.get(shingleHash(t0, t1, t2));
      while (entry >= 0) {
        const q = entryQuote[entry]!;
        const p = prepared[q]!.start + entryPos[entry]!;
        if (quoteIds[p] === t0 && quoteIds[p + 1] === t1 && quoteIds[p + 2] === t2) {
          if (hitCount[q] === 0) {
            touched.push(q);
            hitFirst[q] = i;
          }
          hitCount[q]!++;
          hitLast[q] = i + 2;
        }
        entry = entryNext[entry]!;
      }
    }
    for (const q of touched) {
      const quote = prepared[q]!;
      // Two 3-grams make a candidate; one is enough for a short quote that an attribution may split.
      if (hitCount[q]! >= (quote.shingles >= 6 ? 2 : 1)) {
        const match = verifyQuote(index, a, quote, all, hitFirst[q]!, hitLast[q]!);
        if (match) {
          const perArticle = result[quote.episode]!;
          const list = perArticle.get(a) ?? [];
          list.push(match);
          perArticle.set(a, list);
        }
      }
      hitCount[q] = 0;
    }
    touched.length = 0;
  }
  return result;
}

function verifyQuote(
  index: CorpusIndex,
  article: number,
  quote: PreparedQuote,
  all: QuoteWords,
  firstHit: number,
  lastHit: number,
): QuoteMatch | undefined {
  const m = quote.length;
  const lo = Math.max(index.docStart[article]!, firstHit - 2 * m);
  const hi = Math.min(index.docStart[article + 1]!, Math.min(lastHit, firstHit + 4 * m) + 2 * m);
  const end = quote.start + m;
  const alignment = alignQuote(all.ids.subarray(quote.start, end), all.weights.subarray(quote.start, end), index.tokens, lo, hi);
  if (!alignment || alignment.matched < Math.min(MIN_MATCHED, m) || alignment.coverage < MIN_COVERAGE) return undefined;
  return {
    quote: quote.quote,
    coverage: alignment.coverage,
    attribution: attributionOf(index, article, quote.surname, alignment.first, alignment.last),
    text: spanText(index, article, alignment.first, alignment.last),
  };
}

/** Whether the speaker's surname (or full name) appears near the matched words, elsewhere, or not at all. */
function attributionOf(index: CorpusIndex, article: number, surname: number, first: number, last: number): QuoteMatch['attribution'] {
  if (surname < 0) return 'absent';
  const lo = index.docStart[article]!;
  const hi = index.docStart[article + 1]!;
  let anywhere = false;
  for (let i = lo; i < hi; i++) {
    if (index.tokens[i] !== surname) continue;
    if (i >= first - ATTRIBUTION_WINDOW && i <= last + ATTRIBUTION_WINDOW) return 'near';
    anywhere = true;
  }
  return anywhere ? 'elsewhere' : 'absent';
}

/** The article's own characters from the first to the last aligned token, within one text. */
function spanText(index: CorpusIndex, article: number, first: number, last: number): string {
  const body = index.bodyStart[article]!;
  if (first < body && last >= body) last = body - 1;
  const [start, end] = spanOffsets(index, article, first, last);
  return sourceOf(index, article, first).slice(start, end).replace(/\s+/g, ' ');
}
