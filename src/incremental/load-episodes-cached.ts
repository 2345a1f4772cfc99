import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import type { Episode } from '../episodes/episode.ts';
import { loadEpisodes } from '../episodes/load-episodes.ts';
import { parseEpisode, type EpisodeContext } from '../episodes/parse-episode.ts';
import { CACHE_FILE_EXTENSION, readCacheFile, writeCacheFile } from './build-cache-file.ts';
import { episodeKey, rememberEpisodeKey } from './episode-key.ts';

/** An episode as stored: JSON has no `Date`, so the date is its ISO string. */
type StoredEpisode = Omit<Episode, 'date'> & { date: string };

/** What parsing one file gave, and what it depended on besides the file's bytes. */
interface CachedParse {
  /** SHA-256 of the file's text (the episode's `sourceHash`). */
  sourceHash: string;
  /** Every `fileExists` question the parse asked (the transcript), with its answer. */
  checks: [string, boolean][];
  episode?: StoredEpisode;
  /** {@link episodeKey} of the episode. */
  key?: string;
  diagnostics: Diagnostic[];
}

/** Parses by file name. */
type EpisodeCache = Record<string, CachedParse>;

/**
 * The parses are spread over this many files by a hash of the file name, so editing one
 * episode rewrites one small file, not the parses of the whole show.
 */
const SHARDS = 64;

function shardOf(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return h % SHARDS;
}

/** Episodes, problems, and how many files were parsed or reused. */
export interface CachedEpisodesResult {
  episodes: Episode[];
  diagnostics: Diagnostic[];
  parsed: number;
  reused: number;
  /** Stores this run's parses for the next build. */
  save(): Promise<void>;
}

/**
 * `loadEpisodes` with each file's parse reused while the file's text, the time zone, the show
 * folder, the answers about referenced files and the tool version are the same. The result is
 * the same episodes and diagnostics a fresh parse gives; `clean` ignores the stored parses.
 */
export async function loadEpisodesCached(
  root: string,
  timezone: string,
  options: { cacheDir: string; tool: string; clean: boolean; fileExists: (file: string) => boolean },
): Promise<CachedEpisodesResult> {
  const shardFile = (shard: number) => path.join(options.cacheDir, 'episodes', `${shard}${CACHE_FILE_EXTENSION}`);
  const stamp = JSON.stringify([options.tool, root, timezone]);
  const shards = Array.from({ length: SHARDS }, (_, i) => i);
  const oldShards = options.clean ? [] : await Promise.all(shards.map((i) => readCacheFile<EpisodeCache>(shardFile(i), stamp)));
  const old: EpisodeCache = Object.assign({}, ...oldShards.filter(Boolean));
  const next: EpisodeCache = {};
  let parsed = 0;
  let reused = 0;
  const parse = (text: string, ctx: EpisodeContext): { episode?: Episode; diagnostics: Diagnostic[] } => {
    const name = path.basename(ctx.file);
    const sourceHash = createHash('sha256').update(text).digest('hex');
    const hit = old?.[name];
    if (hit && hit.sourceHash === sourceHash && hit.checks.every(([f, exists]) => options.fileExists(f) === exists)) {
      next[name] = hit;
      reused++;
      return { episode: hit.episode && revive(hit.episode, hit.key!), diagnostics: hit.diagnostics };
    }
    const checks: [string, boolean][] = [];
    const fileExists = (f: string) => {
      const exists = options.fileExists(f);
      checks.push([f, exists]);
      return exists;
    };
    const result = parseEpisode(text, { ...ctx, fileExists });
    parsed++;
    next[name] = {
      sourceHash,
      checks,
      diagnostics: result.diagnostics,
      ...(result.episode ? { episode: store(result.episode), key: episodeKey(result.episode) } : {}),
    };
    return result;
  };
  const loaded = await loadEpisodes(root, timezone, parse);
  const save = async () => {
    const grouped = shards.map((): EpisodeCache => ({}));
    for (const [name, entry] of Object.entries(next)) grouped[shardOf(name)]![name] = entry;
    // A shard is written only when an entry in it was parsed anew, added or removed.
    await Promise.all(
      shards.map(async (i) => {
        const before = oldShards[i];
        const same =
          before !== undefined &&
          Object.keys(before).length === Object.keys(grouped[i]!).length &&
          Object.entries(grouped[i]!).every(([name, entry]) => before[name] === entry);
        if (!same) await writeCacheFile(shardFile(i), stamp, grouped[i]);
      }),
    );
  };
  return { ...loaded, parsed, reused, save };
}

function store(episode: Episode): StoredEpisode {
  return { ...episode, date: episode.date.toISOString() };
}

function revive(stored: StoredEpisode, key: string): Episode {
  const episode: Episode = { ...stored, date: new Date(stored.date) };
  rememberEpisodeKey(episode, key);
  return episode;
}
