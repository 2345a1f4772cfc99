// Compiles the CLI into one CommonJS bundle (dist/cli.cjs) when the package is installed
// (`prepare`), so `npx shownotes` starts without compiling TypeScript on the fly or resolving its
// libraries one by one (see bundle-options.mjs), and writes V8's code cache for it beside it
// (bin/load-compiled.js). bin/shownotes.js falls back to the sources through tsx whenever this
// bundle is missing or older than them.
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { writeCodeCache } from '../bin/load-compiled.js';
import { assertNoDynamicImport, bundleOptions } from './bundle-options.mjs';
import { sourcesDigest } from './sources-digest.mjs';

// Nothing of an earlier layout (dist/cli.js) may stay beside the new one.
await rm('dist', { recursive: true, force: true });
// Worker threads are entry points of their own, compiled beside the CLI (src/workers/start-worker.ts).
const digest = await sourcesDigest('.');
const { metafile } = await build({ ...bundleOptions(['src/cli.ts', 'src/**/*.worker.ts'], 'dist', digest), sourcemap: 'linked', metafile: true });
assertNoDynamicImport(metafile);
writeCodeCache('dist/cli.cjs');
