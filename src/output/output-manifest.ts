import { statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { CACHE_FILE_EXTENSION, readCacheFile, writeCacheFile, removeCacheFile } from '../incremental/build-cache-file.ts';
import { contentHash } from '../incremental/content-hash.ts';
import { startWorker } from '../workers/start-worker.ts';

/**
 * What the last build wrote into one output folder: for each file (path with `/`), the key of
 * what it was made from, its size and its modification time; and the warnings of rendering
 * steps (the feeds) by the step's key, so a reused step still reports them.
 *
 * Kept in columns, not as an object per file: a large show has tens of thousands of outputs, and
 * reading, checking and storing one string per column and two number arrays is several times
 * cheaper than as many small objects (a rebuild pays for the manifest on every run).
 */
export class OutputManifest {
  readonly paths: readonly string[];
  readonly keys: readonly string[];
  readonly sizes: Float64Array;
  readonly mtimes: Float64Array;
  readonly warnings: Record<string, Diagnostic[]>;
  #index: Map<string, number> | undefined;
  #joinedPaths: string | undefined;

  /** `joinedPaths`: the paths as stored (joined by NUL), when the manifest was read from it. */
  constructor(columns: { paths: readonly string[]; keys: readonly string[]; sizes: Float64Array; mtimes: Float64Array; warnings: Record<string, Diagnostic[]>; joinedPaths?: string }) {
    this.paths = columns.paths;
    this.keys = columns.keys;
    this.sizes = columns.sizes;
    this.mtimes = columns.mtimes;
    this.warnings = columns.warnings;
    this.#joinedPaths = columns.joinedPaths;
  }

  /** The paths joined by NUL, the stored column: kept from reading, so the check thread gets it without joining again. */
  get joinedPaths(): string {
    return (this.#joinedPaths ??= this.paths.join('\0'));
  }

  #next = 0;

  /**
   * The row of an output path, if the last build wrote it. A build asks in the order it plans
   * its outputs, which is the order of the last build's rows unless episodes were added or
   * moved, so the row after the last one found is tried first, and the index by path (tens of
   * thousands of strings to hash) is made only when that guess fails.
   */
  row(relative: string): number | undefined {
    if (this.paths[this.#next] === relative) return this.#next++;
    // A new pass over the outputs starts again at the first.
    if (this.paths[0] === relative) return (this.#next = 1) - 1;
    this.#index ??= new Map(this.paths.map((p, i) => [p, i]));
    const row = this.#index.get(relative);
    if (row !== undefined) this.#next = row + 1;
    return row;
  }
}

/** The stored form: NUL never occurs in a path or a key, so each column is one string. */
interface StoredManifest {
  paths: string;
  keys: string;
  sizes: Float64Array;
  mtimes: Float64Array;
  warnings: Record<string, Diagnostic[]>;
}

/** The manifest file of one output folder: several folders (`out/`, the dev site) each have their own. */
export function manifestFile(cacheDir: string, out: string): string {
  return path.join(cacheDir, `outputs-${contentHash(out)}${CACHE_FILE_EXTENSION}`);
}

/** The manifest of the last build into `out`, or undefined when there is none that fits. */
export async function readManifest(file: string, stamp: string): Promise<OutputManifest | undefined> {
  const stored = await readCacheFile<StoredManifest>(file, stamp);
  if (!stored || typeof stored.paths !== 'string' || !(stored.sizes instanceof Float64Array)) return undefined;
  const split = (column: string) => (column ? column.split('\0') : []);
  return new OutputManifest({ paths: split(stored.paths), keys: split(stored.keys), sizes: stored.sizes, mtimes: stored.mtimes, warnings: stored.warnings, joinedPaths: stored.paths });
}

/** Stores the manifest after a build. */
export async function writeManifest(file: string, stamp: string, manifest: OutputManifest): Promise<void> {
  const stored: StoredManifest = {
    paths: manifest.joinedPaths,
    keys: manifest.keys.join('\0'),
    sizes: manifest.sizes,
    mtimes: manifest.mtimes,
    warnings: manifest.warnings,
  };
  await writeCacheFile(file, stamp, stored);
}

/**
 * Forgets the manifest before `out/` is touched: a build that stops half-way leaves no manifest,
 * so the next build is a full one that rewrites everything.
 */
export async function dropManifest(file: string): Promise<void> {
  await removeCacheFile(file);
}

/** What the intactness check needs of a manifest, as sent to its thread. */
export interface IntactCheck {
  out: string;
  paths: string;
  sizes: Float64Array;
  mtimes: Float64Array;
}

/**
 * Whether each output of the manifest is still the file it describes (same size and
 * modification time), by row: a file edited or deleted by hand fails, and is written again.
 * The check is one `stat` per output (tens of thousands on a large show), so it runs on a
 * thread of its own while the build parses episodes and matches.
 */
export function startCheckingIntact(out: string, manifest: OutputManifest): Promise<Uint8Array> {
  const input: IntactCheck = { out, paths: manifest.joinedPaths, sizes: manifest.sizes, mtimes: manifest.mtimes };
  const worker = startWorker('output/check-intact.worker', input);
  return new Promise((resolve, reject) => {
    worker.once('message', (flags: Uint8Array) => {
      resolve(flags);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`internal error: the output check stopped (exit code ${code})`)));
  });
}

/** The same check on this thread, for one file. */
export function isIntact(out: string, relative: string, size: number, mtimeMs: number): boolean {
  return isIntactFile(path.join(out, relative), size, mtimeMs);
}

/** `isIntact` of a file by its full path. */
export function isIntactFile(file: string, size: number, mtimeMs: number): boolean {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats !== undefined && stats.isFile() && stats.size === size && stats.mtimeMs === mtimeMs;
}

/** The size and modification time of a file just written, for its manifest entry. */
export function fileStamp(file: string): { size: number; mtimeMs: number } {
  const stats = statSync(file);
  return { size: stats.size, mtimeMs: stats.mtimeMs };
}
