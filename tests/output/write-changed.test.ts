import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeChanged } from '../../src/output/write-changed.ts';
import { readTree, tempDir } from '../temp-show.ts';

async function site(): Promise<string> {
  const out = path.join(await tempDir(), 'out');
  await mkdir(path.join(out, 'episodes/a'), { recursive: true });
  await writeFile(path.join(out, 'index.html'), 'old index');
  await writeFile(path.join(out, 'episodes/a/index.html'), 'page a');
  return out;
}

describe('writeChanged', () => {
  it('writes changed and new files, deletes removed ones and the folders they leave empty', async () => {
    const out = await site();
    await writeChanged(out, [{ path: 'index.html', data: 'new index' }, { path: 'episodes/b/index.html', data: 'page b' }], ['episodes/a/index.html']);
    const tree = await readTree(out);
    expect(Object.fromEntries([...tree].map(([p, b]) => [p, b.toString()]))).toEqual({ 'index.html': 'new index', 'episodes/b/index.html': 'page b' });
    expect(await readdir(path.join(out, 'episodes'))).toEqual(['b']);
  });

  it('leaves out/ exactly as it was when a file cannot be written, temporaries and new folders removed', async () => {
    const out = await site();
    const before = await readTree(out);
    // The target name fits (240 bytes), its temporary beside it does not (over 255): ENAMETOOLONG.
    const files = [
      { path: 'index.html', data: 'new index' },
      { path: 'fresh/page.html', data: 'fresh' },
      { path: `deep/${'x'.repeat(240)}`, data: 'too long' },
    ];
    await expect(writeChanged(out, files, ['episodes/a/index.html'])).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
    expect(await readTree(out)).toEqual(before);
    expect((await readdir(out)).sort()).toEqual(['episodes', 'index.html']);
  });

  it('refuses a path that leaves the output folder', async () => {
    const out = await site();
    await expect(writeChanged(out, [{ path: '../escape.html', data: 'x' }], [])).rejects.toThrow('internal error: output path "../escape.html" escapes the output folder');
  });
});
