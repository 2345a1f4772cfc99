// Compiles the CLI into one ES module (dist/cli.js) when the package is installed (`prepare`),
// so `npx shownotes` starts without compiling TypeScript on the fly. Libraries stay external
// and load from node_modules as usual. bin/shownotes.js falls back to the sources through tsx
// whenever this bundle is missing or older than them.
import { build } from 'esbuild';

await build({
  // Worker threads are entry points of their own, compiled beside the CLI (src/workers/start-worker.ts).
  entryPoints: ['src/cli.ts', 'src/**/*.worker.ts'],
  outdir: 'dist',
  entryNames: '[name]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
