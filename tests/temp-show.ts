import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { repoRoot } from './shared-dir.ts';

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temp folder, removed after the test file. */
export async function tempDir(prefix = 'shownotes-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Copies a fixture show (a folder under tests/fixtures, or any absolute path) into a temp folder. */
export async function copyShow(fixture: string): Promise<string> {
  const from = path.isAbsolute(fixture) ? fixture : path.join(repoRoot, 'tests/fixtures', fixture);
  const dir = await tempDir();
  await cp(from, dir, { recursive: true, filter: (src) => !/[/\\](out|\.cache|node_modules|\.git|dist|artifacts)$/.test(src) });
  return dir;
}

/** Every file below a folder with its bytes, keyed by relative path: for comparing builds. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (rel: string) => {
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else out.set(child, await readFile(path.join(dir, child)));
    }
  };
  await walk('');
  return out;
}
