/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser: they use DOM types.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-show.ts';
import { buildTestSite, type TestSite } from './build-test-site.ts';
import { hasChromium, launchChromium } from './launch-chromium.ts';
import { watchPage } from './page-checks.ts';
import { serveStatic, type StaticServer } from './serve-static.ts';

const episode = 'episodes/casino-night/';
const card = 'quotes/casino-night/trailer-orders/';

/** A web editor's article with the embed snippet pasted in, served from another origin. */
function hostArticle(snippet: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title><link rel="icon" href="data:,"></head>
<body><main><h1>News</h1><p>As the host said on the show:</p>
${snippet}
<p>More news.</p></main></body></html>`;
}

describe.skipIf(!hasChromium)('quote cards and their embed code in Chromium', () => {
  let site: TestSite;
  let host: StaticServer;
  let hostRoot: string;
  let browser: Browser;

  beforeAll(async () => {
    site = await buildTestSite();
    hostRoot = await tempDir();
    host = await serveStatic(hostRoot);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.server.close();
    await host?.close();
  });

  async function withClipboard(): Promise<BrowserContext> {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url.slice(0, -1) });
    return context;
  }

  it('the copy control puts the iframe snippet of the oEmbed response on the clipboard', async () => {
    const context = await withClipboard();
    const page = await context.newPage();
    const problems = watchPage(page, site.url);
    await page.goto(site.url + episode);
    const button = page.locator('#quote-trailer-orders button[data-copy]');
    await button.click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const oembed = JSON.parse(await readFile(path.join(site.out, card, 'oembed.json'), 'utf8')) as { html: string };
    expect(copied).toBe(oembed.html);
    expect(copied).toMatch(new RegExp(`^<iframe src="${site.url}${card}"`));
    await expect.poll(() => button.textContent()).toBe('Copied');
    expect(problems).toEqual({ errors: [], failedRequests: [] });
    await context.close();
  });

  it('without clipboard access the snippet is still there to select, and the copy control stays hidden', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.url + episode);
    const code = page.locator('#quote-trailer-orders textarea');
    expect(await code.inputValue()).toMatch(/^<iframe src=/);
    expect(await page.locator('#quote-trailer-orders button[data-copy]').isVisible()).toBe(false);
    await context.close();
  });

  it('the snippet pasted into another site’s article shows the card, with no errors in the frame', async () => {
    const context = await withClipboard();
    const page = await context.newPage();
    await page.goto(site.url + episode);
    await page.locator('#quote-trailer-orders button[data-copy]').click();
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    await writeFile(path.join(hostRoot, 'article.html'), hostArticle(snippet));

    const article = await context.newPage();
    const problems = watchPage(article, site.url);
    await article.goto(`${host.url}article.html`, { waitUntil: 'load' });
    const iframe = article.locator('iframe');
    await iframe.scrollIntoViewIfNeeded();
    const frame = await (await iframe.elementHandle())?.contentFrame();
    if (!frame) throw new Error('the snippet made no frame');
    await frame.waitForLoadState('load');
    expect(frame.url()).toBe(site.url + card);
    expect(await frame.locator('blockquote').innerText()).toContain("Don't leave until you're called.");
    expect(await frame.locator('.card-speaker').innerText()).toBe('Jenna Fischer');
    const box = await iframe.boundingBox();
    expect(box?.width).toBe(600);
    expect(box?.height).toBe(375);
    // The card inside fills the frame rather than leaving it blank.
    const cardBox = await frame.locator('figure').boundingBox();
    expect(cardBox?.width).toBeGreaterThan(590);
    expect(problems).toEqual({ errors: [], failedRequests: [] });
    await context.close();
  });

  it('the card’s player plays the quote from its start', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page, site.url);
    await page.goto(site.url + card);
    const time = await page.evaluate(async () => {
      const audio = document.querySelector('audio');
      if (!audio) throw new Error('no <audio> on the card');
      await audio.play();
      return audio.currentTime;
    });
    expect(time).toBeGreaterThanOrEqual(2530);
    expect(time).toBeLessThan(2542);
    expect(problems).toEqual({ errors: [], failedRequests: [] });
    await context.close();
  });

  it('the card’s listen link opens the episode page, which seeks to the quote', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(site.url + card);
    const [episodePage] = await Promise.all([context.waitForEvent('page'), page.locator('a.card-link').click()]);
    await episodePage.waitForLoadState('load');
    expect(episodePage.url()).toBe(`${site.url}${episode}#t=2530`);
    const time = await episodePage.evaluate(async () => {
      const audio = document.querySelector('audio');
      if (!audio) throw new Error('no <audio> on the episode page');
      if (audio.readyState < HTMLMediaElement.HAVE_METADATA) await new Promise((resolve) => audio.addEventListener('loadedmetadata', resolve, { once: true }));
      return audio.currentTime;
    });
    expect(time).toBe(2530);
    await context.close();
  });
});
