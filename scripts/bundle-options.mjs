// The esbuild settings shared by the CLI bundle (scripts/bundle.mjs) and the benchmark's
// (bench/bundle-build-once.ts), so the benchmark times exactly what `npx shownotes` runs.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Libraries are compiled into the bundle too: resolving and wrapping some thirty packages from
 * node_modules through Node's ES module loader took ~0.6 s at every start on the 2-core
 * benchmark machine, one bundle ~0.4 s (measured with `time node dist/cli.js --help`). Left out:
 * the card-image renderers (a native addon and a WebAssembly build, loaded only when `images`
 * is on) and esbuild itself; the feed parser and sanitizer, which the build loads by name on
 * first use (`src/load-on-first-use.ts`), stay in node_modules as well.
 */
export const EXTERNAL_PACKAGES = ['@resvg/resvg-js', 'satori', 'esbuild'];

/** Bundled CommonJS libraries call `require` for Node's own modules: an ES module has none until given one. */
const REQUIRE_SHIM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

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

/** Options for one ES module bundle of `entryPoints` into `outdir`, each entry named after its file. */
export function bundleOptions(entryPoints, outdir) {
  return {
    entryPoints,
    outdir,
    entryNames: '[name]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL_PACKAGES,
    alias: ALIASES,
    plugins: [ZOD_ENGLISH_ONLY],
    banner: { js: REQUIRE_SHIM },
    logLevel: 'warning',
  };
}
