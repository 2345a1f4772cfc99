import { sourcesDigest } from '../../scripts/sources-digest.mjs';
import { PACKAGE_ROOT } from '../package-root.ts';
import { contentHash } from './content-hash.ts';

/** Set in a bundle to the digest of the sources it was compiled from (scripts/bundle-options.mjs). */
declare const __SHOWNOTES_SOURCES_DIGEST__: string | undefined;

/**
 * What the build cache calls "the tool's own version": the digest of `package.json`,
 * `package-lock.json` and every file under `src/` (see scripts/sources-digest.mjs), and Node's
 * version. The default templates are not here: they are part of `Theme.hash`. Hashing the sources
 * rather than trusting the version number means a local edit to a renderer can never reuse stale
 * outputs. The bundle that `npx shownotes` runs was compiled from the sources with their digest in
 * it; run from the sources (tsx, tests), they are read and hashed, a few tens of ms.
 */
export async function toolVersion(): Promise<string> {
  const sources = typeof __SHOWNOTES_SOURCES_DIGEST__ === 'string' ? __SHOWNOTES_SOURCES_DIGEST__ : await sourcesDigest(PACKAGE_ROOT);
  // Node's own version too: its ICU data shapes formatted dates.
  return contentHash(process.version, sources);
}
