import type { Article } from '../articles/article.ts';
import { scanInto, scanRawTokens, TokenOutput, Vocabulary } from './scan-tokens.ts';

/**
 * Everything the matcher needs to know about the article corpus, built once per run and shared by
 * every episode. Tokens of all articles live in one typed array (headline first, then body;
 * character offsets are found again only for matched quotes, see `spanOffsets`); the inverted
 * index is in CSR form (one offsets array, one postings array), which keeps 20,000 articles in
 * tens of megabytes. Phrases are found by reading the tokens (`findPhrases`): positional
 * postings cost more to build, in time and fresh memory, than all phrase look-ups of a build.
 */
export interface CorpusIndex {
  articles: readonly Article[];
  /** Number of articles. */
  size: number;
  /** Token string ↔ token id. */
  vocab: Vocabulary;
  /** Token id → token string. */
  words: string[];
  /** Token ids of all articles, concatenated: headline tokens, then body tokens. */
  tokens: Int32Array;
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
  const vocab = new Vocabulary();
  const out = new TokenOutput();
  // Sized once from the text length (about one token per six characters), so it rarely grows.
  let characters = 0;
  for (const article of articles) characters += article.title.length + article.text.length;
  out.reserve(Math.ceil(characters / 5) + 1024);
  const docStart = new Int32Array(articles.length + 1);
  const bodyStart = new Int32Array(articles.length);
  // Document frequencies are counted as each article is scanned, while its tokens are still in
  // the cache (a pass of its own over the 20 MB of tokens cost more).
  let df = new Int32Array(1 << 12);
  let lastDoc = new Int32Array(1 << 12).fill(-1);
  for (let a = 0; a < articles.length; a++) {
    const article = articles[a]!;
    const start = (docStart[a] = out.count);
    scanInto(article.title, out, vocab);
    bodyStart[a] = out.count;
    scanInto(article.text, out, vocab);
    if (vocab.size > df.length) {
      const size = Math.max(vocab.size, df.length * 2);
      df = grownInt(df, new Int32Array(size));
      lastDoc = grownInt(lastDoc, new Int32Array(size).fill(-1));
    }
    const ids = out.ids;
    for (let i = start; i < out.count; i++) {
      const t = ids[i]!;
      if (lastDoc[t] !== a) {
        lastDoc[t] = a;
        df[t]!++;
      }
    }
  }
  const count = out.count;
  docStart[articles.length] = count;
  const { ids: tokens, caps } = out;
  const all = tokens.subarray(0, count);
  const { postStart, postDoc, postTf } = invert(all, docStart, articles.length, df.subarray(0, vocab.size), lastDoc);
  const published = new Float64Array(articles.length);
  for (let a = 0; a < articles.length; a++) published[a] = articles[a]!.published?.getTime() ?? NaN;
  return {
    articles,
    size: articles.length,
    vocab,
    words: vocab.words,
    tokens: all,
    caps: caps.subarray(0, count),
    docStart,
    bodyStart,
    df: df.slice(0, vocab.size),
    postStart,
    postDoc,
    postTf,
    avgLength: articles.length ? count / articles.length : 0,
    published,
  };
}

/** The CSR inverted index from the document frequencies, in one pass over the token array; `lastDoc` is scratch. */
function invert(tokens: Int32Array, docStart: Int32Array, docs: number, df: Int32Array, lastDoc: Int32Array) {
  const vocabSize = df.length;
  const postStart = new Int32Array(vocabSize + 1);
  for (let t = 0; t < vocabSize; t++) postStart[t + 1] = postStart[t]! + df[t]!;
  const postDoc = new Int32Array(postStart[vocabSize]!);
  const postTf = new Uint16Array(postStart[vocabSize]!);
  const fill = postStart.slice(0, vocabSize);
  lastDoc.fill(-1);
  for (let a = 0; a < docs; a++) {
    const end = docStart[a + 1]!;
    for (let i = docStart[a]!; i < end; i++) {
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
  return { postStart, postDoc, postTf };
}

function grownInt(old: Int32Array<ArrayBuffer>, next: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  next.set(old);
  return next;
}

/** Inverse document frequency scaled to [0, 1] by the corpus size: 1 for a word in one article, 0 for one in all. */
export function idfOf(index: CorpusIndex, df: number): number {
  if (df <= 0) return 1;
  const n = index.size;
  return Math.log((n + 1) / df) / Math.log(n + 1);
}

/** The text a token comes from: the article's headline or its body. */
export function sourceOf(index: CorpusIndex, article: number, position: number): string {
  const a = index.articles[article]!;
  return position < index.bodyStart[article]! ? a.title : a.text;
}

/**
 * The character offsets [start, end) in its source text of the tokens from `first` to `last`
 * (absolute positions, in one text). Found by scanning the source again: offsets are needed only
 * for the few matched quotes, and not storing them keeps the index small and quick to build.
 */
export function spanOffsets(index: CorpusIndex, article: number, first: number, last: number): [number, number] {
  const base = first < index.bodyStart[article]! ? index.docStart[article]! : index.bodyStart[article]!;
  let k = 0;
  let start = 0;
  let end = 0;
  scanRawTokens(sourceOf(index, article, first), (_buffer, _length, _hash, from, to) => {
    if (base + k === first) start = from;
    if (base + k === last) end = to;
    k++;
  });
  return [start, end];
}
