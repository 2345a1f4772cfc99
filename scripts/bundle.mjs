// Compiles the CLI into one ES module (dist/cli.js) when the package is installed (`prepare`),
// so `npx shownotes` starts without compiling TypeScript on the fly. Libraries stay external
// and load from node_modules as usual. bin/shownotes.js falls back to the sources through tsx
// whenever this bundle is missing or older than them. The article feeds worker is a second
// entry point (dist/articles-worker.mjs): a worker thread starts from a file of its own, which
// src/articles/start-loading-articles.ts looks for beside the bundle.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['src/articles/articles-worker.ts'], outfile: 'dist/articles-worker.mjs' }),
]);
