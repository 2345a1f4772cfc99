import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { contentHash } from '../incremental/content-hash.ts';
import { sameStamp } from '../incremental/file-stamp.ts';
import type { FeedParser, FileStampParses } from './load-feed-source.ts';
import { packArticles, type KeptArticles, type PackedArticles, type StoredArticles } from './pack-articles.ts';
import { parseFeed, type ParseFeedOptions } from './parse-feed.ts';

/** A parsed feed with its articles packed, and the key of what it was parsed from. */
export interface PackedFeed {
  title?: string;
  link?: string;
  /**
   * Packed in memory after a parse, or kept as they are when the parser was given
   * `DeferredEntries`; left in the cache entry when they came from there.
   */
  articles: PackedArticles | StoredArticles | KeptArticles;
  skipped: number;
  encoding: string;
  /** A digest of the bytes, the parse settings and the tool: equal keys, equal articles. */
  key: string;
  /** True when the articles came from the parse cache instead of the parser. */
  cached: boolean;
}

/** Where parsed feeds are kept between builds, and whether this run may read them. */
export interface ParseCacheSettings {
  dir: string;
  /** The tool's version (`toolVersion`): a parse by other code is never reused. */
  tool: string;
  /** False for a clean build: every feed is parsed, and the cache only written. */
  read: boolean;
  /** Where the stamps of local feed files are kept with the key of their parse (see `byStamp`). */
  stamps?: string;
}


/**
 * Cache entries to write later, for a thread that keeps the articles it parsed instead of handing
 * them on (the feeds' thread when it builds the corpus index): packing 20,000 articles and writing
 * 40 MB before the index would make every build wait for the next build's cache.
 */
export class DeferredEntries {
  readonly #writes: (() => Promise<void>)[] = [];

  add(write: () => Promise<void>): void {
    this.#writes.push(write);
  }

  /**
   * Packs and writes every entry added, one at a time; never rejects (see `writeEntry`). Each
   * write is taken off the list before it runs, so a feed's articles can be collected once written.
   */
  async flush(): Promise<void> {
    for (let write = this.#writes.shift(); write; write = this.#writes.shift()) await write();
  }
}

/** What the cache file holds besides the packed articles. */
type Header = Omit<PackedFeed, 'articles' | 'key' | 'cached'> & { length: number };

/**
 * `parseFeed` that packs the articles (for a worker to hand over) and, with a cache, reuses the
 * articles of bytes parsed before: a feed file that did not change is never parsed again, even
 * when other feeds did. Entries are written beside and renamed, so a crash never leaves half an
 * entry; a cache that cannot be written only costs the next run time.
 */
export function parseFeedPacked(cache: ParseCacheSettings | undefined, deferred?: DeferredEntries): FeedParser<PackedFeed> {
  const parser: FeedParser<PackedFeed> = async (bytes: Uint8Array, options: ParseFeedOptions): Promise<PackedFeed> => {
    const key = contentHash('parsed-feed', cache?.tool ?? '', JSON.stringify(options), bytes);
    const file = cache ? path.join(cache.dir, `${key}.bin`) : undefined;
    if (cache?.read && file) {
      const hit = await readEntry(file);
      if (hit) return { ...hit, key, cached: true };
    }
    const parsed = await parseFeed(bytes, options);
    const header: Header = { skipped: parsed.skipped, encoding: parsed.encoding, length: parsed.articles.length };
    if (parsed.title !== undefined) header.title = parsed.title;
    if (parsed.link !== undefined) header.link = parsed.link;
    const { length: _length, ...fields } = header;
    if (deferred) {
      const list = parsed.articles;
      if (file) deferred.add(() => writeEntry(file, header, packArticles(list).bytes));
      return { ...fields, articles: { length: list.length, list }, key, cached: false };
    }
    const articles = packArticles(parsed.articles);
    // Written before the bytes are handed on (a worker moves them to the main thread, so they
    // cannot be read after): the write runs on libuv's threads while this worker parses its
    // next feed, and no copy of megabytes is made for it.
    if (file) await writeEntry(file, header, articles.bytes);
    return { ...fields, articles, key, cached: false };
  };
  if (cache?.stamps) parser.byStamp = stampedParses(cache, cache.stamps);
  return parser;
}

/**
 * A local feed file whose stamp (size, modification and change times, inode) is the one it had
 * when its parse was keyed is neither read nor hashed: a rebuild of a show with twenty 1.4 MB
 * feeds read and hashed 28 MB on the feed thread to find the parses it already had. One small
 * record per file and parse settings gives the stamp and the parse's key.
 */
function stampedParses(cache: ParseCacheSettings, dir: string): FileStampParses<PackedFeed> {
  const recordOf = (file: string, options: ParseFeedOptions) => path.join(dir, `${contentHash('feed-stamp', cache.tool, file, JSON.stringify(options))}.json`);
  return {
    async find(file, stamp, options) {
      if (!cache.read) return undefined;
      let record: { stamp?: unknown; key?: unknown };
      try {
        record = JSON.parse(await readFile(recordOf(file, options), 'utf8')) as typeof record;
      } catch {
        return undefined;
      }
      if (typeof record.key !== 'string' || !Array.isArray(record.stamp) || !sameStamp(record.stamp as number[], stamp)) return undefined;
      const hit = await readEntry(path.join(cache.dir, `${record.key}.bin`));
      return hit && { ...hit, key: record.key, cached: true };
    },
    async remember(file, stamp, options, parsed) {
      const record = recordOf(file, options);
      const temporary = `${record}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(temporary, JSON.stringify({ stamp, key: parsed.key }));
        await rename(temporary, record);
      } catch {
        // Best effort: the next run reads and hashes the file.
      }
    },
  };
}

/** Bump when the layout of an entry changes. */
const FORMAT = 3;

/** Layout: the format, the header's length (both uint32 LE), the header as JSON, the packed articles. */
async function writeEntry(file: string, header: Header, packed: Uint8Array): Promise<void> {
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(8);
  prefix.writeUInt32LE(FORMAT, 0);
  prefix.writeUInt32LE(json.byteLength, 4);
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, [prefix, json, packed]);
    await rename(temporary, file);
  } catch {
    // Best effort: the next run parses this feed again.
  }
}

/** An entry's header; its articles stay in the file until needed (`packedBytes`). */
async function readEntry(file: string): Promise<Omit<PackedFeed, 'key' | 'cached'> | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const prefix = Buffer.alloc(8);
    if ((await handle.read(prefix, 0, 8, 0)).bytesRead !== 8 || prefix.readUInt32LE(0) !== FORMAT) return undefined;
    const json = Buffer.alloc(prefix.readUInt32LE(4));
    if ((await handle.read(json, 0, json.byteLength, 8)).bytesRead !== json.byteLength) return undefined;
    const { length, ...fields } = JSON.parse(json.toString('utf8')) as Header;
    if (typeof length !== 'number' || typeof fields.skipped !== 'number' || typeof fields.encoding !== 'string') return undefined;
    return { ...fields, articles: { length, file, offset: 8 + json.byteLength } };
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
