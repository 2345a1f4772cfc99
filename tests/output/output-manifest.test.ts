import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputManifest, readManifest, startCheckingIntact, startCheckingIntactAt, writeManifest } from '../../src/output/output-manifest.ts';
import { tempDir } from '../temp-show.ts';

/** A manifest describing the files of `out` as they are now. */
async function manifestOf(out: string, paths: string[]): Promise<OutputManifest> {
  const stats = await Promise.all(paths.map((p) => stat(path.join(out, p))));
  return new OutputManifest({
    paths,
    keys: paths.map((p) => `key of ${p}`),
    sizes: Float64Array.from(stats, (s) => s.size),
    mtimes: Float64Array.from(stats, (s) => s.mtimeMs),
    warnings: { 'feeds-key': [{ severity: 'warning', file: 'shownotes.config.yaml', message: 'no owner email' }] },
  });
}

describe('output manifest', () => {
  it('is stored and read back column by column, and finds each row by path', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    await mkdir(path.join(out, 'episodes', 'pilot'), { recursive: true });
    await writeFile(path.join(out, 'index.html'), '<p>home</p>');
    await writeFile(path.join(out, 'episodes', 'pilot', 'index.html'), '<p>pilot</p>');
    const manifest = await manifestOf(out, ['index.html', 'episodes/pilot/index.html']);
    const file = path.join(dir, 'outputs.v8');
    await writeManifest(file, 'tool 1', manifest);

    const read = (await readManifest(file, 'tool 1'))!;
    expect(read.paths).toEqual(['index.html', 'episodes/pilot/index.html']);
    expect(read.keys).toEqual(['key of index.html', 'key of episodes/pilot/index.html']);
    expect([...read.sizes]).toEqual([11, 12]);
    expect([...read.mtimes]).toEqual([...manifest.mtimes]);
    expect(read.warnings).toEqual(manifest.warnings);
    expect(read.row('episodes/pilot/index.html')).toBe(1);
    expect(read.row('episodes/pilot')).toBeUndefined();
    // Another tool version's manifest is not used.
    expect(await readManifest(file, 'tool 2')).toBeUndefined();
  });

  it('finds every row in plan order, again from the start, in any other order, and no row for a path it lacks', () => {
    const paths = Array.from({ length: 50 }, (_, i) => `episodes/e${i}/index.html`);
    const manifest = new OutputManifest({ paths, keys: paths, sizes: new Float64Array(50), mtimes: new Float64Array(50), warnings: {} });
    const rows = (order: string[]) => order.map((p) => manifest.row(p));
    expect(rows(paths)).toEqual(paths.map((_, i) => i));
    expect(rows(paths)).toEqual(paths.map((_, i) => i));
    expect(rows([...paths].reverse())).toEqual(paths.map((_, i) => 49 - i));
    expect(rows(['episodes/e7/index.html', 'episodes/e8/index.html', 'missing.html', 'episodes/e0/index.html', 'episodes/e49/index.html'])).toEqual([7, 8, undefined, 0, 49]);
  });

  it('compares a row with a path or key in the stored columns, exactly', async () => {
    const file = path.join(await tempDir(), 'outputs.v8');
    const paths = ['a', 'ab', 'episodes/x/index.html', 'b'];
    const keys = ['k1', 'k22', 'k1', 'k4'];
    await writeManifest(file, 't', new OutputManifest({ paths, keys, sizes: new Float64Array(4), mtimes: new Float64Array(4), warnings: {} }));
    const read = (await readManifest(file, 't'))!;
    expect(read.length).toBe(4);
    expect(paths.map((p, row) => read.pathIs(row, p))).toEqual([true, true, true, true]);
    expect(keys.map((k, row) => read.keyIs(row, k))).toEqual([true, true, true, true]);
    // Neither a prefix, nor a longer value, nor the neighbour's.
    expect([read.pathIs(1, 'a'), read.pathIs(0, 'ab'), read.pathIs(2, 'episodes/x'), read.pathIs(3, 'a')]).toEqual([false, false, false, false]);
    expect([read.keyIs(1, 'k2'), read.keyIs(0, 'k22'), read.keyIs(3, 'k')]).toEqual([false, false, false]);
    expect([read.row('ab'), read.row('b'), read.row('a'), read.row('abc')]).toEqual([1, 3, 0, undefined]);
    expect(read.joinedKeys).toBe('k1\0k22\0k1\0k4');
  });

  it('an empty manifest stays empty', async () => {
    const file = path.join(await tempDir(), 'outputs.v8');
    await writeManifest(file, 't', new OutputManifest({ paths: [], keys: [], sizes: new Float64Array(), mtimes: new Float64Array(), warnings: {} }));
    const read = (await readManifest(file, 't'))!;
    expect(read.paths).toEqual([]);
    expect(read.row('')).toBeUndefined();
  });

  it('checks on a thread which files are still as the last build left them', async () => {
    const out = path.join(await tempDir(), 'out');
    await mkdir(path.join(out, 'a'), { recursive: true });
    const names = ['same.html', 'edited.html', 'deleted.html', 'a/now-a-folder', 'a/same.json'];
    for (const name of names) await writeFile(path.join(out, name), `contents of ${name}`);
    const manifest = await manifestOf(out, names);
    await writeFile(path.join(out, 'edited.html'), 'contents changed by hand');
    await rm(path.join(out, 'deleted.html'));
    await rm(path.join(out, 'a/now-a-folder'));
    await mkdir(path.join(out, 'a/now-a-folder'));
    expect([...(await startCheckingIntact(out, manifest))]).toEqual([1, 0, 0, 0, 1]);
  });

  it("checks a manifest read from its file by reading it there on the thread, and trusts no file once it holds another", async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    await mkdir(out, { recursive: true });
    const names = ['same.html', 'edited.html'];
    for (const name of names) await writeFile(path.join(out, name), `contents of ${name}`);
    const file = path.join(dir, 'outputs.v8');
    await writeManifest(file, 't', await manifestOf(out, names));
    const read = (await readManifest(file, 't'))!;
    expect(read.stored).toEqual({ file, stamp: 't', id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    await writeFile(path.join(out, 'edited.html'), 'contents changed by hand');
    expect([...(await startCheckingIntact(out, read))]).toEqual([1, 0]);
    // The same outputs, written again: another manifest, which the one read before must not use.
    await writeManifest(file, 't', await manifestOf(out, names));
    expect([...(await startCheckingIntact(out, read))]).toEqual([0, 0]);
    expect([...(await startCheckingIntact(out, (await readManifest(file, 't'))!))]).toEqual([1, 1]);
  });

  it('checks a stored manifest on a thread started before this one reads it, and uses its answer only for the manifest it read', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    await mkdir(out, { recursive: true });
    const names = ['same.html', 'edited.html', 'deleted.html'];
    for (const name of names) await writeFile(path.join(out, name), `contents of ${name}`);
    const file = path.join(dir, 'outputs.v8');
    await writeManifest(file, 't', await manifestOf(out, names));
    await writeFile(path.join(out, 'edited.html'), 'contents changed by hand');
    await rm(path.join(out, 'deleted.html'));
    const check = startCheckingIntactAt(out, file, 't');
    const read = (await readManifest(file, 't'))!;
    expect([...(await check.of(read))]).toEqual([1, 0, 0]);
    // Written again after the thread read it: the answer is about another manifest.
    await writeManifest(file, 't', await manifestOf(out, ['same.html', 'edited.html']));
    expect([...(await check.of((await readManifest(file, 't'))!))]).toEqual([0, 0]);
    // A manifest of another stamp is not read by the thread either, and a check no longer wanted is stopped.
    const other = startCheckingIntactAt(out, file, 'another stamp');
    expect([...(await other.of(read))]).toEqual([0, 0, 0]);
    startCheckingIntactAt(out, file, 't').stop();
  });
});
