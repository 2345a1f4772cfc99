import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, writeSync, writev } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Episode } from '../episodes/episode.ts';
import type { CorpusIndex } from '../matching/corpus-index.ts';
import { decodeCorpusIndex, encodeCorpusIndex, headerEnd, indexHeadLength } from '../matching/store-corpus-index.ts';
import type { MatchOptions } from '../matching/match-episodes.ts';
import { matchIncrementally, reusesEverything, type EpisodeKeys, type IncrementalMatches, type MatchState } from '../matching/match-incrementally.ts';
import { decodeMatchState, LostMatchRecord, matchStateIndexFile, writeMatchState } from './stored-match-state.ts';
import { prepareShow, type PreparedShow } from '../matching/prepare-episodes.ts';
import type { RelatedArticle } from '../matching/related.ts';
import { RelatedBySlug } from '../matching/related-by-slug.ts';
import { contentHash } from './content-hash.ts';
import type { CachedCorpus } from './load-articles-cached.ts';
import { episodeKey } from './episode-key.ts';

/** The related articles of every episode, and how much of them this run computed. */
export interface CachedMatches {
  related: Map<string, RelatedArticle[]>;
  /** True when nothing was matched in this run (every episode's result came from the cache). */
  reused: boolean;
  /** Episodes evaluated in this run (all of them in a clean build). */
  evaluated: number;
  save(): Promise<void>;
}

/** Bump when `StoredCorpusIndex` changes shape, or the matching state's layout (see `stored-match-state.ts`). */
const FORMAT = 3;

const keys: EpisodeKeys = {
  key: episodeKey,
  quotesKey: (episode: Episode) => contentHash(JSON.stringify(episode.quotes)),
};

/** The match cache's files, being read ahead (see `readMatchCacheAhead`). */
export interface MatchCacheAhead {
  state: Promise<Buffer | undefined>;
  /** Taken by the matching that uses it, which then closes the file. */
  take(): Promise<IndexHead | undefined>;
  /** Closes the index file unless matching took it (a build that stopped before matching). */
  release(): void;
}

/** The corpus index file's leading bytes (all but the articles' strings), its descriptor kept open for those. */
interface IndexHead {
  head: Uint8Array;
  handle: FileHandle;
}

const stateDirOf = (cacheDir: string) => path.join(cacheDir, 'matching');
const stateFileOf = (cacheDir: string) => matchStateIndexFile(stateDirOf(cacheDir));
/** Where the whole state was kept before it was split into an index and records. */
const formerStateFileOf = (cacheDir: string) => path.join(cacheDir, 'matching.v8');
const indexFileOf = (cacheDir: string) => path.join(cacheDir, 'corpus-index.bin');

/**
 * Starts reading the last build's matching state and corpus index (tens of megabytes) on libuv's
 * threads, so that the reading, and the kernel's work of handing over fresh memory for it, run
 * beside the episode parse instead of on the build's thread when matching starts. Which corpus
 * they were made for is checked when they are used.
 */
export function readMatchCacheAhead(cacheDir: string): MatchCacheAhead {
  const state = readWhole(stateFileOf(cacheDir));
  const index = readIndexHead(indexFileOf(cacheDir));
  let taken = false;
  return {
    state,
    take: () => ((taken = true), index),
    release: () => {
      if (!taken) void index.then((head) => head?.handle.close());
      taken = true;
    },
  };
}

/**
 * Whether a build will match against a fresh corpus index, known before the feeds are read (so
 * that their thread can build it, `LoadArticlesCachedOptions.index`): a clean build, or one
 * without the last build's matching state and index. A cache made for other feeds or settings
 * is found out only later; such a build then indexes on its own thread.
 */
export function needsFreshIndex(cacheDir: string, clean: boolean): boolean {
  return clean || !existsSync(stateFileOf(cacheDir)) || !existsSync(indexFileOf(cacheDir));
}

/**
 * Matching's work on the episodes alone (`prepareShow`), for a build to do while the article
 * feeds are still being parsed, when every episode will be matched: a clean build, or one with no
 * cached matching state. Undefined otherwise: a rebuild prepares only the episodes that changed.
 */
export async function prepareShowAhead(
  episodes: readonly Episode[],
  options: { clean: boolean; ahead?: MatchCacheAhead },
): Promise<PreparedShow | undefined> {
  if (!options.clean && (!options.ahead || (await options.ahead.state) !== undefined)) return undefined;
  return prepareShow(episodes, keys.quotesKey);
}

/**
 * `matchEpisodes` over builds (issue 7): the state of the last build's matching and its corpus
 * index (typed arrays, `v8.serialize`) are kept in the cache, and a build matches again only the
 * episodes an edit can change (see `matchIncrementally`); the result equals a clean build's. The
 * article corpus is read back only when the index is not cached. `prepared` is what
 * `prepareShowAhead` gave for these episodes.
 */
export async function matchEpisodesCached(
  episodes: readonly Episode[],
  corpus: CachedCorpus,
  options: MatchOptions & { cacheDir: string; tool: string; clean: boolean; ahead?: MatchCacheAhead; prepared?: PreparedShow },
): Promise<CachedMatches> {
  const indexFile = indexFileOf(options.cacheDir);
  const ahead = options.clean ? undefined : (options.ahead ?? readMatchCacheAhead(options.cacheDir));
  const settings: MatchOptions = { maxRelated: options.maxRelated, minScore: options.minScore };
  const stamp = contentHash(options.tool, corpus.fingerprint, JSON.stringify([settings.maxRelated, settings.minScore]));
  const previous = ahead && decodeMatchState(await ahead.state, stamp, stateDirOf(options.cacheDir));
  const head = await ahead?.take();
  if (previous && reusesEverything(previous, episodes, keys)) {
    if (head) void head.handle.close();
    return { related: new RelatedBySlug(episodes.map((e, i) => [e.slug, previous.episodes[i]!])), reused: true, evaluated: 0, save: async () => {} };
  }
  const cached = previous && head ? decodeIndex(head, indexFile, stamp) : undefined;
  if (head && !cached) void head.handle.close();
  const index = cached?.index ?? (await corpus.index());
  let result: IncrementalMatches;
  try {
    try {
      result = matchIncrementally(episodes, index, settings, cached ? previous : undefined, keys, options.prepared);
    } catch (error) {
      // A records file lost or written by another build since the index: matched as if new.
      if (!(error instanceof LostMatchRecord)) throw error;
      result = matchIncrementally(episodes, index, settings, undefined, keys, options.prepared);
    }
  } finally {
    cached?.close();
  }
  // What is stored is let go once written: the build starts saving right after matching, and
  // the index (100 MB for 20,000 articles) need not live through rendering.
  let pending: { state: IncrementalMatches['state']; index?: CorpusIndex } | undefined = { state: result.state, ...(cached ? {} : { index }) };
  let saving: Promise<void> | undefined;
  return {
    related: result.related,
    reused: false,
    evaluated: result.evaluated,
    save: () =>
      (saving ??= (async () => {
        const { state, index: fresh } = pending!;
        pending = undefined;
        // The index first, handed to the kernel at once in one request: written chunk by
        // awaited chunk, it waited for the rendering that follows to yield, and its 100 MB or
        // more stayed in memory beside the pages being rendered (and the feeds and cards
        // threads). Written synchronously, the kernel's copy of it held up this thread.
        const index = fresh && writeChunksAtOnce(indexFile, encodeCorpusIndex(fresh, `${FORMAT}:${stamp}`));
        await Promise.all([saveState(options.cacheDir, stamp, state), index]);
      })()),
  };
}

/**
 * The corpus index file up to the articles' strings (a third of the file, left on disk: an
 * article's fields are read when asked for, which a rebuild does for a few dozen articles), or
 * undefined when it is missing or not an index. The buffer is not zero-filled, so its pages are
 * first touched by the read itself, on libuv's thread.
 */
async function readIndexHead(file: string): Promise<IndexHead | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined;
  }
  const read = (length: number) => readLeading(handle, length);
  try {
    const first = await read(8);
    const end = first && headerEnd(first);
    const header = end === undefined ? undefined : await read(end);
    const length = header && indexHeadLength(header);
    const head = length === undefined ? undefined : await read(length);
    if (head) return { head, handle };
  } catch {
    // A damaged file is not used.
  }
  await handle.close();
  return undefined;
}

/**
 * The cached corpus index from its head, or undefined when it was made for another corpus,
 * setting or tool; `close` ends the lazy reading of the articles' strings.
 */
function decodeIndex({ head, handle }: IndexHead, file: string, stamp: string): { index: CorpusIndex; close: () => void } | undefined {
  const read = (position: number, length: number): Uint8Array => {
    const bytes = new Uint8Array(length);
    for (let at = 0; at < length; ) {
      const count = readSync(handle.fd, bytes, at, length - at, position + at);
      if (count === 0) throw new Error(`internal error: ${file} ends early`);
      at += count;
    }
    return bytes;
  };
  try {
    const decoded = decodeCorpusIndex(head, read);
    if (decoded?.meta === `${FORMAT}:${stamp}`) return { index: decoded.index, close: () => void handle.close() };
  } catch {
    // A damaged file is not used.
  }
  return undefined;
}

/**
 * A file's bytes in one buffer of its own (8-byte aligned, for typed-array views), read in one
 * request: `readFile` reads large files in small chunks, several times slower for 100 MB.
 */
async function readWhole(file: string): Promise<Buffer | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    return await readLeading(handle, (await handle.stat()).size);
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/**
 * The first `length` bytes of a file in a buffer of their own (8-byte aligned, for typed-array
 * views, and not zero-filled: its pages are first touched by the read), or undefined when the
 * file is shorter.
 */
async function readLeading(handle: FileHandle, length: number): Promise<Buffer | undefined> {
  const bytes = Buffer.allocUnsafeSlow(length);
  for (let at = 0; at < length; ) {
    const { bytesRead } = await handle.read(bytes, at, length - at, at);
    if (bytesRead === 0) return undefined;
    at += bytesRead;
  }
  return bytes;
}

/** Writes chunks to a file beside and renames it. */
/**
 * Writes the chunks beside `file` and renames, as one `writev` queued on libuv's thread pool
 * right away (the file is opened synchronously), so neither the copy nor the chunks wait for
 * this thread's event loop.
 */
async function writeChunksAtOnce(file: string, chunks: readonly Uint8Array[]): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    const written = await new Promise<number>((resolve, reject) => writev(fd, chunks as Uint8Array[], 0, (error, bytes) => (error ? reject(error) : resolve(bytes))));
    // A short write (rare for a regular file) is finished chunk by chunk.
    if (written < total) writeRest(fd, chunks, written);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/** Writes what a short `writev` left, from byte `done` of the chunks joined. */
function writeRest(fd: number, chunks: readonly Uint8Array[], done: number): void {
  let offset = 0;
  for (const chunk of chunks) {
    const end = offset + chunk.byteLength;
    if (end > done) {
      const from = Math.max(0, done - offset);
      for (let at = from; at < chunk.byteLength; ) at += writeSync(fd, chunk, at, chunk.byteLength - at, offset + at);
    }
    offset = end;
  }
}

/**
 * Writes the matching state; one that cannot be written whole (a kept record's file lost) is
 * removed, so that the next build matches everything again.
 */
async function saveState(cacheDir: string, stamp: string, state: MatchState): Promise<void> {
  try {
    await writeMatchState(stateDirOf(cacheDir), stamp, state);
  } catch (error) {
    await rm(stateFileOf(cacheDir), { force: true });
    if (!(error instanceof LostMatchRecord)) throw error;
  }
  await rm(formerStateFileOf(cacheDir), { force: true });
}
