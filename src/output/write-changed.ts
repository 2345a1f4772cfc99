import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FilePieces, writePieces } from './file-pieces.ts';
import { safeTarget } from './write-output.ts';

/** One file to write into `out/`. */
export interface ChangedFile {
  path: string;
  data: string | Uint8Array | FilePieces;
}

/** How many files are written at once: enough to keep the disk busy, few enough for file handles. */
const WRITE_CONCURRENCY = 64;

/**
 * Brings an existing `out/` up to date in place: writes `files` and deletes `removed`, nothing
 * else. Every new byte is first written to a hidden temporary file beside its target; only when
 * all of them are on disk are they renamed over their targets, and only then are removed files
 * deleted. So a failure while writing (disk full, permissions) leaves `out/` as it was (the
 * temporaries and any folders made for them are removed); only a failure among the renames
 * themselves can leave some files new and some old, each file whole, never torn.
 */
export async function writeChanged(out: string, files: readonly ChangedFile[], removed: readonly string[]): Promise<void> {
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const targets = files.map((file) => {
    const target = safeTarget(out, file.path);
    return { file, target, temporary: path.join(path.dirname(target), `.${path.basename(target)}.${tag}.tmp`) };
  });
  const made: string[] = [];
  try {
    for (const dir of [...new Set(targets.map((t) => path.dirname(t.target)))].sort()) {
      const first = await mkdir(dir, { recursive: true });
      if (first) made.push(first);
    }
    // Every temporary is written before any rename, so pieces copied from a file being replaced
    // (the feeds) still read the old file.
    await runBounded(targets, WRITE_CONCURRENCY, ({ temporary, file: { data } }) => (data instanceof FilePieces ? writePieces(temporary, data) : writeFile(temporary, data)));
  } catch (error) {
    await Promise.all(targets.map((t) => discard(t.temporary)));
    for (const dir of made.reverse()) await discard(dir);
    throw error;
  }
  let renamed = 0;
  try {
    for (const t of targets) {
      await rename(t.temporary, t.target);
      renamed++;
    }
  } catch (error) {
    await Promise.all(targets.slice(renamed).map((t) => discard(t.temporary)));
    throw error;
  }
  const emptied = new Set<string>();
  for (const relative of removed) {
    const target = safeTarget(out, relative);
    try {
      await unlink(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    emptied.add(path.dirname(target));
  }
  await pruneEmptyFolders(out, emptied);
}

/** Removes a temporary file or folder of ours; clean-up never hides the error that called it. */
async function discard(target: string): Promise<void> {
  await rm(target, { recursive: true, force: true }).catch(() => undefined);
}

/** Removes folders left empty by deleted files, deepest first, up to (not including) `out`. */
async function pruneEmptyFolders(out: string, dirs: Set<string>): Promise<void> {
  const queue = [...dirs].sort((a, b) => b.length - a.length);
  const tried = new Set<string>();
  while (queue.length) {
    const dir = queue.shift()!;
    if (tried.has(dir) || dir === out || !dir.startsWith(out + path.sep)) continue;
    tried.add(dir);
    try {
      await rmdir(dir);
    } catch {
      continue;
    }
    queue.push(path.dirname(dir));
    queue.sort((a, b) => b.length - a.length);
  }
}

/**
 * Runs `task` over `items`, at most `limit` at once. After a failure no new task starts, and it
 * returns (with the first error) only once the running ones have settled, so the caller's
 * clean-up never races a write still in flight.
 */
async function runBounded<T>(items: readonly T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      try {
        await task(items[next++]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}
