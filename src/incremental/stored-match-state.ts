import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import type { Phrase } from '../matching/find-phrase.ts';
import type { EpisodeRecord, MatchState } from '../matching/match-incrementally.ts';
import type { RelatedArticle } from '../matching/related.ts';
import { readRecordBytes, readRecordsFile, writeRecordsFile, type RecordPlace } from './episode-records.ts';
import { RELATED_DIGEST_LENGTH, relatedDigest, relatedText, rememberRelatedDigest, rememberRelatedText } from './related-text.ts';

/**
 * The matching state (`MatchState`) as the cache keeps it (issue 7): an index read whole by every
 * rebuild, with what matching reads of every episode (slug, key, owned articles, the key ids and
 * candidates its evaluation read, its related articles as JSON) as a few strings and typed
 * arrays; and one record per episode (its counted keys, proper-name candidates, quote matches),
 * read by position only for the episodes a rebuild prepares or evaluates again. The state as one
 * `v8.serialize` value was 8 MB and some 150,000 objects for 4,000 episodes, decoded whole and
 * written whole by every rebuild; most of it (the counted keys, the candidates) is read only of
 * an edited episode.
 */
interface StateIndex {
  format: number;
  stamp: string;
  /** Joined by NUL: the episodes' slugs, their keys, the key table, the shared names' keys, the proper keys. */
  slugs: string;
  keys: string;
  tableKeys: string;
  counts: Int32Array;
  shared: string;
  sharedCount: number;
  /** JSON of the shared names (`Phrase[]`). */
  sharedNames: string;
  properKeys: string;
  properCount: number;
  lists: Record<ListName, { offsets: Int32Array; values: Int32Array }>;
  /** Each episode's related articles as JSON, joined, and where each ends. */
  related: string;
  relatedEnds: Int32Array;
  /** Each episode's `relatedDigest`, joined (all are `RELATED_DIGEST_LENGTH` long). */
  relatedDigests: string;
  /** Each episode's record: offset and length in its shard's records file. */
  places: Float64Array;
  /** The token each shard's records file was written with ('' for none). */
  tokens: string[];
}

/** The per-episode id lists kept in the index. */
const LISTS = ['owns', 'reads', 'candidates'] as const;
type ListName = (typeof LISTS)[number];

/** What a record holds, in this order. */
type RecordFields = [quotesKey: string, titleKey: string | null, counted: Int32Array, proper: Phrase[], quotes: EpisodeRecord['quotes']];

/** Records are spread over this many files by a hash of the slug: an edit rewrites one small file. */
const SHARDS = 64;

/** Bump when `StateIndex` or `RecordFields` change shape. */
const FORMAT = 2;

function shardOf(slug: string): number {
  let h = 0;
  for (let i = 0; i < slug.length; i++) h = (h * 31 + slug.charCodeAt(i)) >>> 0;
  return h % SHARDS;
}

/** Thrown on reading a record whose records file was lost or written again: the state is then not used. */
export class LostMatchRecord extends Error {}

const split = (joined: string, count: number): string[] => (count === 0 ? [] : joined.split('\0'));

/** A decoded index, and where its records are. */
class StoredState {
  readonly relatedStarts: Int32Array;
  constructor(
    readonly index: StateIndex,
    readonly dir: string,
  ) {
    this.relatedStarts = new Int32Array(index.relatedEnds.length);
    this.relatedStarts.set(index.relatedEnds.subarray(0, -1), 1);
  }

  list(name: ListName, row: number): Int32Array {
    const { offsets, values } = this.index.lists[name];
    return values.subarray(offsets[row], offsets[row + 1]);
  }

  relatedText(row: number): string {
    return this.index.related.slice(this.relatedStarts[row], this.index.relatedEnds[row]);
  }

  relatedDigest(row: number): string {
    return this.index.relatedDigests.slice(row * RELATED_DIGEST_LENGTH, (row + 1) * RELATED_DIGEST_LENGTH);
  }

  place(slug: string, row: number): RecordPlace {
    const shard = shardOf(slug);
    return { file: recordsFileOf(this.dir, shard), token: this.index.tokens[shard]!, offset: this.index.places[row * 2]!, length: this.index.places[row * 2 + 1]! };
  }

  fields(slug: string, row: number): RecordFields {
    const bytes = readRecordBytes(this.place(slug, row));
    if (!bytes) throw new LostMatchRecord(`the matching record of ${slug} is lost`);
    return v8.deserialize(bytes) as RecordFields;
  }
}

/** One episode's record of a stored state: what lives in its record is read on first use. */
class StoredRecord implements EpisodeRecord {
  #fields: RecordFields | undefined;
  #related: RelatedArticle[] | undefined;
  constructor(
    readonly slug: string,
    readonly key: string,
    readonly state: StoredState,
    readonly row: number,
  ) {}

  #record(): RecordFields {
    return (this.#fields ??= this.state.fields(this.slug, this.row));
  }
  get quotesKey(): string {
    return this.#record()[0];
  }
  get titleKey(): string | undefined {
    return this.#record()[1] ?? undefined;
  }
  get counted(): Int32Array {
    return this.#record()[2];
  }
  get proper(): Phrase[] {
    return this.#record()[3];
  }
  get quotes(): EpisodeRecord['quotes'] {
    return this.#record()[4];
  }
  get owns(): Int32Array {
    return this.state.list('owns', this.row);
  }
  get reads(): Int32Array {
    return this.state.list('reads', this.row);
  }
  get candidates(): Int32Array {
    return this.state.list('candidates', this.row);
  }
  get relatedDigest(): string {
    return this.state.relatedDigest(this.row);
  }
  get related(): RelatedArticle[] {
    if (!this.#related) {
      const text = this.state.relatedText(this.row);
      this.#related = JSON.parse(text) as RelatedArticle[];
      rememberRelatedText(this.#related, text);
      rememberRelatedDigest(this.#related, this.state.relatedDigest(this.row));
    }
    return this.#related;
  }
}

const indexFileOf = (dir: string) => path.join(dir, 'index.v8');
const recordsFileOf = (dir: string, shard: number) => path.join(dir, `${shard}.records`);

/** The file the index lives in, inside the matching cache's folder `dir` (read ahead by the build). */
export function matchStateIndexFile(dir: string): string {
  return indexFileOf(dir);
}

/**
 * The state stored in `dir` from its index's bytes, or undefined when they are missing,
 * damaged or made for another corpus, setting or tool (`stamp`). Records are read when first
 * asked for; one that is lost throws `LostMatchRecord`.
 */
export function decodeMatchState(bytes: Uint8Array | undefined, stamp: string, dir: string): MatchState | undefined {
  if (!bytes) return undefined;
  let index: StateIndex;
  try {
    index = v8.deserialize(bytes) as StateIndex;
  } catch {
    return undefined;
  }
  if (index?.format !== FORMAT || index.stamp !== stamp) return undefined;
  const stored = new StoredState(index, dir);
  const count = index.relatedEnds.length;
  const slugs = split(index.slugs, count);
  const keys = split(index.keys, count);
  const tableKeys = split(index.tableKeys, index.counts.length);
  return {
    keys: tableKeys,
    counts: Array.from(index.counts),
    shared: split(index.shared, index.sharedCount),
    sharedNames: JSON.parse(index.sharedNames) as Phrase[],
    properKeys: split(index.properKeys, index.properCount),
    episodes: slugs.map((slug, row) => new StoredRecord(slug, keys[row]!, stored, row)),
  };
}

/**
 * Writes a state into `dir`: the records of the episodes matched again into their shards'
 * records files (each rewritten whole, kept records copied as bytes), then the index (written
 * beside and renamed). An index never points into a records file written after it: a stale
 * index finds another token and is not used.
 */
export async function writeMatchState(dir: string, stamp: string, state: MatchState): Promise<void> {
  const count = state.episodes.length;
  const byShard = Array.from({ length: SHARDS }, (): number[] => []);
  const fresh = new Map<number, Uint8Array>();
  const changed = new Set<number>();
  let previous: StoredState | undefined;
  state.episodes.forEach((record, e) => {
    const shard = shardOf(record.slug);
    byShard[shard]!.push(e);
    if (record instanceof StoredRecord && (previous ??= record.state) === record.state) return;
    const fields: RecordFields = [record.quotesKey, record.titleKey ?? null, record.counted, record.proper, record.quotes];
    fresh.set(e, v8.serialize(fields));
    changed.add(shard);
  });
  const places = new Float64Array(count * 2);
  const tokens = previous ? [...previous.index.tokens] : new Array<string>(SHARDS).fill('');
  await mkdir(dir, { recursive: true });
  for (const [shard, rows] of byShard.entries()) {
    if (!changed.has(shard)) {
      // Every record of this shard is kept where it was.
      for (const e of rows) places.set(previous!.index.places.subarray((state.episodes[e] as StoredRecord).row * 2, (state.episodes[e] as StoredRecord).row * 2 + 2), e * 2);
      continue;
    }
    const before = previous && readRecordsFile(recordsFileOf(dir, shard), previous.index.tokens[shard]!);
    const records = rows.map((e) => {
      const made = fresh.get(e);
      if (made) return made;
      const { row } = state.episodes[e] as StoredRecord;
      const [offset, length] = [previous!.index.places[row * 2]!, previous!.index.places[row * 2 + 1]!];
      if (!before || offset + length > before.length) throw new LostMatchRecord(`the matching records file of shard ${shard} is lost`);
      return before.subarray(offset, offset + length);
    });
    const written = await writeRecordsFile(recordsFileOf(dir, shard), records);
    tokens[shard] = written.token;
    rows.forEach((e, i) => places.set(written.ranges[i]!, e * 2));
  }
  const lists = {} as StateIndex['lists'];
  for (const name of LISTS) {
    const offsets = new Int32Array(count + 1);
    state.episodes.forEach((record, e) => (offsets[e + 1] = offsets[e]! + record[name].length));
    const values = new Int32Array(offsets[count]!);
    state.episodes.forEach((record, e) => values.set(record[name], offsets[e]));
    lists[name] = { offsets, values };
  }
  const related: string[] = [];
  const relatedEnds = new Int32Array(count);
  const relatedDigests: string[] = [];
  let end = 0;
  state.episodes.forEach((record, e) => {
    // A kept record's related articles are copied as the text and digest they were stored as.
    // (The digest of a fresh list is the one the output keys read: made once, see `relatedDigest`.)
    const kept = record instanceof StoredRecord && record.state === previous;
    const text = kept ? previous!.relatedText(record.row) : relatedText(record.related);
    related.push(text);
    end += text.length;
    relatedEnds[e] = end;
    const digest = kept ? previous!.relatedDigest(record.row) : relatedDigest(record.related);
    if (digest.length !== RELATED_DIGEST_LENGTH) throw new Error(`internal error: a related digest of ${digest.length} characters`);
    relatedDigests.push(digest);
  });
  const index: StateIndex = {
    format: FORMAT,
    stamp,
    slugs: state.episodes.map((r) => r.slug).join('\0'),
    keys: state.episodes.map((r) => r.key).join('\0'),
    tableKeys: state.keys.join('\0'),
    counts: Int32Array.from(state.counts),
    shared: state.shared.join('\0'),
    sharedCount: state.shared.length,
    sharedNames: JSON.stringify(state.sharedNames),
    properKeys: state.properKeys.join('\0'),
    properCount: state.properKeys.length,
    lists,
    related: related.join(''),
    relatedEnds,
    relatedDigests: relatedDigests.join(''),
    places,
    tokens,
  };
  const file = indexFileOf(dir);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, v8.serialize(index));
  await rename(temporary, file);
}
