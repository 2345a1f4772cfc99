import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';

/**
 * What a cached episode keeps out of the build's way: its lazily read fields (as JSON) and its
 * notes, with the source hash of the parse they came from.
 */
export interface EpisodeRecord {
  sourceHash: string;
  lazy: Record<string, unknown>;
  body: string;
  html: string;
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
 * One record as the bytes a records file holds for it, UTF-8: `[sourceHash, lazy, body's length]`
 * as JSON on the first line, then the body and the notes as they are. Why not all of it as JSON:
 * the notes and the body are most of the bytes, and writing them as JSON strings escaped every
 * quote of 4,000 episodes' HTML on the main thread of a cold build, and reading them back
 * unescaped it. They come from files read as UTF-8, so they hold no lone surrogate, and their
 * lengths in UTF-16 units survive the round trip.
 */
export function encodeRecord(record: EpisodeRecord): Buffer {
  return Buffer.from(`${JSON.stringify([record.sourceHash, record.lazy, record.body.length])}\n${record.body}${record.html}`);
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
  try {
    const [sourceHash, lazy, bodyLength] = JSON.parse(text.slice(0, line)) as [string, Record<string, unknown>, number];
    const bodyEnd = line + 1 + bodyLength;
    if (typeof sourceHash !== 'string' || typeof lazy !== 'object' || lazy === null || !Number.isInteger(bodyLength) || bodyLength < 0 || bodyEnd > text.length) return undefined;
    return { sourceHash, lazy, body: text.slice(line + 1, bodyEnd), html: text.slice(bodyEnd) };
  } catch {
    return undefined;
  }
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
