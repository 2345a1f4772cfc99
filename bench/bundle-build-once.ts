import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { writeCodeCache } from '../bin/load-compiled.js';
import { assertNoDynamicImport, bundleOptions } from '../scripts/bundle-options.mjs';
import { sourcesDigest } from '../scripts/sources-digest.mjs';

/**
 * Compiles `bench/build-once.ts` and the build it runs the way `scripts/bundle.mjs` compiles the
 * CLI for `npx shownotes`: the bench then times the code users run, without tsx compiling
 * TypeScript at every start. Returns the entry's path. `outDir` holds the bundle alone: it is
 * emptied first, so no file of an earlier bundle stays.
 *
 * Two bundles, as `bin/shownotes.js` and `dist/cli.cjs` are two files: `build-once.cjs`, a few
 * kilobytes, which is all the process that only relaunches itself (`bin/relaunch-lean.js`) loads,
 * and `build.cjs` (`build-entry.ts`) with its code cache, which the relaunched child loads. One
 * bundle made that parent compile 2.4 MB it never ran, 0.3 s of every measured build that users
 * do not wait for.
 */
export async function bundleBuildOnce(repoRoot: string, outDir: string): Promise<string> {
  await rm(outDir, { recursive: true, force: true });
  const digest = await sourcesDigest(repoRoot);
  await build(bundleOptions([path.join(repoRoot, 'bench', 'build-once.ts')], outDir));
  const { metafile } = await build({ ...bundleOptions([path.join(repoRoot, 'bench', 'build-entry.ts')], outDir, digest), entryNames: 'build', metafile: true });
  assertNoDynamicImport(metafile);
  await bundleWorkers(repoRoot, outDir, digest);
  writeCodeCache(path.join(outDir, 'build.cjs'));
  return path.join(outDir, 'build-once.cjs');
}

/**
 * Compiles one entry into `<outDir>/<name>.cjs` and every worker thread (the `*.worker.ts` files
 * under `src/`) beside it, as `scripts/bundle.mjs` does for the CLI (see `src/workers/start-worker.ts`).
 */
export async function bundleWithWorkers(entry: string, repoRoot: string, outDir: string): Promise<void> {
  const digest = await sourcesDigest(repoRoot);
  await build(bundleOptions([entry], outDir, digest));
  await bundleWorkers(repoRoot, outDir, digest);
}

/** Every `*.worker.ts` under `src/`, each into `<outDir>/<name>.cjs`. */
async function bundleWorkers(repoRoot: string, outDir: string, digest: string): Promise<void> {
  await build(bundleOptions([path.join(repoRoot, 'src', '**', '*.worker.ts')], outDir, digest));
}
