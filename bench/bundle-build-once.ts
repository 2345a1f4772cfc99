import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';

/**
 * Compiles `bench/build-once.ts` and the sources it imports into ES modules, the way
 * `scripts/bundle.mjs` compiles the CLI for `npx shownotes`: the bench then times the code
 * users run, without tsx compiling TypeScript at every start. Returns the entry's path.
 * `outDir` holds the bundle alone: it is emptied first, so no chunk of an earlier bundle stays.
 *
 * What `build-once.ts` imports only dynamically (the build) goes into chunks of its own, so the
 * process that only relaunches itself (`bin/relaunch-lean.js`) loads a few kilobytes, as
 * `bin/shownotes.js` does before it loads `dist/cli.js`: one bundle made that parent compile
 * 2.4 MB it never ran, 0.3 s of every measured build that users do not wait for.
 */
export async function bundleBuildOnce(repoRoot: string, outDir: string): Promise<string> {
  const entry = path.join(repoRoot, 'bench', 'build-once.ts');
  await rm(outDir, { recursive: true, force: true });
  await build({ ...bundleOptions([entry], outDir), outExtension: { '.js': '.mjs' }, splitting: true });
  await bundleWorkers(repoRoot, outDir);
  return path.join(outDir, 'build-once.mjs');
}

/**
 * Compiles one entry into `<outDir>/<name>.mjs` and every worker thread (the `*.worker.ts` files under `src/`)
 * beside it, as `scripts/bundle.mjs` does for the CLI (see `src/workers/start-worker.ts`).
 */
export async function bundleWithWorkers(entry: string, repoRoot: string, outDir: string): Promise<void> {
  await build({ ...bundleOptions([entry], outDir), outExtension: { '.js': '.mjs' } });
  await bundleWorkers(repoRoot, outDir);
}

/** Every `*.worker.ts` under `src/`, each into `<outDir>/<name>.mjs`. */
async function bundleWorkers(repoRoot: string, outDir: string): Promise<void> {
  await build({ ...bundleOptions([path.join(repoRoot, 'src', '**', '*.worker.ts')], outDir), outExtension: { '.js': '.mjs' } });
}
