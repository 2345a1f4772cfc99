import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';

/**
 * Compiles `bench/build-once.ts` and the sources it imports into one ES module, the way
 * `scripts/bundle.mjs` compiles the CLI for `npx shownotes`: the bench then times the code
 * users run, without tsx compiling TypeScript at every start. The article feeds worker is
 * compiled beside it (`articles-worker.mjs`), where the bundled build looks for it. Returns
 * the bundle's path.
 */
export async function bundleBuildOnce(repoRoot: string, outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'build-once.mjs');
  const common: BuildOptions = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' };
  await Promise.all([
    build({ ...common, entryPoints: [path.join(repoRoot, 'bench', 'build-once.ts')], outfile }),
    build({ ...common, entryPoints: [path.join(repoRoot, 'src', 'articles', 'articles-worker.ts')], outfile: path.join(outDir, 'articles-worker.mjs') }),
  ]);
  return outfile;
}
