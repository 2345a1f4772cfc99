// The esbuild settings shared by the CLI bundle (scripts/bundle.mjs) and the benchmark's
// (bench/bundle-build-once.ts), so the benchmark times exactly what `npx shownotes` runs.

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
const ALIASES = { stopword: 'stopword/src/stopword.js' };

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
    banner: { js: REQUIRE_SHIM },
    logLevel: 'warning',
  };
}
