import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeTarget, writeOutput } from '../../src/output/write-output.ts';
import { readTree, tempDir } from '../temp-show.ts';

describe('writeOutput', () => {
  it('replaces the old output folder as a whole', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    await mkdir(out);
    await writeFile(path.join(out, 'stale.html'), 'old');
    await writeOutput(out, [
      { path: 'index.html', data: '<p>new</p>' },
      { path: 'episodes/a/index.html', data: new TextEncoder().encode('A') },
    ]);
    expect([...(await readTree(out)).keys()].sort()).toEqual(['episodes/a/index.html', 'index.html']);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('<p>new</p>');
    expect([...(await readTree(dir)).keys()].filter((f) => !f.startsWith('out/'))).toEqual([]);
  });

  it.each(['../escape.html', '/etc/passwd', 'episodes/../../x', '', 'a/\0b'])('refuses the path %j and leaves out/ as it was', async (bad) => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    await mkdir(out);
    await writeFile(path.join(out, 'keep.html'), 'kept');
    await expect(writeOutput(out, [{ path: 'ok.html', data: 'x' }, { path: bad, data: 'evil' }])).rejects.toThrow(/internal error/);
    expect([...(await readTree(dir)).keys()]).toEqual(['out/keep.html']);
  });

  it('a failure while writing leaves the previous out/ and no staging folder', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    await mkdir(out);
    await writeFile(path.join(out, 'keep.html'), 'kept');
    await expect(writeOutput(out, [{ path: 'copy.bin', from: path.join(dir, 'does-not-exist') }])).rejects.toThrow(/ENOENT/);
    expect([...(await readTree(dir)).keys()]).toEqual(['out/keep.html']);
  });

  it('safeTarget keeps paths inside the root', () => {
    expect(safeTarget('/site/out', 'episodes/x/index.html')).toBe('/site/out/episodes/x/index.html');
    expect(() => safeTarget('/site/out', '../../x')).toThrow('escapes the output folder');
  });
});
