// Loads a compiled CommonJS bundle (dist/cli.cjs, the benchmark's build.cjs) with V8's code cache
// for it, written beside it when it is bundled (`writeCodeCache`).
//
// Why by hand: Node 20 keeps no compile cache of its own (`module.enableCompileCache` came in
// Node 22) and V8's code cache is reachable only through `vm.Script`. With it, a start skips
// parsing and compiling what the bundle's first run compiled: on the 4,000-episode benchmark
// show the 1.6 MB build bundle loaded in ~150 ms instead of ~200 ms (docs/performance.md).
//
// V8 checks that a cache was made by the same V8 with the same flags, but of the source only its
// length: the cache file therefore starts with the SHA-1 of the bundle it was made from, and a
// cache made from other bytes is never handed to V8.
'use strict';
const { hash } = require('node:crypto');
const { readFileSync, writeFileSync, renameSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/** Bytes of the cache file's header: the SHA-1 (20 bytes) of the bundle it belongs to. */
const DIGEST_LENGTH = 20;

/** The code cache's file beside a bundle. */
function codeCacheFile(bundle) {
  return `${bundle}.code-cache`;
}

function compile(bundle, bytes, cachedData) {
  // The same wrapper Node gives a CommonJS module, so the bundle sees `require`, `module`,
  // `__filename` and `__dirname` as it would if `require`d. A bundle loaded here must not use a
  // dynamic `import()`: Node 20 loses the callback it needs in a script compiled from a cache.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${bytes.toString('utf8')}\n})`;
  return new vm.Script(wrapped, { filename: bundle, cachedData });
}

function run(script, bundle) {
  const module = { exports: {}, filename: bundle, id: bundle, loaded: false };
  script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  module.loaded = true;
  return module.exports;
}

/**
 * The exports of the CommonJS bundle at `file`, compiled with its code cache when it has one that
 * fits. `report.cache` tells what became of the cache: 'used', 'rejected' (by V8: another Node or
 * other V8 flags), 'stale' (made from other bytes) or 'none' (no cache, or Node's source maps
 * are on: the bundle is then `require`d, so that stack traces point into the sources).
 */
function loadCompiled(file, report = {}) {
  const bundle = path.resolve(file);
  report.cache = 'none';
  // With --enable-source-maps, Node maps stack traces only of modules its own loader loaded.
  if (process.sourceMapsEnabled) return require(bundle);
  const bytes = readFileSync(bundle);
  let cachedData;
  try {
    const cache = readFileSync(codeCacheFile(bundle));
    if (cache.subarray(0, DIGEST_LENGTH).equals(hash('sha1', bytes, 'buffer'))) cachedData = cache.subarray(DIGEST_LENGTH);
    else report.cache = 'stale';
  } catch {
    // No cache (or none readable): compiled as `require` would.
  }
  const script = compile(bundle, bytes, cachedData);
  if (cachedData) report.cache = script.cachedDataRejected ? 'rejected' : 'used';
  return run(script, bundle);
}

/**
 * Loads the bundle once (its top level runs, as at every start) and writes the code V8 compiled
 * for it to `codeCacheFile(bundle)`. Called right after bundling (scripts/bundle.mjs).
 */
function writeCodeCache(file) {
  const bundle = path.resolve(file);
  const bytes = readFileSync(bundle);
  const script = compile(bundle, bytes, undefined);
  run(script, bundle);
  const cacheFile = codeCacheFile(bundle);
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(temporary, Buffer.concat([hash('sha1', bytes, 'buffer'), script.createCachedData()]));
  renameSync(temporary, cacheFile);
}

module.exports = { codeCacheFile, loadCompiled, writeCodeCache };
