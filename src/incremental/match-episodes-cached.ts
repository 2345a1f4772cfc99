import { closeSync, openSync, readSync } from 'node:fs';
import { mkdir, open, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import type { Episode } from '../episodes/episode.ts';
import { buildCorpusIndex, type CorpusIndex } from '../matching/corpus-index.ts';
import { decodeCorpusIndex, encodeCorpusIndex, headerEnd, indexHeadLength } from '../matching/store-corpus-index.ts';
import type { MatchOptions } from '../matching/match-episodes.ts';
import { matchIncrementally, reusesEverything, type EpisodeKeys, type IncrementalMatches, type MatchState } from '../matching/match-incrementally.ts';
import type { RelatedArticle } from '../matching/related.ts';
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

/** Bump when `MatchState` or `StoredCorpusIndex` change shape. */
const FORMAT = 2;

/** The cached matching state, valid for one corpus, settings and tool version. */
interface StateFile {
  format: number;
  stamp: string;
  state: PackedState;
}

/** The per-episode id lists of a state. */
const LISTS = ['counted', 'owns', 'reads', 'candidates'] as const;
type ListName = (typeof LISTS)[number];

/**
 * A `MatchState` whose per-episode typed arrays are joined into one array per kind, with offsets:
 * `v8.deserialize` revives each typed array through a JavaScript callback, and 16,000 small ones
 * cost more than all the rest of the state.
 */
interface PackedState extends Omit<MatchState, 'episodes'> {
  episodes: Omit<MatchState['episodes'][number], ListName>[];
  lists: Record<ListName, { offsets: Int32Array; values: Int32Array }>;
}

function packState(state: MatchState): PackedState {
  const lists = {} as PackedState['lists'];
  for (const name of LISTS) {
    const offsets = new Int32Array(state.episodes.length + 1);
    state.episodes.forEach((record, e) => (offsets[e + 1] = offsets[e]! + record[name].length));
    const values = new Int32Array(offsets[state.episodes.length]!);
    state.episodes.forEach((record, e) => values.set(record[name], offsets[e]));
    lists[name] = { offsets, values };
  }
  const episodes = state.episodes.map(({ counted: _c, owns: _o, reads: _r, candidates: _a, ...rest }) => rest);
  return { ...state, episodes, lists };
}

function unpackState(packed: PackedState): MatchState {
  const { lists, ...rest } = packed;
  const list = (name: ListName, e: number): Int32Array => lists[name].values.subarray(lists[name].offsets[e], lists[name].offsets[e + 1]);
  return {
    ...rest,
    episodes: packed.episodes.map((record, e) => ({
      ...record,
      counted: list('counted', e),
      owns: list('owns', e),
      reads: list('reads', e),
      candidates: list('candidates', e),
    })),
  };
}

const keys: EpisodeKeys = {
  key: episodeKey,
  quotesKey: (episode: Episode) => contentHash(JSON.stringify(episode.quotes)),
};

/**
 * `matchEpisodes` over builds (issue 7): the state of the last build's matching and its corpus
 * index (typed arrays, `v8.serialize`) are kept in the cache, and a build matches again only the
 * episodes an edit can change (see `matchIncrementally`); the result equals a clean build's. The
 * article corpus is read back only when the index is not cached.
 */
export async function matchEpisodesCached(
  episodes: readonly Episode[],
  corpus: CachedCorpus,
  options: MatchOptions & { cacheDir: string; tool: string; clean: boolean },
): Promise<CachedMatches> {
  const stateFile = path.join(options.cacheDir, 'matching.v8');
  const indexFile = path.join(options.cacheDir, 'corpus-index.bin');
  const settings: MatchOptions = { maxRelated: options.maxRelated, minScore: options.minScore };
  const stamp = contentHash(options.tool, corpus.fingerprint, JSON.stringify([settings.maxRelated, settings.minScore]));
  const packed = options.clean ? undefined : (await readV8<StateFile>(stateFile, stamp))?.state;
  const previous = packed && unpackState(packed);
  if (previous && reusesEverything(previous, episodes, keys)) {
    return { related: new Map(episodes.map((e, i) => [e.slug, previous.episodes[i]!.related])), reused: true, evaluated: 0, save: async () => {} };
  }
  const cached = previous ? readIndex(indexFile, stamp) : undefined;
  const index = cached?.index ?? buildCorpusIndex(await corpus.articles());
  let result: IncrementalMatches;
  try {
    result = matchIncrementally(episodes, index, settings, cached ? previous : undefined, keys);
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
        await writeV8(stateFile, { format: FORMAT, stamp, state: packState(state) } satisfies StateFile);
        if (fresh) await writeChunks(indexFile, encodeCorpusIndex(fresh, `${FORMAT}:${stamp}`));
      })()),
  };
}

/** A cache file's contents, or undefined when missing, unreadable or made for another corpus, setting or tool. */
async function readV8<T extends { format: number; stamp: string }>(file: string, stamp: string): Promise<T | undefined> {
  try {
    const bytes = await readWhole(file);
    if (!bytes) return undefined;
    const value = v8.deserialize(bytes) as T;
    return value.format === FORMAT && value.stamp === stamp ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The cached corpus index, or undefined when missing, unreadable or made for another corpus,
 * setting or tool. The articles' strings (a third of the file) stay on disk: an article's fields
 * are read when asked for, which a rebuild does for a few dozen articles. `close` ends that.
 */
function readIndex(file: string, stamp: string): { index: CorpusIndex; close: () => void } | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  const read = (position: number, length: number): Uint8Array => {
    // Its own memory, 8-byte aligned, for typed-array views.
    const bytes = new Uint8Array(length);
    let at = 0;
    while (at < length) {
      const count = readSync(fd, bytes, at, length - at, position + at);
      if (count === 0) throw new Error(`internal error: ${file} ends early`);
      at += count;
    }
    return bytes;
  };
  try {
    const end = headerEnd(read(0, 8));
    const head = end === undefined ? undefined : indexHeadLength(read(0, end));
    const decoded = head === undefined ? undefined : decodeCorpusIndex(read(0, head), read);
    if (decoded?.meta === `${FORMAT}:${stamp}`) return { index: decoded.index, close: () => closeSync(fd) };
  } catch {
    // A damaged file is not used.
  }
  closeSync(fd);
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
    const { size } = await handle.stat();
    const bytes = Buffer.allocUnsafeSlow(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) return undefined;
      at += bytesRead;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/** Writes chunks to a file beside and renames it. */
async function writeChunks(file: string, chunks: readonly Uint8Array[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, chunks);
  await rename(temporary, file);
}

/** Writes beside and renames, so a crash never leaves half a cache file. */
async function writeV8(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, v8.serialize(value));
  await rename(temporary, file);
}
