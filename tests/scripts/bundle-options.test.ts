import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleOptions } from '../../scripts/bundle-options.mjs';
import { repoRoot } from '../shared-dir.ts';

// Inside the repository, so the bundle resolves node_modules as dist/ does.
const dir = path.join(repoRoot, 'tests', '.tmp', `bundle-options-${process.pid}`);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bundleOptions', () => {
  it("bundles stopword's English list alone, the same list the library's main entry gives", async () => {
    await mkdir(dir, { recursive: true });
    const entry = path.join(dir, 'entry.ts');
    await writeFile(entry, `import { eng } from 'stopword';\nprocess.stdout.write(JSON.stringify(eng));\n`);
    await build({ ...bundleOptions([entry], dir), outExtension: { '.js': '.mjs' } });
    const bundled = path.join(dir, 'entry.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [bundled]);
    const library = createRequire(import.meta.url)('stopword') as { eng: string[]; fra: string[] };
    expect(JSON.parse(stdout)).toEqual(library.eng);
    const text = await readFile(bundled, 'utf8');
    // No other language's list: a French word that is no English one is not in the bundle.
    const french = library.fra.find((word) => word.length > 6 && !library.eng.includes(word))!;
    expect(text).not.toContain(JSON.stringify(french));
    expect(text.length).toBeLessThan(20_000);
  });
});
