/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser: they use DOM types.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-show.ts';
import { hasChromium, launchChromium } from './launch-chromium.ts';
import { measureLayout, seriousViolations, watchPage } from './page-checks.ts';
import { serveStatic, type StaticServer } from './serve-static.ts';

/** Pages built to fail each check, so a passing check on the theme means something. */
const brokenPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broken</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/missing.css"></head>
<body style="font-size: 12px"><main>
<p style="color: #bbb; background: #fff">Pale grey on white</p>
<img src="/pixel.png">
<div style="width: 600px">Too wide for a phone</div>
<script>console.error('boom'); undefinedFunction();</script>
</main></body></html>`;

describe.skipIf(!hasChromium)('the page checks catch what they look for', () => {
  let server: StaticServer;
  let browser: Browser;
  beforeAll(async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'broken.html'), brokenPage);
    server = await serveStatic(root);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('console errors, exceptions and requests that fail', async () => {
    const page = await browser.newPage();
    const problems = watchPage(page, server.url);
    await page.goto(`${server.url}broken.html`, { waitUntil: 'load' });
    expect(problems.errors).toEqual(
      expect.arrayContaining(['console: boom', 'exception: undefinedFunction is not defined']),
    );
    expect(problems.failedRequests).toEqual(expect.arrayContaining([`${server.url}missing.css: HTTP 404`, `${server.url}pixel.png: HTTP 404`]));
    await page.close();
  });

  it('low contrast and an image without a text alternative', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}broken.html`);
    const ids = (await seriousViolations(page)).map((v) => v.id).sort();
    expect(ids).toEqual(['color-contrast', 'image-alt']);
    await page.close();
  });

  it('sideways scrolling and small text on a phone', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 700 } });
    await page.goto(`${server.url}broken.html`);
    const layout = await measureLayout(page);
    expect(layout.scrollWidth).toBeGreaterThan(375);
    expect(layout.bodyFontSize).toBe(12);
    expect(layout.smallestText).toEqual({ px: 12, element: 'p.' });
    await page.close();
  });
});
