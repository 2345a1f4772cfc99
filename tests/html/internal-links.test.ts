/// <reference lib="dom" />
// linkedom models the DOM with the DOM types.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildShow, type BuiltShow } from './build-sample.ts';
import { readPage, type PageDocument } from './read-page.ts';

/**
 * Links and sources of a page that point into the site, as paths (no query, no fragment).
 * Links the producer wrote in the notes are left out: they may point at pages the show
 * hosts beside the generated site (the sample links its own `/contact`).
 */
export function internalTargets(document: PageDocument, siteUrl: string): string[] {
  const base = new URL(siteUrl);
  const outsideNotes = (e: Element) => !e.closest('.notes');
  const urls = [
    ...[...document.querySelectorAll('a[href], link[href]')].filter(outsideNotes).map((e) => e.getAttribute('href') ?? ''),
    ...[...document.querySelectorAll('[src]')].filter(outsideNotes).map((e) => e.getAttribute('src') ?? ''),
  ];
  return urls
    .map((url) => new URL(url, siteUrl))
    .filter((url) => url.origin === base.origin && url.pathname.startsWith(base.pathname))
    .map((url) => decodeURIComponent(url.pathname.slice(base.pathname.length)));
}

/** The built file a site path is served from (a folder serves its index.html). */
function servedFile(out: string, sitePath: string): string {
  return path.join(out, sitePath === '' || sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath);
}

describe('links inside the sample build', () => {
  let site: BuiltShow;
  beforeAll(async () => {
    site = await buildShow();
  });

  it('every link, stylesheet, script and image of the site points at a file the build wrote', async () => {
    const missing: string[] = [];
    for (const page of site.files.filter((f) => f.endsWith('.html'))) {
      const document = await readPage(path.join(site.out, page));
      for (const target of internalTargets(document, 'https://breakroomrewatch.example/')) {
        if (!existsSync(servedFile(site.out, target))) missing.push(`${page} → /${target}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('a link to a page that was not written is caught', async () => {
    const document = await readPage(path.join(site.out, 'index.html'));
    document.body.insertAdjacentHTML('beforeend', '<a href="/episodes/no-such-episode/">gone</a>');
    const targets = internalTargets(document, 'https://breakroomrewatch.example/');
    expect(targets).toContain('episodes/no-such-episode/');
    expect(existsSync(servedFile(site.out, 'episodes/no-such-episode/'))).toBe(false);
    expect(existsSync(servedFile(site.out, 'assets/style.css'))).toBe(true);
  });
});
