import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { loadTheme } from '../../src/render/load-theme.ts';
import { tempDir } from '../temp-show.ts';

const page = { site: { base: '/', title: 'The Show' } };

describe("the theme's compiled templates kept in the build cache", () => {
  it('renders as the uncached theme does, and writes the cache only when a template changed', async () => {
    const root = await tempDir();
    const cacheDir = path.join(root, '.cache', 'build');
    const plain = (await loadTheme(root, { timezone: 'UTC' })).theme!;
    const first = (await loadTheme(root, { timezone: 'UTC' }, { cacheDir })).theme!;
    expect(await readdir(cacheDir)).toEqual(['templates.v8']);
    const written = (await stat(path.join(cacheDir, 'templates.v8'))).mtimeMs;
    await sleep(20);
    const second = (await loadTheme(root, { timezone: 'UTC' }, { cacheDir })).theme!;
    expect((await stat(path.join(cacheDir, 'templates.v8'))).mtimeMs).toBe(written);
    const expected = plain.render('404', page);
    expect(expected).toContain('See all episodes of The Show');
    expect(first.render('404', page)).toBe(expected);
    expect(second.render('404', page)).toBe(expected);
    expect(second.hash).toBe(plain.hash);
  });

  it("uses a show's edited template, not the compiled one of its earlier text", async () => {
    const root = await tempDir();
    const cacheDir = path.join(root, '.cache', 'build');
    await mkdir(path.join(root, 'templates'));
    await writeFile(path.join(root, 'templates', '404.hbs'), 'Lost: {{site.title}}');
    expect((await loadTheme(root, { timezone: 'UTC' }, { cacheDir })).theme!.render('404', page)).toBe('Lost: The Show');
    await writeFile(path.join(root, 'templates', '404.hbs'), 'Gone: {{site.title}} & more');
    expect((await loadTheme(root, { timezone: 'UTC' }, { cacheDir })).theme!.render('404', page)).toBe('Gone: The Show & more');
    // A JSON page is compiled without escaping, a partial with it: the options are part of the key.
    await writeFile(path.join(root, 'templates', 'feed.json.hbs'), '{{site.title}} & <b>');
    await writeFile(path.join(root, 'templates', '404.hbs'), '{{site.title}} & <b>');
    const theme = (await loadTheme(root, { timezone: 'UTC' }, { cacheDir })).theme!;
    expect(theme.render('feed.json', { site: { title: 'A & B' } })).toBe('A & B & <b>');
    expect(theme.render('404', { site: { title: 'A & B' } })).toBe('A &amp; B & <b>');
  });

  it("uses another thread's compiled templates for the files whose text they were compiled from", async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'templates'));
    await writeFile(path.join(root, 'templates', '404.hbs'), 'Lost: {{site.title}}');
    const main = (await loadTheme(root, { timezone: 'UTC' })).theme!;
    // The spec of 404.hbs swapped for one that renders something else: a theme that renders
    // that took the given spec instead of compiling the file.
    const other = await tempDir();
    await mkdir(path.join(other, 'templates'));
    await writeFile(path.join(other, 'templates', '404.hbs'), 'Given: {{site.title}}');
    const given = (await loadTheme(other, { timezone: 'UTC' })).theme!.specs;
    const lostKey = Object.keys(main.specs).find((key) => !(key in given))!;
    const givenSpec = Object.entries(given).find(([key]) => !(key in main.specs))![1];
    const specs = { ...main.specs, [lostKey]: givenSpec };
    expect((await loadTheme(root, { timezone: 'UTC' }, { specs })).theme!.render('404', page)).toBe('Given: The Show');
    // A file whose text changed since is compiled from its text.
    await writeFile(path.join(root, 'templates', '404.hbs'), 'Gone: {{site.title}}');
    expect((await loadTheme(root, { timezone: 'UTC' }, { specs })).theme!.render('404', page)).toBe('Gone: The Show');
  });

  it('reports a broken template with a cache as without one', async () => {
    const root = await tempDir();
    const cacheDir = path.join(root, '.cache', 'build');
    await loadTheme(root, { timezone: 'UTC' }, { cacheDir });
    await mkdir(path.join(root, 'templates'));
    await writeFile(path.join(root, 'templates', '404.hbs'), '{{#if site}}never closed');
    const result = await loadTheme(root, { timezone: 'UTC' }, { cacheDir });
    expect(result.theme).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', file: path.join('templates', '404.hbs') });
    expect(result.diagnostics[0]!.message).toMatch(/^template error: /);
  });
});
