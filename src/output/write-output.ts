import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile } from './output-file.ts';

/** How many files are written at once: enough to keep the disk busy, few enough for file handles. */
const WRITE_CONCURRENCY = 64;

/**
 * Writes the site into a staging folder beside `out/` and swaps it in at the end, so a build
 * that fails at any point leaves the previous `out/` exactly as it was.
 */
export async function writeOutput(out: string, files: readonly OutputFile[]): Promise<{ files: number }> {
  const parent = path.dirname(out);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(parent, `.${path.basename(out)}.staging-${tag}`);
  const old = path.join(parent, `.${path.basename(out)}.old-${tag}`);
  const targets = files.map((f) => ({ file: f, target: safeTarget(staging, f.path) }));
  try {
    const dirs = [...new Set(targets.map((t) => path.dirname(t.target)))].sort();
    await mkdir(staging, { recursive: true });
    for (const dir of dirs) await mkdir(dir, { recursive: true });
    await runBounded(targets, WRITE_CONCURRENCY, ({ file, target }) =>
      'from' in file ? copyFile(file.from, target) : writeFile(target, file.data),
    );
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  let hadOld = true;
  try {
    await rename(out, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    hadOld = false;
  }
  try {
    await rename(staging, out);
  } catch (error) {
    if (hadOld) await rename(old, out);
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
  return { files: files.length };
}

/**
 * The absolute target of an output path, refusing anything that would land outside the
 * output folder (absolute paths, `..`, a slug crafted as `../../x`).
 */
export function safeTarget(root: string, relative: string): string {
  if (!relative || path.isAbsolute(relative) || relative.includes('\0') || /^[a-zA-Z]:/.test(relative)) {
    throw new Error(`internal error: refusing to write output path ${JSON.stringify(relative)}`);
  }
  const target = path.resolve(root, relative);
  const rel = path.relative(root, target);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new Error(`internal error: output path ${JSON.stringify(relative)} escapes the output folder`);
  }
  return target;
}

async function runBounded<T>(items: readonly T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
