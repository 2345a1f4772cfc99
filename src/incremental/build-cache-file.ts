import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';

/** File name ending of cache files (see `readCacheFile`). */
export const CACHE_FILE_EXTENSION = '.v8';

/** The folder of the incremental build's cache inside a show folder (`.cache/` is git-ignored). */
export function buildCacheDir(root: string): string {
  return path.join(root, '.cache', 'build');
}

/** Bump when the layout of any cache file changes. */
const FORMAT = 4;

/**
 * One cache file's contents, or undefined when it is missing, unreadable, of another format or
 * made by another tool version or setting (`stamp`): a cache that does not fit is never used.
 *
 * Cache files are V8's structured-clone bytes (`v8.serialize`), not JSON: a rebuild of a large
 * show reads tens of megabytes of them (every episode's parse, the output manifest), and
 * deserializing is 2–3× cheaper than decoding UTF-8 and parsing JSON. They are only ever read
 * by the same Node version (the tool version includes it).
 */
export async function readCacheFile<T>(file: string, stamp: string): Promise<T | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined;
  }
  return decode<T>(bytes, stamp);
}

/** `readCacheFile` for a caller that cannot wait: a getter loading data on first use. */
export function readCacheFileSync<T>(file: string, stamp: string): T | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  return decode<T>(bytes, stamp);
}

function decode<T>(bytes: Buffer, stamp: string): T | undefined {
  try {
    const value = v8.deserialize(bytes) as { format?: unknown; stamp?: unknown; data?: T };
    return value.format === FORMAT && value.stamp === stamp ? value.data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a cache file beside and renames it, so a crash never leaves half a cache file. */
export async function writeCacheFile(file: string, stamp: string, data: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, v8.serialize({ format: FORMAT, stamp, data }));
  await rename(temporary, file);
}

/** Removes a cache file; a missing one is fine. */
export async function removeCacheFile(file: string): Promise<void> {
  await rm(file, { force: true });
}
