import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assertNoDynamicImport, bundleOptions } from '../../scripts/bundle-options.mjs';
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
    await build(bundleOptions([entry], dir));
    const bundled = path.join(dir, 'entry.cjs');
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

describe('bundleOptions, zod and YAML', () => {
  it("keeps zod's English messages alone and one js-yaml, and parses and validates as the libraries do", async () => {
    await mkdir(dir, { recursive: true });
    const entry = path.join(dir, 'schemas.ts');
    await writeFile(
      entry,
      `import { z } from 'zod';
import matter from 'gray-matter';
import jsYaml from 'js-yaml';
const result = z.object({ title: z.string(), number: z.number().int().min(1) }).safeParse({ title: 3, number: 0 });
const split = matter('---\\ntitle: Casino Night\\nnumber: 28\\n---\\nBody', { engines: { yaml: () => ({}) } });
process.stdout.write(JSON.stringify({ issues: result.error.issues, locales: Object.keys(z.locales), split: [split.matter, split.content], data: jsYaml.load(split.matter, { schema: jsYaml.CORE_SCHEMA }) }));
`,
    );
    const result = await build({ ...bundleOptions([entry], dir), metafile: true });
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(dir, 'schemas.cjs')]);
    const seen = JSON.parse(stdout) as { issues: { message: string; path: string[] }[]; locales: string[]; split: string[]; data: unknown };
    // The same messages as zod unbundled gives (English, its default).
    const reference = z.object({ title: z.string(), number: z.number().int().min(1) }).safeParse({ title: 3, number: 0 });
    expect(seen.issues).toEqual(JSON.parse(JSON.stringify(reference.error!.issues)));
    expect(seen.issues.map((issue) => issue.message)[0]).toBe('Invalid input: expected string, received number');
    expect(seen.locales).toEqual(['en']);
    expect(seen.split).toEqual(['\ntitle: Casino Night\nnumber: 28', 'Body']);
    expect(seen.data).toEqual({ title: 'Casino Night', number: 28 });
    const inputs = Object.keys(Object.values(result.metafile.outputs).find((output) => output.entryPoint)!.inputs);
    expect(inputs.filter((file) => file.includes('zod/v4/locales/'))).toEqual(['node_modules/zod/v4/locales/en.js']);
    expect(inputs.filter((file) => file.includes('js-yaml')).every((file) => file.startsWith('node_modules/js-yaml/dist/'))).toBe(true);
  });
});

describe('assertNoDynamicImport', () => {
  it("names a bundle's dynamic import(), which a script compiled from V8's code cache cannot run, and passes one that requires", async () => {
    await mkdir(dir, { recursive: true });
    const importing = path.join(dir, 'importing.ts');
    const requiring = path.join(dir, 'requiring.ts');
    await writeFile(importing, `export async function load() { return (await import('satori')).default; }\n`);
    await writeFile(requiring, `import { createRequire } from 'node:module';\nexport const load = () => createRequire(import.meta.url)('satori').default;\n`);
    const imported = await build({ ...bundleOptions([importing], dir), metafile: true });
    expect(() => assertNoDynamicImport(imported.metafile)).toThrow(/importing\.cjs imports satori with import\(\)/);
    const required = await build({ ...bundleOptions([requiring], dir), metafile: true });
    expect(() => assertNoDynamicImport(required.metafile)).not.toThrow();
  });
});
