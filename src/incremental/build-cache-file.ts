import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The folder of the incremental build's cache inside a show folder (`.cache/` is git-ignored). */
export function buildCacheDir(root: string): string {
  return path.join(root, '.cache', 'build');
}

/** Bump when the layout of any cache file changes. */
const FORMAT = 3;

/**
 * One cache file's contents, or undefined when it is missing, unreadable, of another format or
 * made by another tool version or setting (`stamp`): a cache that does not fit is never used.
 */
export async function readCacheFile<T>(file: string, stamp: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as { format?: unknown; stamp?: unknown; data?: T };
    return value.format === FORMAT && value.stamp === stamp ? value.data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a cache file beside and renames it, so a crash never leaves half a cache file. */
export async function writeCacheFile(file: string, stamp: string, data: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ format: FORMAT, stamp, data }));
  await rename(temporary, file);
}

/** Removes a cache file; a missing one is fine. */
export async function removeCacheFile(file: string): Promise<void> {
  await rm(file, { force: true });
}
