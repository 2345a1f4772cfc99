import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../shared-dir.ts';
import { tempDir } from '../temp-show.ts';

const helper = pathToFileURL(path.join(repoRoot, 'bin', 'relaunch-lean.js')).href;
// Node's own require: bin/ is CommonJS (bin/package.json), which Vitest's module runner does not load.
const { writesWholeSite } = createRequire(import.meta.url)(path.join(repoRoot, 'bin', 'relaunch-lean.js')) as { writesWholeSite: (args: string[]) => boolean };

/** A script that relaunches itself, then (in the child) prints its setting and pid and runs `body`. */
async function script(body: string, options = ''): Promise<string> {
  const file = path.join(await tempDir(), 'relaunching.mjs');
  await writeFile(
    file,
    `import { relaunchLean } from ${JSON.stringify(helper)};
if (!(await relaunchLean(${options}))) {
  console.log(JSON.stringify({ arenas: process.env.MALLOC_ARENA_MAX ?? null, tunables: process.env.GLIBC_TUNABLES ?? null, pid: process.pid, args: process.argv.slice(2), node: process.execArgv }));
  ${body}
}
`,
  );
  return file;
}

async function run(file: string, env: NodeJS.ProcessEnv, onStarted?: (child: ReturnType<typeof spawn>) => void, nodeArgs: string[] = []) {
  const child = spawn(process.execPath, [...nodeArgs, file, 'build', '--clean'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    if (out.includes('\n')) onStarted?.(child);
  });
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return { code, signal, out, pid: child.pid! };
}

const withoutSetting = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.MALLOC_ARENA_MAX;
  delete env.GLIBC_TUNABLES;
  return env;
};

describe.runIf(process.platform === 'linux')('relaunchLean', () => {
  it('runs the command once, in a child with MALLOC_ARENA_MAX=2, huge pages for malloc, a heap growing by half and the same arguments, and passes its exit code on', async () => {
    const result = await run(await script('process.exitCode = 3;'), withoutSetting(), undefined, ['--no-warnings']);
    const lines = result.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const seen = JSON.parse(lines[0]!) as { arenas: string; tunables: string; pid: number; args: string[]; node: string[] };
    expect(seen.arenas).toBe('2');
    expect(seen.tunables).toBe('glibc.malloc.hugetlb=1');
    expect(seen.args).toEqual(['build', '--clean']);
    expect(seen.node).toEqual(['--no-warnings', '--heap-growing-percent=50']);
    expect(seen.pid).not.toBe(result.pid);
    expect(result.code).toBe(3);
  });

  it('leaves the heap to V8 with limitHeap false, with the same malloc settings', async () => {
    const result = await run(await script('process.exitCode = 0;', '{ limitHeap: false }'), withoutSetting(), undefined, ['--no-warnings']);
    const seen = JSON.parse(result.out.trim()) as { arenas: string; tunables: string; pid: number; node: string[] };
    expect(seen).toMatchObject({ arenas: '2', tunables: 'glibc.malloc.hugetlb=1', node: ['--no-warnings'] });
    expect(seen.pid).not.toBe(result.pid);
  });

  it('keeps a heap setting given on the command line', async () => {
    const result = await run(await script('process.exitCode = 0;'), withoutSetting(), undefined, ['--heap-growing-percent=80']);
    const seen = JSON.parse(result.out.trim()) as { node: string[]; pid: number };
    expect(seen.node).toEqual(['--heap-growing-percent=80']);
    expect(seen.pid).not.toBe(result.pid);
  });

  it("adds huge pages to the user's own glibc tunables, and keeps their huge-page choice", async () => {
    const added = await run(await script('process.exitCode = 0;'), { ...withoutSetting(), GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=1000' });
    expect((JSON.parse(added.out.trim()) as { tunables: string }).tunables).toBe('glibc.malloc.trim_threshold=1000:glibc.malloc.hugetlb=1');
    const kept = await run(await script('process.exitCode = 0;'), { ...withoutSetting(), GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' });
    expect((JSON.parse(kept.out.trim()) as { tunables: string }).tunables).toBe('glibc.malloc.hugetlb=0');
  });

  it('runs in place when the setting is already given', async () => {
    const result = await run(await script('process.exitCode = 0;'), { ...withoutSetting(), MALLOC_ARENA_MAX: '4' });
    const seen = JSON.parse(result.out.trim()) as { arenas: string; pid: number };
    expect(seen).toMatchObject({ arenas: '4', pid: result.pid });
    expect(result.code).toBe(0);
  });

  it('passes a signal sent to it on to the child, and ends by the same signal', async () => {
    const file = await script('setInterval(() => {}, 1000);');
    const result = await run(file, withoutSetting(), (child) => child.kill('SIGTERM'));
    expect(result.signal).toBe('SIGTERM');
    const seen = JSON.parse(result.out.trim()) as { pid: number };
    // The child is gone too.
    expect(() => process.kill(seen.pid, 0)).toThrow();
  });
});

describe('writesWholeSite', () => {
  it('is true for --clean, a show with no build cache, or no output folder yet; false for a rebuild', async () => {
    const root = await tempDir();
    expect(writesWholeSite(['--root', root])).toBe(true);
    await mkdir(path.join(root, '.cache', 'build'), { recursive: true });
    expect(writesWholeSite(['--root', root])).toBe(true);
    await mkdir(path.join(root, 'out'));
    expect(writesWholeSite(['--root', root])).toBe(false);
    expect(writesWholeSite([`--root=${root}`, '--offline'])).toBe(false);
    expect(writesWholeSite(['-r', root, '--clean'])).toBe(true);
    // --out is relative to the current folder, as the CLI reads it.
    expect(writesWholeSite(['--root', root, '--out', path.join(root, 'elsewhere')])).toBe(true);
    await mkdir(path.join(root, 'elsewhere'));
    expect(writesWholeSite(['--root', root, '-o', path.join(root, 'elsewhere')])).toBe(false);
  });
});
