import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openStagedOutput, safeTarget, writeOutput } from '../../src/output/write-output.ts';
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
    // The previous folder is set aside and deleted by a process of its own, which the build does not wait for.
    await vi.waitFor(async () => expect(await readdir(dir)).toEqual(['out']), { timeout: 15_000, interval: 50 });
  });

  it('leaves alone a set-aside folder of a recent build, which may still be being deleted', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    await mkdir(out);
    await mkdir(path.join(dir, '.out.old-12345-abcd'));
    await writeFile(path.join(dir, '.out.old-12345-abcd', 'page.html'), 'old');
    await writeOutput(out, [{ path: 'index.html', data: 'new' }]);
    await vi.waitFor(async () => expect((await readdir(dir)).sort()).toEqual(['.out.old-12345-abcd', 'out']), { timeout: 15_000, interval: 50 });
    expect(await readFile(path.join(dir, '.out.old-12345-abcd', 'page.html'), 'utf8')).toBe('old');
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

  it('reports the size and modification time of every file as it is on disk after the swap', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    // Several batches, some files larger than a batch on their own.
    const big = 'é'.repeat(300_000);
    const files = Array.from({ length: 300 }, (_, i) => ({ path: `quotes/e${i % 7}/q${i}/index.html`, data: i % 50 === 0 ? big : `<p>${i}</p>` }));
    const stamps = await writeOutput(out, files);
    expect(stamps.size).toBe(300);
    for (const file of files) {
      const stats = await stat(path.join(out, file.path));
      expect(stamps.get(file.path)).toEqual([stats.size, stats.mtimeMs]);
      expect(stats.size).toBe(Buffer.byteLength(file.data));
    }
    expect(await readFile(path.join(out, 'quotes/e1/q50/index.html'), 'utf8')).toBe(big);
  });

  it('writes every file as UTF-8 byte for byte, whatever characters and bytes share its batch', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    // One, two, three and four UTF-8 bytes a character, a lone surrogate, and bytes given as
    // bytes, in batches that grow: the last files are larger than every batch before them.
    const pieces = ['a', 'é', '“', '🎙', '\ud800', '\u{10ffff}'];
    const files = Array.from({ length: 600 }, (_, i) => {
      const text = `${i}:` + pieces[i % pieces.length]!.repeat(1 + i * (i > 590 ? 400 : 3));
      return { path: `p/${i}.txt`, data: i % 5 === 0 ? new TextEncoder().encode(text) : text };
    });
    await writeOutput(out, files);
    for (const file of files) {
      const expected = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : Buffer.from(file.data);
      expect(Buffer.compare(await readFile(path.join(out, file.path)), expected), file.path).toBe(0);
    }
  });

  it('writes a text that needs more room than a batch has, between small files', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    // 800,000 three-byte characters: 2.4 MB of UTF-8, room for 2.4 MB asked up front.
    const large = '“'.repeat(800_000);
    const files = [
      { path: 'before.html', data: '<p>before</p>' },
      { path: 'large.html', data: large },
      { path: 'after.html', data: 'é'.repeat(10) },
    ];
    await writeOutput(out, files);
    for (const file of files) expect(Buffer.compare(await readFile(path.join(out, file.path)), Buffer.from(file.data, 'utf8')), file.path).toBe(0);
  });

  it('hands a large file in a buffer of its own to the writer whole, and copies a slice of a shared one', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    const own = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    const expected = Buffer.from(own);
    const shared = new Uint8Array(4 * 1024 * 1024).fill(7);
    const slice = shared.subarray(1024, 1024 + 2 * 1024 * 1024);
    const staged = await openStagedOutput(out);
    await staged.add({ path: 'feed.xml', data: own });
    await staged.add({ path: 'part.bin', data: slice });
    const stamps = await staged.commit();
    expect(Buffer.compare(await readFile(path.join(out, 'feed.xml')), expected)).toBe(0);
    expect(own.byteLength).toBe(0);
    expect(slice.byteLength).toBe(2 * 1024 * 1024);
    expect((await readFile(path.join(out, 'part.bin'))).every((b) => b === 7)).toBe(true);
    expect(stamps.get('feed.xml')?.[0]).toBe(3 * 1024 * 1024);
  });

  it('an aborted staged output leaves out/ as it was and removes its staging folder', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    await mkdir(out);
    await writeFile(path.join(out, 'keep.html'), 'kept');
    const staged = await openStagedOutput(out);
    await staged.add({ path: 'index.html', data: 'half a site' });
    await staged.abort();
    expect([...(await readTree(dir)).keys()]).toEqual(['out/keep.html']);
    expect(() => staged.add({ path: 'late.html', data: 'x' })).toThrow('internal error: a file was added to an output already committed');
  });

  it('safeTarget keeps paths inside the root', () => {
    expect(safeTarget('/site/out', 'episodes/x/index.html')).toBe('/site/out/episodes/x/index.html');
    expect(() => safeTarget('/site/out', '../../x')).toThrow('escapes the output folder');
  });

  it('safeTarget names what path.resolve names, joined by hand or not', () => {
    const roots = ['/site/out', '/site/out/', '/site/./out', '/site/x/../out', '/'];
    const inside = ['index.html', 'quotes/ep/q-1/index.html', '..a/b', 'a/.hidden', 'a/...', 'a/./b', 'a//b', 'a/b/', 'a/b/../c', 'a/..b/c'];
    for (const root of roots) {
      for (const relative of inside) expect(safeTarget(root, relative), `${root} + ${relative}`).toBe(path.resolve(root, relative));
      // Above `/` is `/` itself: nothing escapes it but the folder itself.
      for (const escaping of root === '/' ? ['.', 'a/..'] : ['..', '../x', 'a/../../x', 'a/../..', '.', 'a/..']) {
        expect(() => safeTarget(root, escaping), `${root} + ${escaping}`).toThrow(/escapes the output folder/);
      }
    }
    expect(() => safeTarget('/site/out', '/etc/passwd')).toThrow('refusing to write output path');
    expect(() => safeTarget('/site/out', 'a\0b')).toThrow('refusing to write output path');
  });
});
