// The digest of what the tool's code is made of, for the build cache's tool version
// (src/incremental/tool-version.ts): `package.json` (version and dependency ranges),
// `package-lock.json` when there is one (the exact library versions that shape output, e.g.
// markdown-it) and every file under `src/`. Plain JavaScript, so that scripts/bundle.mjs can
// compute it when it compiles the CLI and write it into the bundle (see `SOURCES_DIGEST`).
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The global a bundle holds the digest in (esbuild `define`), so a start from the bundle reads no
 * source file: reading and hashing the 140 files under `src/` at every build took 30–60 ms
 * of a one-episode rebuild of the benchmark show.
 */
export const SOURCES_DIGEST = '__SHOWNOTES_SOURCES_DIGEST__';

/** The digest of the package at `packageRoot` (see the top of this file). */
export async function sourcesDigest(packageRoot) {
  const files = ['package.json', 'package-lock.json', ...(await listFiles(path.join(packageRoot, 'src'), 'src'))];
  const contents = await Promise.all(
    files.map(async (file) => {
      try {
        return await readFile(path.join(packageRoot, file));
      } catch {
        return 'missing';
      }
    }),
  );
  const digest = createHash('sha1');
  // Each name and content length-prefixed, so no two different trees hash alike.
  files.forEach((file, i) => {
    const content = contents[i];
    digest.update(`${Buffer.byteLength(file)}:${file}${content.length}:`).update(content);
  });
  return digest.digest('base64url');
}

async function listFiles(dir, prefix) {
  const entries = await readdir(dir, { withFileTypes: true });
  const out = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const rel = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}
