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
  // The strings last: a reader may leave them on disk and read an article's fields when asked.
  arrays.push(['articles.bounds', articles.bounds], ['articles.bytes', articles.bytes]);
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

/** Reads `length` bytes at `position` of the encoded index (its strings, left on disk). */
export type ReadBytes = (position: number, length: number) => Uint8Array;

/**
 * How many leading bytes of an encoded index hold all but the articles' strings, from at least
 * its first `headerEnd(prefix)` bytes; undefined when they are not an index.
 */
export function indexHeadLength(prefix: Uint8Array): number | undefined {
  const header = readHeader(prefix);
  if (!header) return undefined;
  const strings = header.layout.find((entry) => entry.name === 'articles.bytes');
  return strings ? header.base + strings.offset : undefined;
}

/** Bytes needed to read an encoded index's header: 8 (to learn its length), then this. */
export function headerEnd(first8: Uint8Array): number | undefined {
  if (first8.byteLength < 8) return undefined;
  const view = new DataView(first8.buffer, first8.byteOffset, 8);
  return view.getUint32(0, true) === MAGIC ? 8 + view.getUint32(4, true) : undefined;
}

interface Header {
  meta: string;
  scalars: Record<string, unknown>;
  raw: [number, string][];
  layout: { name: string; type: TypeName; offset: number; length: number }[];
  /** Where the arrays start, from the start of the encoding. */
  base: number;
}

function readHeader(bytes: Uint8Array): Header | undefined {
  const end = headerEnd(bytes);
  if (end === undefined || end > bytes.byteLength) return undefined;
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, end - 8).toString('utf8')) as Omit<Header, 'base'>;
  return { ...header, base: align(end) };
}

/**
 * The `meta` and index of `encodeCorpusIndex`'s bytes, or undefined when they are not one.
 * `bytes` start at the encoding's start, 8-byte aligned; it may stop at `indexHeadLength`, and
 * then `readBytes` fetches the articles' strings when an article field is read.
 */
export function decodeCorpusIndex(bytes: Uint8Array, readBytes?: ReadBytes): { meta: string; index: CorpusIndex } | undefined {
  if (bytes.byteOffset % 8 !== 0) return undefined;
  const header = readHeader(bytes);
  if (!header) return undefined;
  const arrays: Record<string, Typed> = {};
  let strings: { position: number; length: number } | undefined;
  for (const { name, type, offset, length } of header.layout) {
    const Type = TYPES[type];
    const position = header.base + offset;
    if (position + length * Type.BYTES_PER_ELEMENT > bytes.byteLength) {
      if (name !== 'articles.bytes' || !readBytes) return undefined;
      strings = { position, length };
      continue;
    }
    arrays[name] = new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset + position, length);
  }
  const { 'articles.bytes': packedBytes, 'articles.bounds': bounds, ...rest } = arrays;
  const decode: DecodeField = strings
    ? (start, end) => Buffer.from(readBytes!(strings.position + start, end - start)).toString('utf8')
    : decodeFrom(packedBytes as Uint8Array);
  const packed: PackedArticles = { bytes: new Uint8Array(0), bounds: bounds as Int32Array, raw: new Map(header.raw) };
  const index = { ...header.scalars, ...rest } as Omit<StoredCorpusIndex, 'articles'>;
  return { meta: header.meta, index: restoreWith(index, packed, decode) };
}

function align(n: number): number {
  return (n + 7) & ~7;
}

/** The index as plain data; `restoreCorpusIndex` gives it back. The articles' HTML is not kept (matching never reads it). */
export function storeCorpusIndex(index: CorpusIndex): StoredCorpusIndex {
  const { vocab: _vocab, articles, ...rest } = index;
  return { ...rest, articles: packedFrom.get(articles) ?? packArticles(articles) };
}

/** An index from its stored form; its articles decode their strings on first read and throw on `html`. */
export function restoreCorpusIndex(stored: StoredCorpusIndex): CorpusIndex {
  const { articles: packed, ...rest } = stored;
  const index = restoreWith(rest, packed, decodeFrom(packed.bytes));
  // Stored again as it came (the feeds' thread packs what the cache keeps): decoding every
  // article's strings to pack them anew would cost the build's thread what the other one saved.
  packedFrom.set(index.articles, packed);
  return index;
}

/** The packed strings a restored index's articles read, by its articles array. */
const packedFrom = new WeakMap<readonly Article[], PackedArticles>();

/**
 * The buffers of a stored index, to move (not copy) it to another thread with `postMessage`;
 * each buffer is the array's own (none is a slice of Node's shared pool).
 */
export function storedBuffers(stored: StoredCorpusIndex): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const value of [...Object.values(stored), stored.articles.bytes, stored.articles.bounds]) {
    if (ArrayBuffer.isView(value)) buffers.add(value.buffer as ArrayBuffer);
  }
  return [...buffers];
}

/** Decodes the UTF-8 of one field, bytes [start, end) of the articles' strings. */
type DecodeField = (start: number, end: number) => string;

function decodeFrom(bytes: Uint8Array): DecodeField {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (start, end) => buffer.toString('utf8', start, end);
}

function restoreWith(rest: Omit<StoredCorpusIndex, 'articles'>, packed: PackedArticles, decode: DecodeField): CorpusIndex {
  const articles = Array.from({ length: rest.size }, (_, a) => new PackedArticle(packed, decode, a, rest.published[a]!));
  const vocab = Vocabulary.fromWords(rest.words);
  // The vocabulary's own copy of the words: the given array is let go.
  return { ...rest, vocab, words: vocab.words, articles };
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
  // A buffer of its own, never a slice of the shared pool: `storedBuffers` moves it to another thread.
  const bytes = Buffer.allocUnsafeSlow(total);
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
  readonly #decode: DecodeField;
  readonly #article: number;
  readonly #published: number;
  readonly #decoded: (string | undefined)[] = [];

  constructor(packed: PackedArticles, decode: DecodeField, article: number, published: number) {
    this.#packed = packed;
    this.#decode = decode;
    this.#article = article;
    this.#published = published;
  }

  #field(field: Field): string | undefined {
    const f = FIELDS.indexOf(field);
    const slot = this.#article * F + f;
    if (f in this.#decoded) return this.#decoded[f];
    const { bounds, raw } = this.#packed;
    const start = bounds[2 * slot]!;
    const value = start < 0 ? raw.get(slot) : this.#decode(start, bounds[2 * slot + 1]!);
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
