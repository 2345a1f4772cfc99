import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { CACHE_FILE_EXTENSION, readCacheFile, readCacheFileSync, writeCacheFile, removeCacheFile } from '../incremental/build-cache-file.ts';
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
  /** Set on a manifest read from its file: where it is, so the intactness check's thread reads it there. */
  readonly stored?: StoredAt;
  readonly sizes: Float64Array;
  readonly mtimes: Float64Array;
  readonly warnings: Record<string, Diagnostic[]>;
  #paths: readonly string[] | undefined;
  #keys: readonly string[] | undefined;
  #index: Map<string, number> | undefined;
  #joinedPaths: string | undefined;
  #joinedKeys: string | undefined;
  #pathStarts: Int32Array | undefined;
  #keyStarts: Int32Array | undefined;

  /**
   * The columns as arrays (a manifest made by a build), or as stored, joined by NUL (one read
   * from disk): then a path or key becomes a string of its own only when asked for, and a
   * rebuild that compares row by row (`pathIs`, `keyIs`) splits none of the tens of thousands.
   */
  constructor(
    columns: { sizes: Float64Array; mtimes: Float64Array; warnings: Record<string, Diagnostic[]> } & (
      | { paths: readonly string[]; keys: readonly string[]; joinedPaths?: string }
      | { joinedPaths: string; joinedKeys: string; stored?: StoredAt }
    ),
  ) {
    this.sizes = columns.sizes;
    this.mtimes = columns.mtimes;
    this.warnings = columns.warnings;
    this.#joinedPaths = columns.joinedPaths;
    if ('paths' in columns) {
      this.#paths = columns.paths;
      this.#keys = columns.keys;
    } else {
      this.#joinedKeys = columns.joinedKeys;
      if (columns.stored) this.stored = columns.stored;
    }
  }

  /** How many outputs. */
  get length(): number {
    return this.sizes.length;
  }

  get paths(): readonly string[] {
    return (this.#paths ??= split(this.#joinedPaths!));
  }

  get keys(): readonly string[] {
    return (this.#keys ??= split(this.#joinedKeys!));
  }

  /** The paths joined by NUL, the stored column: kept from reading, so the check thread gets it without joining again. */
  get joinedPaths(): string {
    return (this.#joinedPaths ??= this.#paths!.join('\0'));
  }

  /** The keys joined by NUL, the stored column. */
  get joinedKeys(): string {
    return (this.#joinedKeys ??= this.#keys!.join('\0'));
  }

  /** Whether row `row` is the output `relative`, compared in the stored column when there is one. */
  pathIs(row: number, relative: string): boolean {
    if (this.#paths) return this.#paths[row] === relative;
    return isAt(this.#joinedPaths!, (this.#pathStarts ??= startsOf(this.#joinedPaths!, this.length)), row, relative);
  }

  /** Whether row `row` was made from `key`. */
  keyIs(row: number, key: string): boolean {
    if (this.#keys) return this.#keys[row] === key;
    return isAt(this.#joinedKeys!, (this.#keyStarts ??= startsOf(this.#joinedKeys!, this.length)), row, key);
  }

  #next = 0;

  /**
   * The row of an output path, if the last build wrote it. A build asks in the order it plans
   * its outputs, which is the order of the last build's rows unless episodes were added or
   * moved, so the row after the last one found is tried first, and the index by path (tens of
   * thousands of strings to hash) is made only when that guess fails.
   */
  row(relative: string): number | undefined {
    if (this.#next < this.length && this.pathIs(this.#next, relative)) return this.#next++;
    // A new pass over the outputs starts again at the first.
    if (this.length > 0 && this.pathIs(0, relative)) return (this.#next = 1) - 1;
    this.#index ??= new Map(this.paths.map((p, i) => [p, i]));
    const row = this.#index.get(relative);
    if (row !== undefined) this.#next = row + 1;
    return row;
  }
}

function split(column: string): string[] {
  return column ? column.split('\0') : [];
}

/** Where each of `count` NUL-separated values starts in `column`, and one past the end. */
function startsOf(column: string, count: number): Int32Array {
  const starts = new Int32Array(count + 1);
  let at = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = at;
    const end = column.indexOf('\0', at);
    at = end === -1 ? column.length + 1 : end + 1;
  }
  starts[count] = column.length + 1;
  return starts;
}

/** Whether the `row`th NUL-separated value of `column` is `value`, without cutting it out. */
function isAt(column: string, starts: Int32Array, row: number, value: string): boolean {
  const start = starts[row]!;
  return starts[row + 1]! - 1 - start === value.length && column.startsWith(value, start);
}

/** A manifest's file, the stamp it was read with, and the id it was written with. */
export interface StoredAt {
  file: string;
  stamp: string;
  id: string;
}

/** The stored form: NUL never occurs in a path or a key, so each column is one string. */
interface StoredManifest {
  /** Random, new at every write: tells this manifest from a later one in the same file. */
  id: string;
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
  if (typeof stored.id !== 'string' || typeof stored.keys !== 'string' || !(stored.mtimes instanceof Float64Array) || stored.mtimes.length !== stored.sizes.length) return undefined;
  return new OutputManifest({
    joinedPaths: stored.paths,
    joinedKeys: stored.keys,
    sizes: stored.sizes,
    mtimes: stored.mtimes,
    warnings: stored.warnings,
    stored: { file, stamp, id: stored.id },
  });
}

/** The columns the intactness check reads from a manifest's file, and the id it was written with. */
export function readStoredColumns(file: string, stamp: string): (Omit<IntactColumns, 'out'> & { id: string }) | undefined {
  const stored = readCacheFileSync<StoredManifest>(file, stamp);
  return stored && { id: stored.id, paths: stored.paths, sizes: stored.sizes, mtimes: stored.mtimes };
}

/** Stores the manifest after a build. */
export async function writeManifest(file: string, stamp: string, manifest: OutputManifest): Promise<void> {
  const stored: StoredManifest = {
    id: randomBytes(8).toString('hex'),
    paths: manifest.joinedPaths,
    keys: manifest.joinedKeys,
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

/** What the intactness check needs of a manifest. */
export interface IntactColumns {
  out: string;
  paths: string;
  sizes: Float64Array;
  mtimes: Float64Array;
}

/** What its thread is sent: the columns, or the manifest's file to read them from. */
export type IntactCheck = IntactColumns | { out: string; file: string; stamp: string };

/** What its thread replies: a flag per row, and the id of the manifest it read them from a file. */
export interface IntactReply {
  flags: Uint8Array;
  id?: string;
}

/**
 * Whether each output of the manifest is still the file it describes (same size and
 * modification time), by row: a file edited or deleted by hand fails, and is written again.
 * The check is one `stat` per output (tens of thousands on a large show), so it runs on a
 * thread of its own while the build parses episodes and matches.
 */
export function startCheckingIntact(out: string, manifest: OutputManifest): Promise<Uint8Array> {
  if (manifest.stored) {
    const check = startCheckingIntactAt(out, manifest.stored.file, manifest.stored.stamp);
    return check.of(manifest);
  }
  return checkOnThread({ out, paths: manifest.joinedPaths, sizes: manifest.sizes, mtimes: manifest.mtimes }).then(({ flags }) =>
    flags.length === manifest.length ? flags : new Uint8Array(manifest.length),
  );
}

/** A check of the manifest stored in a file, started before this thread has read that file. */
export interface IntactAhead {
  /** The flags, when the thread read `manifest` (the one this thread read from the file); none intact otherwise. */
  of(manifest: OutputManifest): Promise<Uint8Array>;
  /** Ends the thread: its answer is not wanted. */
  stop(): void;
}

/**
 * `startCheckingIntact` for the manifest in `file`, started at once: its thread reads the file
 * itself, so the check begins while this thread is still reading the same manifest (its ~0.1 s
 * on the benchmark show), and its answer is used only for the manifest with the id it read.
 */
export function startCheckingIntactAt(out: string, file: string, stamp: string): IntactAhead {
  let stop = (): void => undefined;
  const reply = checkOnThread({ out, file, stamp }, (terminate) => (stop = terminate));
  reply.catch(() => undefined);
  return {
    of: async (manifest) => {
      const { flags, id } = await reply;
      // No flags, or those of another manifest (the file was written again in between): nothing counts as intact.
      return id === manifest.stored?.id && flags.length === manifest.length ? flags : new Uint8Array(manifest.length);
    },
    stop: () => stop(),
  };
}

function checkOnThread(input: IntactCheck, onStarted?: (terminate: () => void) => void): Promise<IntactReply> {
  const worker = startWorker('output/check-intact.worker', input);
  onStarted?.(() => void worker.terminate());
  return new Promise((resolve, reject) => {
    worker.once('message', (reply: IntactReply) => {
      resolve(reply);
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
