import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildShow, type BuiltShow } from './build-sample.ts';
import { readPage } from './read-page.ts';

/** The issue's budget for the theme's CSS and JS together: a slow phone on a slow network. */
const budgetBytes = 30 * 1024;

/** What in a stylesheet or script would load something from another origin. */
export function externalLoads(source: string): string[] {
  const patterns = [
    /@import\b[^;]*/gi,
    /url\(\s*['"]?(?:https?:)?\/\/[^)]*\)/gi,
    /\b(?:fetch|importScripts)\s*\(\s*['"`](?:https?:)?\/\/[^'"`]*/gi,
    /['"`]https?:\/\/[^'"`]*['"`]/gi,
  ];
  return patterns.flatMap((pattern) => source.match(pattern) ?? []);
}

describe('the theme’s assets in the sample build', () => {
  let site: BuiltShow;
  beforeAll(async () => {
    site = await buildShow();
  });

  it('CSS and JS together stay under 30 KB', async () => {
    const assets = site.files.filter((f) => /^assets\/.*\.(css|js)$/.test(f));
    expect(assets).toEqual(expect.arrayContaining(['assets/style.css', 'assets/player.js']));
    const sizes = await Promise.all(assets.map(async (f) => (await readFile(path.join(site.out, f))).length));
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total, `${assets.join(' + ')} = ${total} bytes`).toBeLessThan(budgetBytes);
  });

  it('CSS and JS load nothing from other origins (no web fonts, no remote scripts)', async () => {
    for (const asset of site.files.filter((f) => /^assets\/.*\.(css|js)$/.test(f))) {
      expect(externalLoads(await readFile(path.join(site.out, asset), 'utf8')), asset).toEqual([]);
    }
  });

  it('pages load scripts, styles, icons and fonts only from the site itself', async () => {
    for (const page of site.files.filter((f) => f.endsWith('.html'))) {
      const document = await readPage(path.join(site.out, page));
      const loaded = [
        ...[...document.querySelectorAll('script[src], img[src], iframe[src]')].map((e) => e.getAttribute('src') ?? ''),
        ...[...document.querySelectorAll('link[rel~="stylesheet"], link[rel~="icon"], link[rel~="preload"], link[rel~="modulepreload"]')].map(
          (e) => e.getAttribute('href') ?? '',
        ),
      ];
      // The sample build's base URL is https://breakroomrewatch.example/, so the site's own files start with `/`.
      expect(loaded.filter((url) => !url.startsWith('/') || url.startsWith('//')), page).toEqual([]);
      expect(document.querySelectorAll('style, [style]').length, `${page}: inline styles`).toBe(0);
      // Nothing blocks the first paint on a slow phone: every script waits for the document.
      const blocking = [...document.querySelectorAll('script[src]')].filter((e) => !e.hasAttribute('defer') && !e.hasAttribute('async'));
      expect(blocking.map((e) => e.getAttribute('src')), `${page}: render-blocking scripts`).toEqual([]);
    }
  });

  it('the stylesheet has a dark scheme, print styles, and no fixed widths that could overflow a phone', async () => {
    const css = await readFile(path.join(site.out, 'assets/style.css'), 'utf8');
    expect(css).toMatch(/@media\s*\(prefers-color-scheme:\s*dark\)/);
    expect(css).toMatch(/@media\s+print/);
    expect(css.match(/(?<![-\w])width:\s*\d{3,}px/g) ?? []).toEqual([]);
  });
});

describe('the external-load finder', () => {
  it.each([
    ['a web font stylesheet', '@import url("https://fonts.googleapis.com/css?family=Inter");', '@import url("https://fonts.googleapis.com/css?family=Inter")'],
    ['a remote font file', '@font-face { font-family: X; src: url(//cdn.example.com/x.woff2); }', 'url(//cdn.example.com/x.woff2)'],
    ['a tracking request', "navigator.sendBeacon('https://tracker.example/p');", "'https://tracker.example/p'"],
  ])('finds %s', (_name, source, found) => {
    expect(externalLoads(source)).toContain(found);
  });

  it('lets local files and data through', () => {
    expect(externalLoads('.a { background: url(icon.svg) } .b { background: url("/assets/x.png") }')).toEqual([]);
  });
});
