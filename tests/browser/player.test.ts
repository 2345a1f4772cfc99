/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser: they use DOM types.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSiteInChromium } from './build-test-site.ts';
import { hasChromium } from './launch-chromium.ts';
import { watchPage } from './page-checks.ts';

const episode = 'episodes/casino-night/';

/**
 * The player's position, read once the audio's metadata is in and any seek has finished:
 * a position set before then is only a wish the browser may still drop.
 */
async function playerTime(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const audio = document.querySelector('audio');
    if (!audio) throw new Error('no <audio> on the page');
    const until = (event: string) => new Promise((resolve) => audio.addEventListener(event, resolve, { once: true }));
    if (audio.readyState < HTMLMediaElement.HAVE_METADATA) await until('loadedmetadata');
    if (audio.seeking) await until('seeked');
    return audio.currentTime;
  });
}

/**
 * Where the player was sent by the seeks after this call: the position at each `seeking`
 * event, when the new time is set and playback has not moved on from it yet. The function
 * returned waits until `count` seeks have happened, then gives them all.
 */
async function recordSeeks(page: Page): Promise<(count: number) => Promise<number[]>> {
  await page.evaluate(() => {
    const seeks: number[] = [];
    (window as unknown as { seeks: number[] }).seeks = seeks;
    document.querySelector('audio')?.addEventListener('seeking', (event) => seeks.push((event.target as HTMLMediaElement).currentTime));
  });
  // Waiting for "any seek" let the second check read the list before the second seek landed.
  return async (count) => {
    await page.waitForFunction((n) => (window as unknown as { seeks: number[] }).seeks.length >= n, count);
    return page.evaluate(() => (window as unknown as { seeks: number[] }).seeks);
  };
}

describe.skipIf(!hasChromium)('time links and the player in Chromium', () => {
  const chromium = useSiteInChromium();

  async function open(path: string) {
    const context = await chromium.browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page, chromium.site.url);
    await page.goto(chromium.site.url + path, { waitUntil: 'load' });
    return { page, problems, close: () => context.close() };
  }

  it('loads the episode from the stand-in audio server', async () => {
    const { page, close } = await open(episode);
    expect(await page.locator('audio').getAttribute('src')).toBe(`${chromium.site.audioBase}041-casino-night.mp3`);
    await page.waitForFunction(() => (document.querySelector('audio')?.readyState ?? 0) >= 1);
    expect(await page.evaluate(() => document.querySelector('audio')?.duration)).toBe(4354); // 1:12:34, the episode's duration
    await close();
  });

  it('clicking a chapter time seeks the player there and puts the time in the address', async () => {
    const { page, problems, close } = await open(episode);
    const seeks = await recordSeeks(page);
    await page.locator('.chapters a.time', { hasText: '19:30' }).click();
    expect(await seeks(1)).toEqual([1170]);
    // It plays on from there, so the position read later is at or just after the chapter.
    expect(await playerTime(page)).toBeGreaterThanOrEqual(1170);
    expect(new URL(page.url()).hash).toBe('#t=1170');
    expect(new URL(page.url()).pathname).toBe(`/${episode}`);
    expect(problems).toEqual({ errors: [], failedRequests: [] });
    await close();
  });

  it('clicking a quote time seeks the player to the quote', async () => {
    const { page, close } = await open(episode);
    const seeks = await recordSeeks(page);
    await page.locator('#quote-super-eerie a.time').click();
    expect(await seeks(1)).toEqual([2585]);
    expect(await playerTime(page)).toBeGreaterThanOrEqual(2585);
    await page.locator('.chapters a.time', { hasText: '1:04:10' }).click();
    expect(await seeks(2)).toEqual([2585, 3850]);
    await close();
  });

  it('opening the page with #t=SECONDS seeks on load', async () => {
    const { page, close } = await open(`${episode}#t=2530`);
    expect(await playerTime(page)).toBe(2530);
    await close();
  });

  it('opening the page with #t=MM:SS seeks on load', async () => {
    const { page, close } = await open(`${episode}#t=43:44`);
    expect(await playerTime(page)).toBe(2624);
    await close();
  });

  it('a hash that is not a time leaves the player at the start', async () => {
    const { page, close } = await open(`${episode}#t=later`);
    expect(await playerTime(page)).toBe(0);
    await page.goto(`${chromium.site.url}${episode}#quote-super-eerie`);
    expect(await playerTime(page)).toBe(0);
    await close();
  });

  it('without script, a time link opens the audio itself at its time (a media fragment)', async () => {
    const context = await chromium.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(chromium.site.url + episode);
    const link = page.locator('#quote-super-eerie a.time');
    expect(await link.getAttribute('href')).toBe(`${chromium.site.audioBase}041-casino-night.mp3#t=2585`);
    await link.click();
    await page.waitForURL(`${chromium.site.audioBase}041-casino-night.mp3#t=2585`);
    // Chromium shows audio in a media document with a <video> element; the fragment sets its start.
    // The document plays on its own, so on a slow machine the current time may already have moved
    // on: where playback began is the start of the first played range.
    const time = await page.evaluate(async () => {
      const media = document.querySelector('video, audio') as HTMLMediaElement | null;
      if (!media) throw new Error('no media element in the media document');
      if (media.readyState < HTMLMediaElement.HAVE_METADATA) await new Promise((resolve) => media.addEventListener('loadedmetadata', resolve, { once: true }));
      return media.played.length > 0 ? media.played.start(0) : media.currentTime;
    });
    expect(time).toBeGreaterThanOrEqual(2585);
    expect(time).toBeLessThan(2586);
    await context.close();
  });
});
