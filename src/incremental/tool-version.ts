import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-root.ts';
import { contentHash } from './content-hash.ts';

/**
 * What the build cache calls "the tool's own version": a hash of `package.json` (version and
 * dependency ranges), `package-lock.json` when there is one (the exact library versions that
 * shape output, e.g. markdown-it), every file under `src/` and Node's version. The default
 * templates are not here: they are part of `Theme.hash`. Hashing the sources rather than
 * trusting the version number means a local edit to a renderer can never reuse stale outputs;
 * it costs a few ms.
 */
export async function toolVersion(): Promise<string> {
  const files = ['package.json', 'package-lock.json', ...(await listFiles(path.join(PACKAGE_ROOT, 'src'), 'src'))];
  const parts = await Promise.all(
    files.map(async (file) => {
      try {
        return [file, await readFile(path.join(PACKAGE_ROOT, file))] as const;
      } catch {
        return [file, 'missing'] as const;
      }
    }),
  );
  // Node's own version too: its ICU data shapes formatted dates.
  return contentHash(process.version, ...parts.flat());
}

async function listFiles(dir: string, prefix: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const rel = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}
