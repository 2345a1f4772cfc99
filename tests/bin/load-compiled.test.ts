import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleOptions } from '../../scripts/bundle-options.mjs';
import { repoRoot } from '../shared-dir.ts';

// Inside the repository, so a bundle's `require('js-yaml')` resolves node_modules as dist/ does.
const dir = path.join(repoRoot, 'tests', '.tmp', `load-compiled-${process.pid}`);
const loader = path.join(repoRoot, 'bin', 'load-compiled.js');

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Report = { cache?: string };
// Node's own require: bin/ is CommonJS (bin/package.json), which Vitest's module runner does not load.
const { loadCompiled, writeCodeCache, codeCacheFile } = createRequire(import.meta.url)(loader) as {
  loadCompiled: (file: string, report?: Report) => Record<string, unknown>;
  writeCodeCache: (file: string) => void;
  codeCacheFile: (file: string) => string;
};

/** Loads `bundle` in a fresh Node (flags as given), as bin/shownotes.js does: its exports' `value` and what became of the cache. */
async function loadFresh(bundle: string, flags: string[] = []): Promise<{ value: unknown; cache: string }> {
  const script = `const report = {}; const m = require(${JSON.stringify(loader)}).loadCompiled(${JSON.stringify(bundle)}, report);
Promise.resolve(m.value()).then((value) => process.stdout.write(JSON.stringify({ value, cache: report.cache })));`;
  const { stdout } = await promisify(execFile)(process.execPath, [...flags, '-e', script]);
  return JSON.parse(stdout) as { value: unknown; cache: string };
}

describe('loadCompiled', () => {
  it('loads a CommonJS bundle with the code cache written for it, with require from its folder and __dirname', async () => {
    await mkdir(dir, { recursive: true });
    const bundle = path.join(dir, 'bundle.cjs');
    await writeFile(
      bundle,
      `const path = require('node:path');
exports.value = () => [path.basename(__filename), __dirname === ${JSON.stringify(dir)}, module.exports === exports, require('js-yaml').load('a: 1')];
`,
    );
    expect(await loadFresh(bundle)).toEqual({ value: ['bundle.cjs', true, true, { a: 1 }], cache: 'none' });
    writeCodeCache(bundle);
    const cache = await readFile(codeCacheFile(bundle));
    expect(cache.byteLength).toBeGreaterThan(20);
    expect(await loadFresh(bundle)).toEqual({ value: ['bundle.cjs', true, true, { a: 1 }], cache: 'used' });
    // Other V8 flags: V8 turns the cache down and the bundle is compiled as usual.
    expect(await loadFresh(bundle, ['--max-semi-space-size=4'])).toEqual({ value: ['bundle.cjs', true, true, { a: 1 }], cache: 'rejected' });
  });

  it("never hands V8 a cache of other bytes, even of the same length (V8 checks only the source's length)", async () => {
    await mkdir(dir, { recursive: true });
    const bundle = path.join(dir, 'same-length.cjs');
    await writeFile(bundle, `exports.value = () => 'first';\n`);
    writeCodeCache(bundle);
    await writeFile(bundle, `exports.value = () => 'other';\n`);
    expect(await loadFresh(bundle)).toEqual({ value: 'other', cache: 'stale' });
    // In this process too, and a report is optional.
    const report: Report = {};
    expect((loadCompiled(bundle, report).value as () => string)()).toBe('other');
    expect(report.cache).toBe('stale');
  });

  it('is required as Node loads it when source maps are on, so stack traces point into the sources', async () => {
    await mkdir(dir, { recursive: true });
    const source = path.join(dir, 'thrower.ts');
    await writeFile(source, `export function value(): string {\n  throw new Error('from the sources');\n}\n`);
    await build({ ...bundleOptions([source], dir), sourcemap: 'linked' });
    const bundle = path.join(dir, 'thrower.cjs');
    writeCodeCache(bundle);
    const frame = async (flags: string[]) => {
      const script = `const report = {}; try { require(${JSON.stringify(loader)}).loadCompiled(${JSON.stringify(bundle)}, report).value(); } catch (e) { process.stdout.write(JSON.stringify({ frame: e.stack.split('\\n')[1], cache: report.cache })); }`;
      return JSON.parse((await promisify(execFile)(process.execPath, [...flags, '-e', script])).stdout) as { frame: string; cache: string };
    };
    const mapped = await frame(['--enable-source-maps']);
    expect(mapped.frame).toContain('thrower.ts:2');
    expect(mapped.cache).toBe('none');
    const plain = await frame([]);
    expect(plain.frame).toContain('thrower.cjs');
    expect(plain.cache).toBe('used');
  });
});
