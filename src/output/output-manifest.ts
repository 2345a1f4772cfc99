import { statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { CACHE_FILE_EXTENSION, readCacheFile, writeCacheFile, removeCacheFile } from '../incremental/build-cache-file.ts';
import { contentHash } from '../incremental/content-hash.ts';

/** One file of `out/` as the last build left it: the key of what it was made from, its size and mtime. */
export type ManifestEntry = [key: string, size: number, mtimeMs: number];

/** What the last build wrote into one output folder. */
export interface OutputManifest {
  /** By output path (with `/`). */
  files: Record<string, ManifestEntry>;
  /** Warnings of rendering steps (the feeds), by the step's key, so a reused step still reports them. */
  warnings: Record<string, Diagnostic[]>;
}

/** The manifest file of one output folder: several folders (`out/`, the dev site) each have their own. */
export function manifestFile(cacheDir: string, out: string): string {
  return path.join(cacheDir, `outputs-${contentHash(out)}${CACHE_FILE_EXTENSION}`);
}

/** The manifest of the last build into `out`, or undefined when there is none that fits. */
export async function readManifest(file: string, stamp: string): Promise<OutputManifest | undefined> {
  return readCacheFile<OutputManifest>(file, stamp);
}

/** Stores the manifest after a build. */
export async function writeManifest(file: string, stamp: string, manifest: OutputManifest): Promise<void> {
  await writeCacheFile(file, stamp, manifest);
}

/**
 * Forgets the manifest before `out/` is touched: a build that stops half-way leaves no manifest,
 * so the next build is a full one that rewrites everything.
 */
export async function dropManifest(file: string): Promise<void> {
  await removeCacheFile(file);
}

/**
 * Whether `out/<relative>` is still the file the manifest describes: same size and
 * modification time. A file edited or deleted by hand fails, and is written again.
 */
export function isIntact(out: string, relative: string, entry: ManifestEntry | undefined): boolean {
  if (!entry) return false;
  const stats = statSync(path.join(out, relative), { throwIfNoEntry: false });
  return stats !== undefined && stats.isFile() && stats.size === entry[1] && stats.mtimeMs === entry[2];
}

/** The size and modification time of a file just written, for its manifest entry. */
export function fileStamp(file: string): { size: number; mtimeMs: number } {
  const stats = statSync(file);
  return { size: stats.size, mtimeMs: stats.mtimeMs };
}
