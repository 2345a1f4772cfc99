import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import type { Episode } from '../episodes/episode.ts';
import { buildCorpusIndex, type CorpusIndex } from '../matching/corpus-index.ts';
import { decodeCorpusIndex, encodeCorpusIndex } from '../matching/store-corpus-index.ts';
import type { MatchOptions } from '../matching/match-episodes.ts';
import { matchIncrementally, reusesEverything, type EpisodeKeys, type MatchState } from '../matching/match-incrementally.ts';
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
const FORMAT = 1;

/** The cached matching state, valid for one corpus, settings and tool version. */
interface StateFile {
  format: number;
  stamp: string;
  state: MatchState;
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
  const previous = options.clean ? undefined : (await readV8<StateFile>(stateFile, stamp))?.state;
  if (previous && reusesEverything(previous, episodes, keys)) {
    return { related: new Map(episodes.map((e, i) => [e.slug, previous.episodes[i]!.related])), reused: true, evaluated: 0, save: async () => {} };
  }
  let index: CorpusIndex | undefined;
  if (previous) index = await readIndex(indexFile, stamp);
  const fresh = index === undefined;
  index ??= buildCorpusIndex(await corpus.articles());
  const result = matchIncrementally(episodes, index, settings, fresh ? undefined : previous, keys);
  const builtIndex = index;
  return {
    related: result.related,
    reused: false,
    evaluated: result.evaluated,
    save: async () => {
      await writeV8(stateFile, { format: FORMAT, stamp, state: result.state } satisfies StateFile);
      if (fresh) await writeChunks(indexFile, encodeCorpusIndex(builtIndex, `${FORMAT}:${stamp}`));
    },
  };
}

/** A cache file's contents, or undefined when missing, unreadable or made for another corpus, setting or tool. */
async function readV8<T extends { format: number; stamp: string }>(file: string, stamp: string): Promise<T | undefined> {
  try {
    const value = v8.deserialize(await readFile(file)) as T;
    return value.format === FORMAT && value.stamp === stamp ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The cached corpus index, or undefined when missing, unreadable or made for another corpus, setting or tool. */
async function readIndex(file: string, stamp: string): Promise<CorpusIndex | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined;
  }
  try {
    // The typed arrays are views on the file's bytes, which must be 8-byte aligned.
    const aligned = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes);
    const decoded = decodeCorpusIndex(aligned);
    return decoded?.meta === `${FORMAT}:${stamp}` ? decoded.index : undefined;
  } catch {
    return undefined;
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
