import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package, required the first time the returned function is called. Start-up is a
 * visible share of a rebuild (a one-episode rebuild of a large show renders no card image and
 * parses no feed), so the heavy libraries only those steps need are not loaded before then.
 */
export function loadOnFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
