import type { Article } from '../articles/article.ts';
import type { CorpusIndex } from './corpus-index.ts';
import { Vocabulary } from './scan-tokens.ts';

/**
 * A corpus index as plain data for `v8.serialize`: typed arrays, and the articles' strings packed
 * into one UTF-8 byte array. Typed arrays are copied as they are by `v8.deserialize`, where 20,000
 * article objects with their texts take about a second to revive.
 */
export type StoredCorpusIndex = Omit<CorpusIndex, 'vocab' | 'articles'> & { articles: PackedArticles };

/** Article string fields, UTF-8 in `bytes`; field f of article a is bytes[bounds[2(aF + f)], bounds[2(aF + f) + 1]), -1 when absent. */
interface PackedArticles {
  bytes: Uint8Array;
  bounds: Int32Array;
  /** Strings UTF-8 cannot carry (a lone surrogate), by field slot. */
  raw: Map<number, string>;
}

const FIELDS = ['url', 'title', 'source', 'text', 'excerpt', 'author', 'image'] as const;
type Field = (typeof FIELDS)[number];
const F = FIELDS.length;
const SURROGATE = /[\uD800-\uDFFF]/;

type Typed = Int32Array | Uint8Array | Uint16Array | Float64Array;
const TYPES = { Int32Array, Uint8Array, Uint16Array, Float64Array } as const;
type TypeName = keyof typeof TYPES;
const MAGIC = 0x53_4e_43_49; // "SNCI"

/**
 * The index as bytes: a JSON header (`meta`, the words, the scalars, where each array lies), then
 * every typed array as it is in memory, 8-byte aligned. `decodeCorpusIndex` makes views on those
 * bytes without copying them, so a 100 MB index is usable as soon as it is read.
 */
export function encodeCorpusIndex(index: CorpusIndex, meta: string): Uint8Array[] {
  const { articles, ...rest } = storeCorpusIndex(index);
  const arrays: [string, Typed][] = [];
  const scalars: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (ArrayBuffer.isView(value)) arrays.push([name, value as Typed]);
    else scalars[name] = value;
  }
  arrays.push(['articles.bytes', articles.bytes], ['articles.bounds', articles.bounds]);
  let offset = 0;
  const layout = arrays.map(([name, array]) => {
    const entry = { name, type: array.constructor.name as TypeName, offset, length: array.length };
    offset += align(array.byteLength);
    return entry;
  });
  const header = Buffer.from(JSON.stringify({ meta, scalars, raw: [...articles.raw], layout }), 'utf8');
  const start = align(8 + header.byteLength);
  const prefix = new Uint8Array(start);
  const view = new DataView(prefix.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.byteLength, true);
  prefix.set(header, 8);
  const chunks: Uint8Array[] = [prefix];
  for (const [, array] of arrays) {
    chunks.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    const padding = align(array.byteLength) - array.byteLength;
    if (padding) chunks.push(new Uint8Array(padding));
  }
  return chunks;
}

/** The `meta` and index of `encodeCorpusIndex`'s bytes (read into an 8-byte-aligned buffer), or undefined when they are not one. */
export function decodeCorpusIndex(bytes: Uint8Array): { meta: string; index: CorpusIndex } | undefined {
  if (bytes.byteLength < 8 || bytes.byteOffset % 8 !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return undefined;
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, headerLength).toString('utf8')) as {
    meta: string;
    scalars: Record<string, unknown>;
    raw: [number, string][];
    layout: { name: string; type: TypeName; offset: number; length: number }[];
  };
  const base = bytes.byteOffset + align(8 + headerLength);
  const arrays: Record<string, Typed> = {};
  for (const { name, type, offset, length } of header.layout) {
    const Type = TYPES[type];
    if (base + offset + length * Type.BYTES_PER_ELEMENT > bytes.byteOffset + bytes.byteLength) return undefined;
    arrays[name] = new Type(bytes.buffer as ArrayBuffer, base + offset, length);
  }
  const { 'articles.bytes': packedBytes, 'articles.bounds': bounds, ...rest } = arrays;
  const stored = {
    ...header.scalars,
    ...rest,
    articles: { bytes: packedBytes as Uint8Array, bounds: bounds as Int32Array, raw: new Map(header.raw) },
  } as StoredCorpusIndex;
  return { meta: header.meta, index: restoreCorpusIndex(stored) };
}

function align(n: number): number {
  return (n + 7) & ~7;
}

/** The index as plain data; `restoreCorpusIndex` gives it back. The articles' HTML is not kept (matching never reads it). */
export function storeCorpusIndex(index: CorpusIndex): StoredCorpusIndex {
  const { vocab: _vocab, articles, ...rest } = index;
  return { ...rest, articles: packArticles(articles) };
}

/** An index from its stored form; its articles decode their strings on first read and throw on `html`. */
export function restoreCorpusIndex(stored: StoredCorpusIndex): CorpusIndex {
  const { articles: packed, ...rest } = stored;
  const articles = Array.from({ length: stored.size }, (_, a) => new PackedArticle(packed, a, stored.published[a]!));
  return { ...rest, vocab: Vocabulary.fromWords(stored.words), articles };
}

function packArticles(articles: readonly Article[]): PackedArticles {
  const bounds = new Int32Array(articles.length * F * 2).fill(-1);
  const raw = new Map<number, string>();
  let total = 0;
  const lengths = new Int32Array(articles.length * F).fill(-1);
  articles.forEach((article, a) => {
    FIELDS.forEach((field, f) => {
      const value = article[field];
      if (value === undefined) return;
      if (SURROGATE.test(value) && Buffer.from(value, 'utf8').toString('utf8') !== value) raw.set(a * F + f, value);
      else total += lengths[a * F + f] = Buffer.byteLength(value, 'utf8');
    });
  });
  const bytes = Buffer.allocUnsafe(total);
  let at = 0;
  articles.forEach((article, a) => {
    FIELDS.forEach((field, f) => {
      const length = lengths[a * F + f]!;
      if (length < 0) return;
      bytes.write(article[field]!, at, 'utf8');
      bounds[2 * (a * F + f)] = at;
      bounds[2 * (a * F + f) + 1] = at += length;
    });
  });
  // A plain Uint8Array: v8 stores a Buffer's whole pool otherwise.
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), bounds, raw };
}

/** An article of a restored index: each string decoded once, when first read. */
class PackedArticle implements Article {
  readonly #packed: PackedArticles;
  readonly #article: number;
  readonly #published: number;
  readonly #decoded: (string | undefined)[] = [];

  constructor(packed: PackedArticles, article: number, published: number) {
    this.#packed = packed;
    this.#article = article;
    this.#published = published;
  }

  #field(field: Field): string | undefined {
    const f = FIELDS.indexOf(field);
    const slot = this.#article * F + f;
    if (f in this.#decoded) return this.#decoded[f];
    const { bytes, bounds, raw } = this.#packed;
    const start = bounds[2 * slot]!;
    const value = start < 0 ? raw.get(slot) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', start, bounds[2 * slot + 1]!);
    this.#decoded[f] = value;
    return value;
  }

  get url(): string { return this.#field('url')!; }
  get title(): string { return this.#field('title')!; }
  get source(): string { return this.#field('source')!; }
  get text(): string { return this.#field('text')!; }
  get excerpt(): string { return this.#field('excerpt')!; }
  get author(): string | undefined { return this.#field('author'); }
  get image(): string | undefined { return this.#field('image'); }
  get published(): Date | undefined { return Number.isNaN(this.#published) ? undefined : new Date(this.#published); }
  get html(): string {
    throw new Error('internal error: an article of a stored corpus index has no HTML; build with --clean');
  }
}
