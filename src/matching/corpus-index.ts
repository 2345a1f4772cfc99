import type { Article } from '../articles/article.ts';
import { scanTokens } from './scan-tokens.ts';

/**
 * Everything the matcher needs to know about the article corpus, built once per run and shared by
 * every episode. Tokens of all articles live in one typed array (headline first, then body), with
 * per-token offsets into the original text; the inverted index is in CSR form (one offsets array,
 * one postings array), which keeps 20,000 articles in tens of megabytes.
 */
export interface CorpusIndex {
  articles: readonly Article[];
  /** Number of articles. */
  size: number;
  /** Token string → token id. */
  vocab: Map<string, number>;
  /** Token id → token string. */
  words: string[];
  /** Token ids of all articles, concatenated: headline tokens, then body tokens. */
  tokens: Int32Array;
  /** Offset of each token in its source string (headline or body text). */
  starts: Int32Array;
  ends: Int32Array;
  /** 1 when the token was written with a capital letter. */
  caps: Uint8Array;
  /** Article a owns tokens [docStart[a], docStart[a + 1]); its headline is [docStart[a], bodyStart[a]). */
  docStart: Int32Array;
  bodyStart: Int32Array;
  /** Number of articles containing each token id. */
  df: Int32Array;
  /** Articles containing token id t: postDoc[postStart[t] .. postStart[t + 1]), ascending, with term counts. */
  postStart: Int32Array;
  postDoc: Int32Array;
  postTf: Uint16Array;
  /** Mean article length in tokens. */
  avgLength: number;
  /** Publication times in ms, NaN when undated. */
  published: Float64Array;
}

/** Tokenises every article once and builds the shared index. */
export function buildCorpusIndex(articles: readonly Article[]): CorpusIndex {
  const vocab = new Map<string, number>();
  const words: string[] = [];
  let capacity = 1024;
  let tokens = new Int32Array(capacity);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let caps = new Uint8Array(capacity);
  let count = 0;
  const docStart = new Int32Array(articles.length + 1);
  const bodyStart = new Int32Array(articles.length);
  const push = (token: string, start: number, end: number, capitalised: boolean): void => {
    if (count === capacity) {
      capacity *= 2;
      tokens = grow(tokens, capacity);
      starts = grow(starts, capacity);
      ends = grow(ends, capacity);
      const nextCaps = new Uint8Array(capacity);
      nextCaps.set(caps);
      caps = nextCaps;
    }
    let id = vocab.get(token);
    if (id === undefined) {
      id = words.length;
      vocab.set(token, id);
      words.push(token);
    }
    tokens[count] = id;
    starts[count] = start;
    ends[count] = end;
    caps[count] = capitalised ? 1 : 0;
    count++;
  };
  for (let a = 0; a < articles.length; a++) {
    const article = articles[a]!;
    docStart[a] = count;
    scanTokens(article.title, push);
    bodyStart[a] = count;
    scanTokens(article.text, push);
  }
  docStart[articles.length] = count;

  // Document frequencies and term counts, in two passes over the token array.
  const vocabSize = words.length;
  const df = new Int32Array(vocabSize);
  const lastDoc = new Int32Array(vocabSize).fill(-1);
  for (let a = 0; a < articles.length; a++) {
    for (let i = docStart[a]!; i < docStart[a + 1]!; i++) {
      const t = tokens[i]!;
      if (lastDoc[t] !== a) {
        lastDoc[t] = a;
        df[t]!++;
      }
    }
  }
  const postStart = new Int32Array(vocabSize + 1);
  for (let t = 0; t < vocabSize; t++) postStart[t + 1] = postStart[t]! + df[t]!;
  const postDoc = new Int32Array(postStart[vocabSize]!);
  const postTf = new Uint16Array(postStart[vocabSize]!);
  const fill = postStart.slice(0, vocabSize);
  lastDoc.fill(-1);
  for (let a = 0; a < articles.length; a++) {
    for (let i = docStart[a]!; i < docStart[a + 1]!; i++) {
      const t = tokens[i]!;
      if (lastDoc[t] !== a) {
        lastDoc[t] = a;
        postDoc[fill[t]!] = a;
        fill[t]!++;
      }
      const slot = fill[t]! - 1;
      if (postTf[slot]! < 65535) postTf[slot]!++;
    }
  }
  const published = new Float64Array(articles.length);
  for (let a = 0; a < articles.length; a++) published[a] = articles[a]!.published?.getTime() ?? NaN;
  return {
    articles,
    size: articles.length,
    vocab,
    words,
    tokens: tokens.subarray(0, count),
    starts: starts.subarray(0, count),
    ends: ends.subarray(0, count),
    caps: caps.subarray(0, count),
    docStart,
    bodyStart,
    df,
    postStart,
    postDoc,
    postTf,
    avgLength: articles.length ? count / articles.length : 0,
    published,
  };
}

function grow(array: Int32Array<ArrayBuffer>, capacity: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(capacity);
  next.set(array);
  return next;
}

/** Inverse document frequency scaled to [0, 1] by the corpus size: 1 for a word in one article, 0 for one in all. */
export function idfOf(index: CorpusIndex, df: number): number {
  if (df <= 0) return 1;
  const n = index.size;
  return Math.log((n + 1) / df) / Math.log(n + 1);
}

/** The text a token's offsets point into. */
export function sourceOf(index: CorpusIndex, article: number, position: number): string {
  const a = index.articles[article]!;
  return position < index.bodyStart[article]! ? a.title : a.text;
}
