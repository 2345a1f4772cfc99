import type { Article } from './article.ts';
import { defineLazyHtml, unsanitizedHtml } from './lazy-article-html.ts';

/** One feed's articles as bytes: what a worker hands the main thread and the parse cache stores. */
export interface PackedArticles {
  /** How many articles the bytes hold. */
  length: number;
  bytes: Uint8Array;
}

/** The string fields read at once, in `Article` key order. */
const EAGER = ['url', 'title', 'source', 'text', 'excerpt'] as const;

/** The layout's header: everything but the strings, and where each string is. */
interface Header {
  count: number;
  /** Per eager field: the byte length of its UTF-8 column, then each article's length in UTF-16 units. */
  columns: { bytes: number; lengths: number[] }[];
  /** Byte length of each article's unsanitized body, the last column. */
  bodies: number[];
  /** Milliseconds since the epoch, null when undated. */
  published: (number | null)[];
  authors: (string | null)[];
  images: (string | null)[];
}

/**
 * Packs articles made by `feedItemToArticle` (or unpacked) into bytes: a JSON header (uint32
 * LE length first), then each string field of every article as one UTF-8 column. Moving a few
 * long strings costs a fraction of 20,000 objects' worth of structured clone, and the body
 * (the unsanitized HTML behind `html`, which a build rarely reads) is decoded only when read.
 */
export function packArticles(articles: readonly Article[]): PackedArticles {
  const header: Header = { count: articles.length, columns: [], bodies: [], published: [], authors: [], images: [] };
  const chunks: Buffer[] = [];
  for (const field of EAGER) {
    const values = articles.map((article) => article[field]);
    const utf8 = Buffer.from(values.join(''), 'utf8');
    chunks.push(utf8);
    header.columns.push({ bytes: utf8.byteLength, lengths: values.map((value) => value.length) });
  }
  const bodies = articles.map((article) => {
    const body = unsanitizedHtml(article);
    if (body === undefined) throw new Error('internal error: only articles read from a feed can be packed');
    return Buffer.from(body, 'utf8');
  });
  chunks.push(...bodies);
  for (const [i, article] of articles.entries()) {
    header.bodies.push(bodies[i]!.byteLength);
    header.published.push(article.published ? article.published.getTime() : null);
    header.authors.push(article.author ?? null);
    header.images.push(article.image ?? null);
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32LE(json.byteLength, 0);
  return { length: articles.length, bytes: Buffer.concat([prefix, json, ...chunks]) };
}

/**
 * The articles `packArticles` packed, equal field for field (same key order, same lazy `html`).
 * The bytes are kept, not copied: each body is decoded from them on its first read.
 */
export function unpackArticles(packed: Uint8Array): Article[] {
  const bytes = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  const jsonEnd = 4 + bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.toString('utf8', 4, jsonEnd)) as Header;
  let at = jsonEnd;
  const columns = header.columns.map(({ bytes: size, lengths }) => {
    const joined = bytes.toString('utf8', at, (at += size));
    const values: string[] = [];
    let from = 0;
    for (const length of lengths) values.push(joined.slice(from, (from += length)));
    return values;
  });
  const [urls = [], titles = [], sources = [], texts = [], excerpts = []] = columns;
  return urls.map((url, i) => {
    const article = { url, title: titles[i], source: sources[i], text: texts[i], excerpt: excerpts[i] } as Article;
    const start = at;
    const end = (at += header.bodies[i] ?? 0);
    defineLazyHtml(article, () => bytes.toString('utf8', start, end));
    const time = header.published[i];
    if (time !== null && time !== undefined) article.published = new Date(time);
    const author = header.authors[i];
    if (author !== null && author !== undefined) article.author = author;
    const image = header.images[i];
    if (image !== null && image !== undefined) article.image = image;
    return article;
  });
}
