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
  ids: Int32Array;
  weights: Float64Array;
  shingles: number;
  speaker: number[];
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
  episodes.forEach((episode, e) => {
    for (const quote of episode.quotes) {
      const words = tokenize(quote.text);
      if (words.length < MIN_QUOTE_WORDS) continue;
      const ids = new Int32Array(words.length);
      const weights = new Float64Array(words.length);
      for (let k = 0; k < words.length; k++) {
        const id = index.vocab.get(words[k]!) ?? -1;
        ids[k] = id;
        weights[k] = id < 0 ? 1 : Math.max(0.1, idfOf(index, index.df[id]!));
      }
      const speaker = tokenize(quote.speaker).map((w) => index.vocab.get(w) ?? -1);
      prepared.push({ episode: e, quote, ids, weights, shingles: 0, speaker });
    }
  });
  if (prepared.length === 0) return result;
  // Each indexed 3-gram is an entry (its quote and position); entries of one hash are chained,
  // the last added first.
  let capacity = 0;
  for (const quote of prepared) capacity += Math.max(0, quote.ids.length - 2);
  const entryQuote = new Int32Array(capacity);
  const entryPos = new Int32Array(capacity);
  const entryNext = new Int32Array(capacity);
  const heads = new IntTable(capacity);
  const firstWords = new Uint8Array(index.words.length);
  let entries = 0;
  prepared.forEach((quote, q) => {
    const { ids } = quote;
    for (let p = 0; p + 2 < ids.length; p++) {
      const a = ids[p]!, b = ids[p + 1]!, c = ids[p + 2]!;
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
        const p = entryPos[entry]!;
        const ids = prepared[q]!.ids;
        if (ids[p] === t0 && ids[p + 1] === t1 && ids[p + 2] === t2) {
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
        const match = verifyQuote(index, a, quote, hitFirst[q]!, hitLast[q]!);
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

function verifyQuote(index: CorpusIndex, article: number, quote: PreparedQuote, firstHit: number, lastHit: number): QuoteMatch | undefined {
  const m = quote.ids.length;
  const lo = Math.max(index.docStart[article]!, firstHit - 2 * m);
  const hi = Math.min(index.docStart[article + 1]!, Math.min(lastHit, firstHit + 4 * m) + 2 * m);
  const alignment = alignQuote(quote.ids, quote.weights, index.tokens, lo, hi);
  if (!alignment || alignment.matched < Math.min(MIN_MATCHED, m) || alignment.coverage < MIN_COVERAGE) return undefined;
  return {
    quote: quote.quote,
    coverage: alignment.coverage,
    attribution: attributionOf(index, article, quote.speaker, alignment.first, alignment.last),
    text: spanText(index, article, alignment.first, alignment.last),
  };
}

/** Whether the speaker's surname (or full name) appears near the matched words, elsewhere, or not at all. */
function attributionOf(index: CorpusIndex, article: number, speaker: number[], first: number, last: number): QuoteMatch['attribution'] {
  const surname = speaker[speaker.length - 1];
  if (surname === undefined || surname < 0) return 'absent';
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
