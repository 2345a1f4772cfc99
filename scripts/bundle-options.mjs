// The esbuild settings shared by the CLI bundle (scripts/bundle.mjs) and the benchmark's
// (bench/bundle-build-once.ts), so the benchmark times exactly what `npx shownotes` runs.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCES_DIGEST } from './sources-digest.mjs';

/**
 * Libraries are compiled into the bundle too: resolving and wrapping some thirty packages from
 * node_modules through Node's ES module loader took ~0.6 s at every start on the 2-core
 * benchmark machine, one bundle ~0.4 s (measured with `time node dist/cli.js --help`). Left out:
 * the card-image renderers (a native addon and a WebAssembly build, loaded only when `images`
 * is on) and esbuild itself; the feed parser and sanitizer, which the build loads by name on
 * first use (`src/load-on-first-use.ts`), stay in node_modules as well.
 */
export const EXTERNAL_PACKAGES = ['@resvg/resvg-js', 'satori', 'esbuild'];

/**
 * The sources find files beside themselves through `import.meta.url` (the package root, the
 * worker threads' bundles, fonts); in a CommonJS bundle that is the bundle's own file.
 */
const MODULE_URL = '__shownotesModuleUrl';
const MODULE_URL_BANNER = `var ${MODULE_URL} = require("node:url").pathToFileURL(__filename).href;`;

/**
 * `stopword`'s "main" is one CommonJS file holding the lists of 62 languages (320 KB, a seventh
 * of the bundle, compiled at every start); its ES module sources let esbuild keep the one list
 * the matcher imports. Same package, same lists.
 */
const STOPWORD = 'stopword/src/stopword.js';

/**
 * gray-matter requires js-yaml 3 for its default YAML engine, which shownotes never calls (it
 * passes its own: the front matter is parsed with the js-yaml 4 the sources import). Pointing
 * that require at js-yaml 4's ES module leaves one js-yaml in the bundle instead of two: 100 KB.
 */
const JS_YAML = fileURLToPath(import.meta.resolve('js-yaml'));

const ALIASES = { stopword: STOPWORD, 'js-yaml': JS_YAML };

/**
 * zod exports every message language it has as `z.locales` (60 of them, 358 KB, a sixth of the
 * bundle), and a namespace re-export is not something esbuild can prune. shownotes reports
 * schema problems in English, zod's default, and never switches: its `locales` module is
 * replaced by one holding English alone (scripts/zod-locales-english.mjs).
 */
const ZOD_ENGLISH_ONLY = {
  name: 'zod-english-only',
  setup(build) {
    const english = fileURLToPath(new URL('./zod-locales-english.mjs', import.meta.url));
    const zodFolder = `${path.sep}node_modules${path.sep}zod${path.sep}`;
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (args.importer.includes(zodFolder) ? { path: english } : undefined));
  },
};

/**
 * Options for one bundle of `entryPoints` into `outdir`, each entry named after its file with the
 * extension `.cjs`. CommonJS, not ES modules: V8's code cache, which spares every start compiling
 * the bundle again, can be used on Node 20 only for a script (see bin/load-compiled.js), and a
 * process or worker thread that never loads an ES module skips setting up Node's ES module loader
 * (~20–30 ms of each start on the benchmark machine). `digest`, the sources' digest
 * (sources-digest.mjs), is written into the bundle for the build cache's tool version.
 */
export function bundleOptions(entryPoints, outdir, digest) {
  return {
    entryPoints,
    outdir,
    entryNames: '[name]',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: EXTERNAL_PACKAGES,
    alias: ALIASES,
    plugins: [ZOD_ENGLISH_ONLY],
    define: { 'import.meta.url': MODULE_URL, ...(digest === undefined ? {} : { [SOURCES_DIGEST]: JSON.stringify(digest) }) },
    banner: { js: MODULE_URL_BANNER },
    logLevel: 'warning',
  };
}

/**
 * Throws when a bundle of `bundleOptions` (built with `metafile: true`) keeps a dynamic
 * `import()`: bin/load-compiled.js compiles bundles with V8's code cache, and in a script
 * compiled from a cache Node 20 loses the callback `import()` needs (it fails only when reached,
 * e.g. when card images are drawn). Load such modules with `require` (src/load-on-first-use.ts).
 */
export function assertNoDynamicImport(metafile) {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    const dynamic = output.imports.filter((entry) => entry.kind === 'dynamic-import');
    if (dynamic.length) throw new Error(`${file} imports ${dynamic.map((entry) => entry.path).join(', ')} with import(); require it instead (see bin/load-compiled.js)`);
  }
}
