import { execFile } from 'node:child_process';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { toolVersion } from '../../src/incremental/tool-version.ts';
import { bundleOptions } from '../../scripts/bundle-options.mjs';
import { sourcesDigest } from '../../scripts/sources-digest.mjs';
import { repoRoot } from '../shared-dir.ts';
import { tempDir } from '../temp-show.ts';

// Inside the repository, so the bundle resolves node_modules as dist/ does.
const dir = path.join(repoRoot, 'tests', '.tmp', `tool-version-${process.pid}`);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sourcesDigest', () => {
  it('changes with any file under src/, its name, package.json and the lock file', async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'src', 'render'), { recursive: true });
    await writeFile(path.join(root, 'package.json'), '{"name":"shownotes","version":"1.0.0"}');
    await writeFile(path.join(root, 'src', 'build.ts'), 'export const a = 1;\n');
    await writeFile(path.join(root, 'src', 'render', 'page.ts'), 'export const b = 2;\n');
    const seen = new Set<string>();
    const digest = async () => {
      const value = await sourcesDigest(root);
      seen.add(value);
      return value;
    };
    const first = await digest();
    expect(await sourcesDigest(root)).toBe(first);
    await writeFile(path.join(root, 'src', 'render', 'page.ts'), 'export const b = 3;\n');
    await digest();
    await rename(path.join(root, 'src', 'render', 'page.ts'), path.join(root, 'src', 'render', 'pages.ts'));
    await digest();
    await writeFile(path.join(root, 'src', 'new.ts'), '');
    await digest();
    await writeFile(path.join(root, 'package-lock.json'), '{}');
    await digest();
    await writeFile(path.join(root, 'package.json'), '{"name":"shownotes","version":"1.0.1"}');
    await digest();
    expect(seen.size).toBe(6);
  });
});

describe('toolVersion', () => {
  it('is the same from a bundle that holds the digest of its sources as from the sources, and follows the digest it holds', async () => {
    await mkdir(dir, { recursive: true });
    const entry = path.join(dir, 'version.ts');
    await writeFile(
      entry,
      `import { toolVersion } from ${JSON.stringify(path.join(repoRoot, 'src', 'incremental', 'tool-version.ts'))};\ntoolVersion().then((v) => process.stdout.write(v));\n`,
    );
    const run = async (digest: string) => {
      await build(bundleOptions([entry], dir, digest));
      return (await promisify(execFile)(process.execPath, [path.join(dir, 'version.cjs')])).stdout;
    };
    const fromSources = await toolVersion();
    expect(await run(await sourcesDigest(repoRoot))).toBe(fromSources);
    // The bundle reads no source file: another digest in it gives another version.
    expect(await run('another')).not.toBe(fromSources);
  });
});
