// Compiles the CLI into one ES module (dist/cli.js) when the package is installed (`prepare`),
// so `npx shownotes` starts without compiling TypeScript on the fly or resolving its libraries
// one by one (see bundle-options.mjs). bin/shownotes.js falls back to the sources through tsx
// whenever this bundle is missing or older than them.
import { build } from 'esbuild';
import { bundleOptions } from './bundle-options.mjs';

// Worker threads are entry points of their own, compiled beside the CLI (src/workers/start-worker.ts).
await build({ ...bundleOptions(['src/cli.ts', 'src/**/*.worker.ts'], 'dist'), sourcemap: 'linked' });
