import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { BuildOnceResult } from './build-once.ts';
import { timeProcess } from './time-process.ts';

/** One build of ours as the bench sees it. */
export interface BuildMeasure extends BuildOnceResult {
  /** From spawning the child to its exit: what a user of `shownotes build` waits. */
  processMs: number;
}

/**
 * Builds the show at `showDir` in a child process running `buildOnce` (the bundle of
 * `bench/build-once.ts`). A cold build first deletes the show's `out/` and `.cache/` (outside
 * the timing) and passes `--clean`, so nothing is reused.
 */
export async function measureBuild(
  repoRoot: string,
  buildOnce: string,
  showDir: string,
  cold: boolean,
): Promise<BuildMeasure> {
  if (cold) {
    await rm(path.join(showDir, 'out'), { recursive: true, force: true });
    await rm(path.join(showDir, '.cache'), { recursive: true, force: true });
  }
  const args = [buildOnce, '--root', showDir];
  if (cold) args.push('--clean');
  const timing = await timeProcess(args, repoRoot);
  const last = timing.stdout.trim().split('\n').pop() ?? '';
  const result = JSON.parse(last) as BuildOnceResult;
  // The probe's figures cover the whole child; the child's own are taken before exit.
  return { ...result, cpuMs: timing.cpuMs, maxRssMb: timing.maxRssMb, processMs: timing.wallMs };
}

/** One Eleventy build: its output folder is deleted first (outside the timing). */
export async function measureEleventy(
  projectDir: string,
  args: readonly string[],
): Promise<{ processMs: number; cpuMs: number; maxRssMb: number }> {
  await rm(path.join(projectDir, '_site'), { recursive: true, force: true });
  const timing = await timeProcess(args, projectDir);
  return { processMs: timing.wallMs, cpuMs: timing.cpuMs, maxRssMb: timing.maxRssMb };
}
