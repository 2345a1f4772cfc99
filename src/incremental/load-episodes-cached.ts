import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import type { Episode } from '../episodes/episode.ts';
import { loadEpisodes, type ParsedEpisode } from '../episodes/load-episodes.ts';
import { parseEpisode, type EpisodeContext } from '../episodes/parse-episode.ts';
import { CACHE_FILE_EXTENSION, readCacheFile, readCacheFileSync, writeCacheFile } from './build-cache-file.ts';
import { episodeDigest, rememberEpisodeDigest, type EpisodeDigest } from './episode-digest.ts';
import { episodeKey, rememberEpisodeKey } from './episode-key.ts';
import { fileStampOf, sameStamp, type FileStamp } from './file-stamp.ts';

/**
 * An episode as stored: its notes (`body`, `html`) stored apart; its fields that hold many small
 * objects as one JSON string (`lazy`), parsed when one of them is first read; the rest in
 * `fields`, in the episode's own key order (`null` standing for the notes and each lazy one), the date as an
 * ISO string. A rebuild revives every episode but renders a handful: reviving the quotes,
 * chapters and people of all of them was most of the objects it made and collected.
 */
interface StoredEpisode {
  fields: Record<string, unknown>;
  lazy: string;
  digest: EpisodeDigest;
}

/** The fields stored in `StoredEpisode.lazy`: nothing that plans a build reads of every episode (see `episodeDigest`). */
const LAZY_FIELDS: ReadonlySet<string> = new Set(['quotes', 'chapters', 'guests', 'topics', 'subject', 'related'] satisfies (keyof Episode)[]);

/** An episode's notes, by file name in a shard's notes file, with the parse they came from. */
type StoredNotes = Record<string, { sourceHash: string; body: string; html: string }>;

/** What parsing one file gave, and what it depended on besides the file's bytes. */
interface CachedParse {
  /** SHA-256 of the file's text (the episode's `sourceHash`). */
  sourceHash: string;
  /** The file's size, modification and change times and inode when it was read (see `sameStamp`). */
  file?: FileStamp;
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
 * episode rewrites one small file, not the parses of the whole show. Each shard keeps the notes
 * (two thirds of its bytes) in a file of their own, read only when a reused episode's `body`
 * or `html` is first read: a rebuild after a one-episode edit renders a handful of pages and
 * feed items, and deserialising every episode's notes was the largest part of its start.
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
  const notesFile = (shard: number) => path.join(options.cacheDir, 'episodes', `${shard}.notes${CACHE_FILE_EXTENSION}`);
  const stamp = JSON.stringify([options.tool, root, timezone]);
  const shards = Array.from({ length: SHARDS }, (_, i) => i);
  const oldShards = options.clean ? [] : await Promise.all(shards.map((i) => readCacheFile<EpisodeCache>(shardFile(i), stamp)));
  const old: EpisodeCache = Object.assign({}, ...oldShards.filter(Boolean));
  const oldNotes: (StoredNotes | undefined)[] = [];
  const notesOf = (shard: number): StoredNotes => (oldNotes[shard] ??= readCacheFileSync<StoredNotes>(notesFile(shard), stamp) ?? {});
  const next: EpisodeCache = {};
  /** Notes of the episodes parsed in this run, by file name. */
  const fresh: StoredNotes = {};
  let parsed = 0;
  let reused = 0;
  /** Each file's stamp, taken before it is read: a write after that makes the next build read it. */
  const stamps = new Map<string, FileStamp | undefined>();
  const reuseHit = (name: string, hit: CachedParse, ctx: EpisodeContext, file: FileStamp | undefined): ParsedEpisode | undefined => {
    if (!hit.checks.every(([f, exists]) => options.fileExists(f) === exists)) return undefined;
    // The same entry object when nothing about it changed, so its shard is not written again.
    next[name] = sameStamp(hit.file, file) ? hit : { ...hit, file };
    reused++;
    const notes = () => storedNotes(notesOf(shardOf(name))[name], hit.sourceHash, ctx);
    return { episode: hit.episode && revive(hit.episode, hit.key!, notes), diagnostics: hit.diagnostics };
  };
  const contextOf = (file: string): EpisodeContext => ({ root, file, timezone, fileExists: options.fileExists });
  // A file whose size, times and inode are those it had when last parsed is not read at all.
  const reuse = (file: string): ParsedEpisode | undefined => {
    const stamp = fileStampOf(statSync(file, { throwIfNoEntry: false }));
    stamps.set(file, stamp);
    const name = path.basename(file);
    const hit = old[name];
    return hit && stamp && sameStamp(hit.file, stamp) ? reuseHit(name, hit, contextOf(file), stamp) : undefined;
  };
  const parse = (text: string, ctx: EpisodeContext): ParsedEpisode => {
    const name = path.basename(ctx.file);
    const sourceHash = createHash('sha256').update(text).digest('hex');
    const file = stamps.get(ctx.file);
    const hit = old[name];
    const kept = hit && hit.sourceHash === sourceHash ? reuseHit(name, hit, ctx, file) : undefined;
    if (kept) return kept;
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
      ...(file ? { file } : {}),
      checks,
      diagnostics: result.diagnostics,
      ...(result.episode ? { episode: store(result.episode), key: episodeKey(result.episode) } : {}),
    };
    if (result.episode) fresh[name] = { sourceHash, body: result.episode.body, html: result.episode.html };
    return result;
  };
  const loaded = await loadEpisodes(root, timezone, parse, reuse);
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
        if (same) return;
        const notes: StoredNotes = {};
        for (const [name, entry] of Object.entries(grouped[i]!)) {
          const kept = fresh[name] ?? notesOf(i)[name];
          if (entry.episode && kept?.sourceHash === entry.sourceHash) notes[name] = kept;
        }
        // Notes first: a shard whose notes file is older than itself still finds each episode's
        // notes by its source hash, or parses the file again (`storedNotes`).
        await writeCacheFile(notesFile(i), stamp, notes);
        await writeCacheFile(shardFile(i), stamp, grouped[i]);
      }),
    );
  };
  return { ...loaded, parsed, reused, save };
}

function store(episode: Episode): StoredEpisode {
  const fields: Record<string, unknown> = {};
  const lazy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(episode)) {
    if (name === 'body' || name === 'html') {
      fields[name] = null;
    } else if (LAZY_FIELDS.has(name)) {
      fields[name] = null;
      lazy[name] = value;
    } else {
      fields[name] = name === 'date' ? episode.date.toISOString() : value;
    }
  }
  return { fields, lazy: JSON.stringify(lazy), digest: episodeDigest(episode) };
}

/**
 * The episode from its stored parse: its lazy fields parsed from JSON on the first read of any
 * of them, its `body` and `html` read from the notes file on first use. Every field is an own
 * enumerable property in the order a fresh parse gives, so copies, JSON and structured clones
 * of a revived episode equal those of a parsed one.
 */
function revive(stored: StoredEpisode, key: string, notes: () => { body: string; html: string }): Episode {
  const episode = {} as Record<string, unknown>;
  let lazy: Record<string, unknown> | undefined;
  let loaded: { body: string; html: string } | undefined;
  const define = (name: string, get: () => unknown) =>
    Object.defineProperty(episode, name, {
      enumerable: true,
      configurable: true,
      get,
      // A test or a tool may replace a field: it becomes a plain value.
      set: (value: unknown) => Object.defineProperty(episode, name, { value, writable: true, enumerable: true, configurable: true }),
    });
  for (const [name, value] of Object.entries(stored.fields)) {
    if (name === 'body' || name === 'html') define(name, () => (loaded ??= notes())[name]);
    else if (LAZY_FIELDS.has(name)) define(name, () => (lazy ??= JSON.parse(stored.lazy) as Record<string, unknown>)[name]);
    else episode[name] = name === 'date' ? new Date(value as string) : value;
  }
  rememberEpisodeKey(episode as unknown as Episode, key);
  rememberEpisodeDigest(episode as unknown as Episode, stored.digest);
  return episode as unknown as Episode;
}

/**
 * A reused episode's notes as stored with the same parse; when they are missing (a notes file
 * lost or older than its shard), the file is parsed again, the same text as the cache holds.
 */
function storedNotes(stored: StoredNotes[string] | undefined, sourceHash: string, ctx: EpisodeContext): { body: string; html: string } {
  if (stored?.sourceHash === sourceHash) return stored;
  const text = readFileSync(ctx.file, 'utf8');
  const episode = createHash('sha256').update(text).digest('hex') === sourceHash ? parseEpisode(text, ctx).episode : undefined;
  if (!episode) throw new Error(`internal error: ${ctx.file} changed while the build was reading it; build again`);
  return { body: episode.body, html: episode.html };
}
