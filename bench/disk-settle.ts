import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How long file creation stays slow after the bench deleted a large trash. On this machine's
 * ext4 the inode allocator skips recently freed inodes until their table blocks are written
 * back (see `trashDir`): a bench started a minute and a half after the last one ended measured
 * `out/`'s 72,211 files at 20.7 s of kernel time instead of 2.1–2.4 s, and its cold builds at
 * 11–23 s instead of ~11 s (twelfth session, docs/performance.md).
 */
export const SETTLE_MS = 7 * 60_000;

/** A deletion that took this long was large enough to slow the next run (a `--quick` one takes milliseconds). */
const LARGE_DELETION_MS = 1000;

/** When the bench last emptied its trash, and how long that took. */
export interface Deletion {
  at: number;
  ms: number;
}

function stampFile(benchDir: string): string {
  return path.join(benchDir, 'trash-emptied.json');
}

/** Deletes `dir` and remembers when, if that took long enough to slow the next run. */
export async function deleteRemembered(benchDir: string, dir: string, now: () => number = Date.now): Promise<void> {
  const start = now();
  // Retried: a folder that gained an entry while it was emptied (another bench writing into
  // the same trash) fails with ENOTEMPTY, which ended a run after all its figures were printed.
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  const end = now();
  const deletion: Deletion = { at: end, ms: end - start };
  if (deletion.ms >= LARGE_DELETION_MS) await writeFile(stampFile(benchDir), `${JSON.stringify(deletion)}\n`);
}

/** Milliseconds still to wait after `deletion` before file creation is at its usual cost. */
export function settleWait(deletion: Deletion | undefined, now: number): number {
  if (!deletion || deletion.ms < LARGE_DELETION_MS) return 0;
  return Math.max(0, deletion.at + SETTLE_MS - now);
}

/** Waits out what is left of the settling time after the last large deletion, saying so. */
export async function waitForDisk(benchDir: string, progress: (line: string) => void): Promise<void> {
  let deletion: Deletion | undefined;
  try {
    deletion = JSON.parse(await readFile(stampFile(benchDir), 'utf8')) as Deletion;
  } catch {
    return;
  }
  let left = settleWait(deletion, Date.now());
  if (left === 0) return;
  progress(
    `the last run deleted its outputs ${Math.round((Date.now() - deletion.at) / 1000)} s ago, and creating files stays ` +
      `slow for minutes after that: waiting ${Math.ceil(left / 1000)} s (--no-settle to start at once)`,
  );
  while (left > 0) {
    await sleep(Math.min(left, 60_000));
    left = settleWait(deletion, Date.now());
    if (left > 0) progress(`waiting for the disk: ${Math.ceil(left / 1000)} s left`);
  }
}
