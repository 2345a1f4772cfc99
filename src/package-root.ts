import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the shownotes package (where `templates/` and `package.json` live). Found by
 * walking up from this module, so it is right both for the sources (`src/`) and for the
 * compiled bundle (`dist/`).
 */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The package's version, for `--version`, User-Agent and cache keys. */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'shownotes') return dir;
    if (path.dirname(dir) === dir) throw new Error(`internal error: cannot find the shownotes package above ${start}`);
  }
}
