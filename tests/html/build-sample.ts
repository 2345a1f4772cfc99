import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { runBuild, type BuildOptions } from '../../src/build.ts';
import { silentLogger } from '../../src/logger.ts';
import { repoRoot } from '../shared-dir.ts';
import { copyShow } from '../temp-show.ts';

/** A built copy of a show: its folder, its output folder, and every file written, relative to it. */
export interface BuiltShow {
  root: string;
  out: string;
  files: string[];
}

/** Builds a copy of a show (default: the sample show at the repository root) offline into a temp folder. */
export async function buildShow(show = repoRoot, options: Partial<BuildOptions> = {}): Promise<BuiltShow> {
  const root = await copyShow(show);
  const out = path.join(root, 'out');
  await runBuild({ root, out, offline: true, logger: silentLogger, ...options });
  const files = (await readdir(out, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  return { root, out, files };
}
