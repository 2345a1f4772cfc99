import path from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';

/**
 * Compiles `bench/build-once.ts` and the sources it imports into one ES module, the way
 * `scripts/bundle.mjs` compiles the CLI for `npx shownotes`: the bench then times the code
 * users run, without tsx compiling TypeScript at every start. Returns the bundle's path.
 */
export async function bundleBuildOnce(repoRoot: string, outDir: string): Promise<string> {
  await bundleWithWorkers(path.join(repoRoot, 'bench', 'build-once.ts'), repoRoot, outDir);
  return path.join(outDir, 'build-once.mjs');
}

/**
 * Compiles one entry into `<outDir>/<name>.mjs` and every worker thread (the `*.worker.ts` files under `src/`)
 * beside it, as `scripts/bundle.mjs` does for the CLI (see `src/workers/start-worker.ts`).
 */
export async function bundleWithWorkers(entry: string, repoRoot: string, outDir: string): Promise<void> {
  await build({
    ...bundleOptions([entry, path.join(repoRoot, 'src', '**', '*.worker.ts')], outDir),
    outExtension: { '.js': '.mjs' },
  });
}
