import { randomBytes } from 'node:crypto';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { BuildOnceResult } from './build-once.ts';
import { deleteRemembered } from './disk-settle.ts';
import { timeProcess } from './time-process.ts';

/** One build of ours as the bench sees it. */
export interface BuildMeasure extends BuildOnceResult {
  /** From spawning the child to its exit: what a user of `shownotes build` waits. */
  processMs: number;
}

/**
 * Where the outputs of earlier runs go before a cold run: moved, not deleted. On ext4 without a
 * journal (this machine's disk), an inode freed in the last minute (six while its inode table
 * block is not yet written back) is skipped when a new file is made, and each skip costs a
 * buffer look-up (`recently_deleted` in the kernel's inode allocator, seen with `perf`): a
 * build that creates 72,000 files right after 72,000 were deleted spent 15–30 s more in the
 * kernel than one into a folder never used. That is the benchmark's own deletion, not work of
 * the tool measured, so the trash is emptied only after the last timed run (`emptyTrash`).
 */
export function trashDir(benchDir: string): string {
  return path.join(benchDir, 'trash');
}

/** Moves a run's output out of the way (see `trashDir`); a missing folder is fine. */
async function setAside(dir: string, benchDir: string): Promise<void> {
  const trash = trashDir(benchDir);
  await mkdir(trash, { recursive: true });
  try {
    await rename(dir, path.join(trash, `${path.basename(dir)}-${randomBytes(6).toString('hex')}`));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Deletes what the cold runs set aside; call after the last timed run. A large deletion is
 * remembered, so that the next run waits for the disk first (`waitForDisk`).
 */
export async function emptyTrash(benchDir: string): Promise<void> {
  await deleteRemembered(benchDir, trashDir(benchDir));
}

/**
 * Builds the show at `showDir` in a child process running `buildOnce` (the bundle of
 * `bench/build-once.ts`). A cold build first sets the show's `out/` and `.cache/` aside
 * (outside the timing, see `trashDir`) and passes `--clean`, so nothing is reused.
 */
export async function measureBuild(
  repoRoot: string,
  buildOnce: string,
  showDir: string,
  cold: boolean,
  benchDir: string,
): Promise<BuildMeasure> {
  if (cold) {
    await setAside(path.join(showDir, 'out'), benchDir);
    await setAside(path.join(showDir, '.cache'), benchDir);
  }
  const args = [buildOnce, '--root', showDir];
  if (cold) args.push('--clean');
  const timing = await timeProcess(args, repoRoot);
  const last = timing.stdout.trim().split('\n').pop() ?? '';
  const result = JSON.parse(last) as BuildOnceResult;
  // The probe's figures cover the whole child; the child's own are taken before exit.
  return { ...result, cpuMs: timing.cpuMs, maxRssMb: timing.maxRssMb, processMs: timing.wallMs };
}

/** One Eleventy build: its output folder is set aside first (outside the timing, as ours). */
export async function measureEleventy(
  projectDir: string,
  args: readonly string[],
  benchDir: string,
): Promise<{ processMs: number; cpuMs: number; maxRssMb: number }> {
  await setAside(path.join(projectDir, '_site'), benchDir);
  const timing = await timeProcess(args, projectDir);
  return { processMs: timing.wallMs, cpuMs: timing.cpuMs, maxRssMb: timing.maxRssMb };
}
