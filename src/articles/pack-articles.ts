import { readFileSync } from 'node:fs';
import type { Article } from './article.ts';
import { makeExcerpt } from './html-to-text.ts';
import { defineLazyHtml, unsanitizedHtml } from './lazy-article-html.ts';

/** One feed's articles as bytes: what a worker hands the main thread and the parse cache stores. */
export interface PackedArticles {
  /** How many articles the bytes hold. */
  length: number;
  bytes: Uint8Array;
}

/**
 * Packed articles left in a parse cache entry, from `offset` to the end of `file`: read only when
 * the articles themselves are needed, which a build whose corpus index is cached never does.
 */
export interface StoredArticles {
  length: number;
  file: string;
  offset: number;
}

/** Articles a thread parsed and kept as they are, for itself (`DeferredEntries`). */
export interface KeptArticles {
  length: number;
  list: Article[];
}

/** The packed bytes, read from the cache entry when they were left there. */
export function packedBytes(articles: PackedArticles | StoredArticles): Uint8Array {
  return 'bytes' in articles ? articles.bytes : readFileSync(articles.file).subarray(articles.offset);
}

/** The articles of one feed's parse, however they were kept. */
export function articlesOf(articles: PackedArticles | StoredArticles | KeptArticles): Article[] {
  return 'list' in articles ? articles.list : unpackArticles(packedBytes(articles));
}

/** The string fields stored as columns, in `Article` key order. */
const COLUMNS = ['url', 'title', 'source', 'text'] as const;

/** A character Latin-1 cannot hold. */
const WIDE = /[^\u0000-\u00ff]/;

/** Where one string field of every article is. */
interface Column {
  /** Byte length of the Latin-1 part (the values that fit Latin-1), then of the UTF-8 part (the others). */
  narrowBytes: number;
  wideBytes: number;
  /** Each article's length in UTF-16 units. */
  lengths: number[];
  /** Indexes of the articles whose value is in the UTF-8 part. */
  wide: number[];
}

/** The layout's header: everything but the strings, and where each string is. */
interface Header {
  columns: Column[];
  /** Byte length (UTF-8) of each article's unsanitized body, stored after the columns. */
  bodies: number[];
  /** Milliseconds since the epoch, null when undated. */
  published: (number | null)[];
  authors: (string | null)[];
  images: (string | null)[];
}

/**
 * Packs articles made by `feedItemToArticle` (or unpacked) into bytes: a JSON header (uint32
 * LE length first), then each string field of every article as a column, then the bodies.
 * Why: a few long strings cost a fraction of 20,000 objects' structured clone; strings cut from
 * a decoded feed take two bytes a character in V8 even when they are ASCII, while a Latin-1
 * column comes back as one-byte strings (half the memory for the matcher); the excerpt is
 * `makeExcerpt(text)` by definition, so it is made again on first read instead of carried; and
 * the body (behind `html`, which a build rarely reads) is decoded only when read.
 */
export function packArticles(articles: readonly Article[]): PackedArticles {
  const header: Header = { columns: [], bodies: [], published: [], authors: [], images: [] };
  // Per column, its values in the order written: the Latin-1 ones one by one (joining them first
  // made a copy of the whole column, tens of megabytes, for nothing), then the others joined.
  const narrowParts: string[][] = [];
  const wideParts: string[] = [];
  for (const field of COLUMNS) {
    const narrow: string[] = [];
    const wide: number[] = [];
    const wideValues: string[] = [];
    const lengths: number[] = [];
    let narrowBytes = 0;
    for (let i = 0; i < articles.length; i++) {
      const value = articles[i]![field];
      lengths.push(value.length);
      if (WIDE.test(value)) {
        wide.push(i);
        wideValues.push(value);
      } else {
        narrow.push(value);
        narrowBytes += value.length;
      }
    }
    // Joined, as before: UTF-8 of the joined values is what the reader decodes and slices.
    const wideValue = wideValues.join('');
    narrowParts.push(narrow);
    wideParts.push(wideValue);
    header.columns.push({ narrowBytes, wideBytes: Buffer.byteLength(wideValue, 'utf8'), lengths, wide });
  }
  const bodies: string[] = [];
  for (const article of articles) {
    const body = unsanitizedHtml(article);
    if (body === undefined) throw new Error('internal error: only articles read from a feed can be packed');
    bodies.push(body);
    header.bodies.push(Buffer.byteLength(body, 'utf8'));
    header.published.push(article.published ? article.published.getTime() : null);
    header.authors.push(article.author ?? null);
    header.images.push(article.image ?? null);
  }
  const json = JSON.stringify(header);
  const jsonBytes = Buffer.byteLength(json, 'utf8');
  let size = 4 + jsonBytes;
  for (const c of header.columns) size += c.narrowBytes + c.wideBytes;
  for (const b of header.bodies) size += b;
  const bytes = Buffer.allocUnsafeSlow(size);
  bytes.writeUInt32LE(jsonBytes, 0);
  let at = 4 + bytes.write(json, 4, 'utf8');
  narrowParts.forEach((narrow, c) => {
    for (const value of narrow) at += bytes.write(value, at, 'latin1');
    at += bytes.write(wideParts[c]!, at, 'utf8');
  });
  for (const body of bodies) at += bytes.write(body, at, 'utf8');
  return { length: articles.length, bytes };
}

/**
 * The articles `packArticles` packed, equal field for field (same key order, same lazy `html`).
 * The bytes are kept, not copied: each body is decoded from them on its first read.
 */
export function unpackArticles(packed: Uint8Array): Article[] {
  const bytes = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  let at = 4 + bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.toString('utf8', 4, at)) as Header;
  const columns = header.columns.map((column) => {
    const narrow = bytes.toString('latin1', at, (at += column.narrowBytes));
    const wide = bytes.toString('utf8', at, (at += column.wideBytes));
    const isWide = new Set(column.wide);
    const values: string[] = [];
    let fromNarrow = 0;
    let fromWide = 0;
    column.lengths.forEach((length, i) => {
      if (isWide.has(i)) values.push(wide.slice(fromWide, (fromWide += length)));
      else values.push(narrow.slice(fromNarrow, (fromNarrow += length)));
    });
    return values;
  });
  const [urls = [], titles = [], sources = [], texts = []] = columns;
  return urls.map((url, i) => {
    const text = texts[i] as string;
    const article = { url, title: titles[i], source: sources[i], text } as Article;
    let excerpt: string | undefined;
    Object.defineProperty(article, 'excerpt', { enumerable: true, get: () => (excerpt ??= makeExcerpt(text)) });
    const start = at;
    const end = (at += header.bodies[i] ?? 0);
    defineLazyHtml(article, () => bytes.toString('utf8', start, end), false);
    const time = header.published[i];
    if (time !== null && time !== undefined) article.published = new Date(time);
    const author = header.authors[i];
    if (author !== null && author !== undefined) article.author = author;
    const image = header.images[i];
    if (image !== null && image !== undefined) article.image = image;
    return article;
  });
}
