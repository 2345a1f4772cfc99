import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';
import type { FeedNotes } from '../episodes/feed-notes.ts';

/**
 * What a cached episode keeps out of the build's way: its lazily read fields (as JSON), its notes
 * and the feeds' renderings of them, with the source hash of the parse they came from.
 */
export interface EpisodeRecord {
  sourceHash: string;
  lazy: Record<string, unknown>;
  body: string;
  html: string;
  /** `Episode.feedNotes`, when the parse made them. */
  feed?: FeedNotes;
}

/** Where one record lies: its records file, the token that file was written with, the byte range. */
export interface RecordPlace {
  file: string;
  token: string;
  offset: number;
  length: number;
}

const HEADER_PREFIX = 'shownotes-records ';
/** A token is 16 hex digits; the header is the prefix, the token and a line break. */
const HEADER_LENGTH = HEADER_PREFIX.length + 16 + 1;

/**
 * One record as the bytes a records file holds for it, UTF-8: `[sourceHash, lazy, lengths…]` as
 * JSON on the first line, then the body, the notes and the feeds' notes (when there are any) as
 * they are, their lengths in UTF-16 units. Why not all of it as JSON: the notes and the body are
 * most of the bytes, and writing them as JSON strings escaped every quote of 4,000 episodes' HTML
 * on the main thread of a cold build, and reading them back unescaped it. They come from files
 * read as UTF-8 (or are rendered from them), so they hold no lone surrogate, and their lengths
 * survive the round trip.
 *
 * The feeds' notes are kept so that a feed item made again for an episode revived from the cache
 * need not run the notes through the sanitizer: a build that found `.cache/` but no `out/` spent
 * ~1.6 s of CPU doing that for the bench show's 4,000 items (docs/performance.md, item 90).
 */
export function encodeRecord(record: EpisodeRecord): Buffer {
  const { feed } = record;
  const lengths = [record.body.length, record.html.length];
  if (feed) lengths.push(feed.notes === undefined ? -1 : feed.notes.length, feed.description.length);
  return Buffer.from(`${JSON.stringify([record.sourceHash, record.lazy, ...lengths])}\n${record.body}${record.html}${feed?.notes ?? ''}${feed?.description ?? ''}`);
}

/**
 * Reads one record with a single positioned read, or undefined when the file is gone, was
 * written again since (another token), or the bytes are not a record. A rebuild renders a
 * handful of episodes: reading just their records spares decoding the notes of all the others.
 */
export function readRecord(place: RecordPlace): EpisodeRecord | undefined {
  const bytes = readRecordBytes(place);
  return bytes && decodeRecord(bytes);
}

/** The record `encodeRecord` made of these bytes, or undefined when they are not one. */
export function decodeRecord(bytes: Uint8Array): EpisodeRecord | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const line = text.indexOf('\n');
  if (line === -1) return undefined;
  let head: unknown;
  try {
    head = JSON.parse(text.slice(0, line));
  } catch {
    return undefined;
  }
  if (!Array.isArray(head) || (head.length !== 4 && head.length !== 6)) return undefined;
  const [sourceHash, lazy, ...lengths] = head as [unknown, unknown, ...unknown[]];
  if (typeof sourceHash !== 'string' || typeof lazy !== 'object' || lazy === null) return undefined;
  // Only the feeds' notes may be absent (-1); every length is a whole number, and together they are the rest.
  if (!lengths.every((n, i) => Number.isInteger(n) && ((n as number) >= 0 || (i === 2 && n === -1)))) return undefined;
  const [bodyLength, htmlLength, notesLength, descriptionLength] = lengths as number[];
  let at = line + 1;
  const take = (length: number): string => text.slice(at, (at += length));
  if (at + lengths.reduce((sum: number, n) => sum + Math.max(0, n as number), 0) !== text.length) return undefined;
  const record: EpisodeRecord = { sourceHash, lazy: lazy as Record<string, unknown>, body: take(bodyLength!), html: take(htmlLength!) };
  if (descriptionLength !== undefined) {
    const notes = notesLength! >= 0 ? take(notesLength!) : undefined;
    record.feed = { ...(notes === undefined ? {} : { notes }), description: take(descriptionLength) };
  }
  return record;
}

/** One record's bytes, read by position, or undefined when the file is gone or was written again since (another token). */
export function readRecordBytes(place: RecordPlace): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(place.file, 'r');
  } catch {
    return undefined;
  }
  try {
    const header = Buffer.alloc(HEADER_LENGTH);
    if (readSync(fd, header, 0, HEADER_LENGTH, 0) !== HEADER_LENGTH || header.toString('latin1') !== headerOf(place.token)) return undefined;
    const bytes = Buffer.allocUnsafe(place.length);
    return readSync(fd, bytes, 0, place.length, place.offset) === place.length ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** A records file's bytes when it was written with `token`, to copy kept records from; else undefined. */
export function readRecordsFile(file: string, token: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  return bytes.subarray(0, HEADER_LENGTH).toString('latin1') === headerOf(token) ? bytes : undefined;
}

/**
 * Writes a records file (beside, then renamed: never half a file) with a new token, and gives
 * each record's place in it, in order.
 */
export async function writeRecordsFile(file: string, records: readonly Uint8Array[]): Promise<{ token: string; ranges: [offset: number, length: number][] }> {
  const token = randomBytes(8).toString('hex');
  const header = Buffer.from(headerOf(token), 'latin1');
  const ranges: [number, number][] = [];
  let offset = header.length;
  for (const record of records) {
    ranges.push([offset, record.byteLength]);
    offset += record.byteLength;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  // Written as they are (libuv gathers them a thousand at a time): joining 4,000 episodes'
  // records first copied ~80 MB on the main thread.
  const handle = await open(temporary, 'w');
  try {
    const { bytesWritten } = await handle.writev([header, ...records]);
    if (bytesWritten !== offset) throw new Error(`internal error: ${bytesWritten} of ${offset} bytes of ${temporary} written`);
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  return { token, ranges };
}

function headerOf(token: string): string {
  return `${HEADER_PREFIX}${token}\n`;
}
