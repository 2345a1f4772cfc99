import { createHash } from 'node:crypto';
import { readdir as readdirCallback, readFileSync, stat as statCallback, statSync, type Stats } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import type { Episode } from '../episodes/episode.ts';
import { loadEpisodes, type ParsedEpisode } from '../episodes/load-episodes.ts';
import { parseEpisode, type EpisodeContext } from '../episodes/parse-episode.ts';
import { CACHE_FILE_EXTENSION, readCacheFile, writeCacheFile } from './build-cache-file.ts';
import { episodeDigest, rememberEpisodeDigest, storedDigest } from './episode-digest.ts';
import { contentHash } from './content-hash.ts';
import { episodeKey, rememberEpisodeKey } from './episode-key.ts';
import { encodeRecord, readRecord, readRecordsFile, writeRecordsFile, type EpisodeRecord, type RecordPlace } from './episode-records.ts';
import { fileStampOf, sameStamp, type FileStamp } from './file-stamp.ts';
import { RECORD_FIELDS, reviveEpisode, storedFields, type RecordSource } from './revive-episode.ts';

/**
 * Every cached parse of a show in columns, one row per episode file: what each build reads of
 * every episode (its stamp, key, the fields planning reads, the digest) as a few arrays and
 * strings, and where its record lies (its quotes, chapters, people and notes, read only for the
 * episodes a build renders; see `episode-records.ts`). A rebuild after a one-episode edit
 * decoded some thirty objects per episode from 64 shards of everything (15 MB); this is a few
 * megabytes and about ten objects per episode.
 */
interface EpisodeIndex {
  names: string[];
  /** Each row's `FileStamp`, four numbers a row; NaN where the file's stamp was not taken. */
  stamps: Float64Array;
  /** SHA-256 of each file's text. */
  sourceHashes: string[];
  /** Every `fileExists` question a row's parse asked (the transcript), with its answer; null for none. */
  checks: ([string, boolean][] | null)[];
  diagnostics: (Diagnostic[] | null)[];
  /** {@link episodeKey} of each row's episode; '' where the parse gave none. */
  keys: string[];
  /** Each row's field names, as an index into `fieldLists`; -1 where the parse gave no episode. */
  fields: Int32Array;
  /** The distinct lists of field names (in a fresh parse's order): a show has a handful. */
  fieldLists: string[][];
  /** The values of each row's fields outside its record, row after row (see `reviveEpisode`). */
  values: unknown[];
  /**
   * The digest (see `episodeDigest`): each row's quote ids joined by line breaks, all rows in
   * one string, and where each row's end; how many each row has; the cards key; whether it has
   * chapters. One string, not 32,000 on the benchmark show: decoding those took 40 ms of every
   * rebuild, which reads the ids of the few episodes it renders.
   */
  quoteIds: string;
  quoteIdEnds: Int32Array;
  quoteCounts: Uint32Array;
  cardsKeys: string[];
  hasChapters: Uint8Array;
  /** Each row's record: offset and length in its shard's records file. */
  places: Float64Array;
  /** The token each shard's records file was written with ('' for none). */
  tokens: string[];
}

/**
 * Records are spread over this many files by a hash of the file name, so editing one episode
 * rewrites one small records file, not the records of the whole show.
 */
const SHARDS = 64;

function shardOf(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return h % SHARDS;
}

/** A file parsed in this run. */
interface FreshParse {
  sourceHash: string;
  file?: FileStamp;
  checks: [string, boolean][];
  diagnostics: Diagnostic[];
  episode?: Episode;
}

/** This run's entry for a file: a row of the last index (with the file's stamp now), or a fresh parse. */
type NextEntry = { row: number; file?: FileStamp | typeof SAME_STAMP; source?: RevivedSource } | { fresh: FreshParse };

/** A kept row's stamp when the file's is the one the row has. */
const SAME_STAMP = 'same';

/** A revived episode's record source, with its place (moved when its records file is written again). */
interface RevivedSource extends RecordSource {
  place: RecordPlace;
  sourceHash: string;
  /** The episode file, and what parsing it needs besides (to parse it again when its record is lost). */
  file: string;
  context: Omit<EpisodeContext, 'file'>;
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
  const dir = path.join(options.cacheDir, 'episodes');
  const indexFile = path.join(dir, `index${CACHE_FILE_EXTENSION}`);
  const recordsFile = (shard: number) => path.join(dir, `${shard}.records`);
  const stamp = JSON.stringify([options.tool, root, timezone]);
  const statsAhead = statEpisodeFiles(path.join(root, 'episodes'));
  const old = options.clean ? undefined : await readCacheFile<EpisodeIndex>(indexFile, stamp);
  const statsOf = await statsAhead;
  const rows = new Map<string, number>();
  /** Where each row's values start in `old.values`. */
  const starts = new Int32Array(old ? old.names.length + 1 : 0);
  if (old) {
    const counts = old.fieldLists.map(valueCount);
    old.names.forEach((name, row) => {
      rows.set(name, row);
      starts[row + 1] = starts[row]! + (old.fields[row]! >= 0 ? counts[old.fields[row]!]! : 0);
    });
  }
  const next = new Map<string, NextEntry>();
  let parsed = 0;
  let reused = 0;
  /** Each file's stamp, taken before it is read: a write after that makes the next build read it. */
  const stamps = new Map<string, FileStamp | undefined>();
  const context = { root, timezone, fileExists: options.fileExists };
  const files = Array.from({ length: SHARDS }, (_, shard) => recordsFile(shard));
  const oldStamp = (row: number): FileStamp | undefined => {
    const s = old!.stamps.subarray(row * 4, row * 4 + 4);
    return Number.isNaN(s[0]) ? undefined : [s[0]!, s[1]!, s[2]!, s[3]!];
  };

  const reuseRow = (name: string, row: number, episodeFile: string, file: FileStamp | typeof SAME_STAMP | undefined): ParsedEpisode | undefined => {
    const index = old!;
    if (!(index.checks[row] ?? []).every(([f, exists]) => options.fileExists(f) === exists)) return undefined;
    reused++;
    const diagnostics = index.diagnostics[row] ?? [];
    const list = index.fields[row]!;
    if (list < 0) {
      next.set(name, { row, file });
      return { diagnostics };
    }
    const shard = shardOf(name);
    const source: RevivedSource = {
      place: { file: files[shard]!, token: index.tokens[shard]!, offset: index.places[row * 2]!, length: index.places[row * 2 + 1]! },
      sourceHash: index.sourceHashes[row]!,
      file: episodeFile,
      context,
      load: loadRecord,
    };
    next.set(name, { row, file, source });
    const episode = reviveEpisode(index.fieldLists[list]!, index.values, starts[row]!, source);
    rememberEpisodeKey(episode, index.keys[row]!);
    rememberEpisodeDigest(
      episode,
      storedDigest(index.quoteIds, row > 0 ? index.quoteIdEnds[row - 1]! : 0, index.quoteIdEnds[row]!, index.quoteCounts[row]!, index.cardsKeys[row]!, index.hasChapters[row] === 1),
    );
    return { episode, diagnostics };
  };
  // A file whose size, times and inode are those it had when last parsed is not read at all.
  const reuse = (file: string): ParsedEpisode | undefined => {
    const stats = statsOf.get(file) ?? statSync(file, { throwIfNoEntry: false });
    const name = path.basename(file);
    const row = rows.get(name);
    const s = old?.stamps;
    // Compared in place: a show's worth of stamps as arrays was garbage to collect.
    const same =
      row !== undefined && stats !== undefined && s![row * 4] === stats.size && s![row * 4 + 1] === stats.mtimeMs && s![row * 4 + 2] === stats.ctimeMs && s![row * 4 + 3] === stats.ino;
    const kept = same ? reuseRow(name, row, file, SAME_STAMP) : undefined;
    if (!kept) stamps.set(file, fileStampOf(stats));
    return kept;
  };
  const parse = (text: string, ctx: EpisodeContext): ParsedEpisode => {
    const name = path.basename(ctx.file);
    const sourceHash = createHash('sha256').update(text).digest('hex');
    const file = stamps.get(ctx.file);
    const row = rows.get(name);
    const kept = row !== undefined && old!.sourceHashes[row] === sourceHash ? reuseRow(name, row, ctx.file, file) : undefined;
    if (kept) return kept;
    const checks: [string, boolean][] = [];
    const fileExists = (f: string) => {
      const exists = options.fileExists(f);
      checks.push([f, exists]);
      return exists;
    };
    const result = parseEpisode(text, { ...ctx, fileExists });
    parsed++;
    // The parse is a function of the file's text, its path, the tool, show folder and time zone
    // (`stamp`) and the answers about referenced files: their digest is the episode's key, so
    // no build hashes the JSON of thousands of episodes (notes included) to make one.
    if (result.episode) rememberEpisodeKey(result.episode, contentHash('parse', stamp, ctx.file, sourceHash, JSON.stringify(checks)));
    next.set(name, { fresh: { sourceHash, ...(file ? { file } : {}), checks, diagnostics: result.diagnostics, ...(result.episode ? { episode: result.episode } : {}) } });
    return result;
  };
  const loaded = await loadEpisodes(root, timezone, parse, reuse);

  const save = async () => {
    const changed = changedShards(old, next, oldStamp);
    if (changed === undefined) return;
    // Records first: an index older than its records files finds a record of another token
    // and parses the file again (`loadRecord`); never a record that is not the episode's.
    const places = new Map<string, [offset: number, length: number]>();
    const tokens = old ? [...old.tokens] : new Array<string>(SHARDS).fill('');
    const dropped = new Set<string>();
    const byShard = Array.from({ length: SHARDS }, (): string[] => []);
    for (const name of next.keys()) byShard[shardOf(name)]!.push(name);
    await Promise.all(
      [...changed].map(async (shard) => {
        const before = old && readRecordsFile(recordsFile(shard), old.tokens[shard]!);
        const names: string[] = [];
        const records: Uint8Array[] = [];
        for (const name of byShard[shard]!) {
          const entry = next.get(name)!;
          let record: Uint8Array | undefined;
          if ('fresh' in entry) {
            const { episode, sourceHash } = entry.fresh;
            if (episode) record = encodeRecord(recordOfParse(episode, sourceHash));
          } else if (old!.fields[entry.row]! >= 0) {
            const [offset, length] = [old!.places[entry.row * 2]!, old!.places[entry.row * 2 + 1]!];
            // A kept record is copied as it is; one whose file was lost is parsed again next time.
            record = before?.subarray(offset, offset + length);
            if (!record) dropped.add(name);
          }
          if (!record) continue;
          names.push(name);
          records.push(record);
        }
        const written = await writeRecordsFile(recordsFile(shard), records);
        tokens[shard] = written.token;
        names.forEach((name, i) => {
          places.set(name, written.ranges[i]!);
          // The episodes revived from it find their record in the new file.
          const entry = next.get(name)!;
          if ('source' in entry && entry.source) entry.source.place = { ...entry.source.place, token: written.token, offset: written.ranges[i]![0], length: written.ranges[i]![1] };
        });
      }),
    );
    await writeCacheFile(indexFile, stamp, indexOf(old, next, { places, tokens, dropped, starts, oldStamp }));
    // The shards of the layout before this one (`<n>.v8`, `<n>.notes.v8`): tens of megabytes no build reads.
    if (!old) await Promise.all((await readdir(dir)).filter((f) => /^\d+(\.notes)?\.v8$/.test(f)).map((f) => rm(path.join(dir, f), { force: true })));
  };
  return { ...loaded, parsed, reused, save };
}

/**
 * The stats of the episode files, taken on libuv's threads while the index is read and decoded:
 * 4,000 `statSync` calls held up the build's thread for 0.1–0.2 s. A file missing here (made
 * since) is stat'ed when it is reached.
 */
function statEpisodeFiles(dir: string): Promise<Map<string, Stats>> {
  return new Promise((resolve) => {
    const stats = new Map<string, Stats>();
    readdirCallback(dir, (error, names) => {
      const files = error ? [] : names.filter((name) => name.endsWith('.md')).map((name) => path.join(dir, name));
      let left = files.length;
      if (left === 0) resolve(stats);
      for (const file of files) {
        statCallback(file, (failed, stat) => {
          if (!failed) stats.set(file, stat);
          if (--left === 0) resolve(stats);
        });
      }
    });
  });
}

/** How many of a field list's values are stored in the index (the rest are in the record). */
function valueCount(names: readonly string[]): number {
  let count = 0;
  for (const name of names) if (!RECORD_FIELDS.has(name)) count++;
  return count;
}

/**
 * The shards whose records files must be written (an entry in it parsed anew, added or
 * removed), or undefined when the index is as it was (no entry changed, not even its stamp).
 */
function changedShards(old: EpisodeIndex | undefined, next: ReadonlyMap<string, NextEntry>, oldStamp: (row: number) => FileStamp | undefined): Set<number> | undefined {
  const shards = new Set<number>();
  let changed = old === undefined;
  const kept = new Set<number>();
  for (const [name, entry] of next) {
    if ('fresh' in entry) {
      shards.add(shardOf(name));
      changed = true;
      continue;
    }
    kept.add(entry.row);
    if (entry.file === SAME_STAMP) continue;
    const before = oldStamp(entry.row);
    if (before === undefined ? entry.file !== undefined : !sameStamp(before, entry.file)) changed = true;
  }
  old?.names.forEach((name, row) => {
    if (kept.has(row)) return;
    shards.add(shardOf(name));
    changed = true;
  });
  return changed ? shards : undefined;
}

/** The next index: kept rows copied from the last one, fresh parses added, in this run's order. */
function indexOf(
  old: EpisodeIndex | undefined,
  next: ReadonlyMap<string, NextEntry>,
  written: {
    places: ReadonlyMap<string, [number, number]>;
    tokens: string[];
    dropped: ReadonlySet<string>;
    starts: Int32Array;
    oldStamp: (row: number) => FileStamp | undefined;
  },
): EpisodeIndex {
  const names = [...next.keys()].filter((name) => !written.dropped.has(name));
  const index: EpisodeIndex = {
    names,
    stamps: new Float64Array(names.length * 4).fill(Number.NaN),
    sourceHashes: [],
    checks: [],
    diagnostics: [],
    keys: [],
    fields: new Int32Array(names.length),
    fieldLists: old ? [...old.fieldLists] : [],
    values: [],
    quoteIds: '',
    quoteIdEnds: new Int32Array(names.length),
    quoteCounts: new Uint32Array(names.length),
    cardsKeys: [],
    hasChapters: new Uint8Array(names.length),
    places: new Float64Array(names.length * 2),
    tokens: written.tokens,
  };
  const listIds = new Map(index.fieldLists.map((list, i) => [list.join('\n'), i]));
  const share = sharedValues();
  const quoteTexts: string[] = [];
  let quoteEnd = 0;
  names.forEach((name, row) => {
    const entry = next.get(name)!;
    const place = written.places.get(name);
    if (place) index.places.set(place, row * 2);
    if ('fresh' in entry) {
      const { fresh } = entry;
      if (fresh.file) index.stamps.set(fresh.file, row * 4);
      index.sourceHashes.push(fresh.sourceHash);
      index.checks.push(fresh.checks.length ? fresh.checks : null);
      index.diagnostics.push(fresh.diagnostics.length ? fresh.diagnostics : null);
      if (!fresh.episode) {
        index.fields[row] = -1;
        index.keys.push('');
        index.cardsKeys.push('');
        index.quoteIdEnds[row] = quoteEnd;
        return;
      }
      const stored = storedFields(fresh.episode);
      const joined = stored.names.join('\n');
      let list = listIds.get(joined);
      if (list === undefined) {
        list = index.fieldLists.push(stored.names) - 1;
        listIds.set(joined, list);
      }
      index.fields[row] = list;
      for (const value of stored.values) index.values.push(share.fresh(value));
      index.keys.push(episodeKey(fresh.episode));
      const digest = episodeDigest(fresh.episode);
      const ids = digest.quoteIds.join('\n');
      quoteTexts.push(ids);
      index.quoteIdEnds[row] = quoteEnd += ids.length;
      index.quoteCounts[row] = digest.quoteCount;
      index.cardsKeys.push(digest.cardsKey);
      index.hasChapters[row] = digest.hasChapters ? 1 : 0;
      return;
    }
    const from = entry.row;
    const last = old!;
    if (entry.file === SAME_STAMP) index.stamps.set(last.stamps.subarray(from * 4, from * 4 + 4), row * 4);
    else if (entry.file) index.stamps.set(entry.file, row * 4);
    if (!place && last.fields[from]! >= 0) index.places.set(last.places.subarray(from * 2, from * 2 + 2), row * 2);
    index.sourceHashes.push(last.sourceHashes[from]!);
    index.checks.push(last.checks[from] ?? null);
    index.diagnostics.push(last.diagnostics[from] ?? null);
    index.fields[row] = last.fields[from]!;
    for (let i = written.starts[from]!; i < written.starts[from + 1]!; i++) index.values.push(share.kept(last.values[i]));
    index.keys.push(last.keys[from]!);
    const ids = last.quoteIds.slice(from > 0 ? last.quoteIdEnds[from - 1] : 0, last.quoteIdEnds[from]);
    quoteTexts.push(ids);
    index.quoteIdEnds[row] = quoteEnd += ids.length;
    index.quoteCounts[row] = last.quoteCounts[from]!;
    index.cardsKeys.push(last.cardsKeys[from]!);
    index.hasChapters[row] = last.hasChapters[from]!;
  });
  index.quoteIds = quoteTexts.join('');
  return index;
}

/**
 * One array for all equal arrays among the index's values: V8 writes an array met again as a
 * reference to the first, and reads it back as one. Most episodes of a show have the same hosts,
 * and 4,000 copies of them were half the time of decoding the values. The revived episodes then
 * share that array; nothing changes an episode's fields once parsed.
 */
function sharedValues(): { fresh(value: unknown): unknown; kept(value: unknown): unknown } {
  const byText = new Map<string, unknown>();
  const byObject = new Map<unknown, unknown>();
  const fresh = (value: unknown): unknown => {
    if (!Array.isArray(value)) return value;
    const text = JSON.stringify(value);
    const first = byText.get(text);
    if (first !== undefined) return first;
    byText.set(text, value);
    return value;
  };
  return {
    fresh,
    // A kept array is most often shared already by the last index: it is looked up once.
    kept(value) {
      if (!Array.isArray(value)) return value;
      let one = byObject.get(value);
      if (one === undefined) {
        one = fresh(value);
        byObject.set(value, one);
      }
      return one;
    },
  };
}

/**
 * A revived episode's record, read on first use; when it is missing (a records file lost or
 * written again since), the file is parsed again, the same text as the cache holds.
 */
function loadRecord(source: RecordSource): EpisodeRecord {
  const { place, sourceHash, file, context } = source as RevivedSource;
  const stored = readRecord(place);
  if (stored?.sourceHash === sourceHash) return stored;
  const text = readFileSync(file, 'utf8');
  const episode = createHash('sha256').update(text).digest('hex') === sourceHash ? parseEpisode(text, { ...context, file }).episode : undefined;
  if (!episode) throw new Error(`internal error: ${file} changed while the build was reading it; build again`);
  return recordOfParse(episode, sourceHash);
}

/** What the records file keeps of a parsed episode. */
function recordOfParse(episode: Episode, sourceHash: string): EpisodeRecord {
  const record: EpisodeRecord = { sourceHash, lazy: storedFields(episode).lazy, body: episode.body, html: episode.html };
  if (episode.feedNotes) record.feed = episode.feedNotes;
  return record;
}
