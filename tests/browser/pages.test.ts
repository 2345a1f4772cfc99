/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser: they use DOM types.
import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSiteInChromium } from './build-test-site.ts';
import { hasChromium } from './launch-chromium.ts';
import { measureLayout, seriousViolations, watchPage } from './page-checks.ts';

/** The pages a listener meets, by path below the site's base URL. */
const pages = [
  { name: 'index', path: '', main: 'main', minWidth: 640, minText: 13 },
  { name: 'episode page', path: 'episodes/casino-night/', main: 'main', minWidth: 640, minText: 13 },
  // The card is made for a 600 × 375 iframe and has no page around it: it fills the window.
  // Its caption lines scale with the card down to 11 px (card.css's floor), reported as a finding.
  { name: 'quote card page', path: 'quotes/casino-night/trailer-orders/', main: 'figure', minWidth: 1280, minText: 11 },
];

describe.skipIf(!hasChromium)('the theme in Chromium', () => {
  const chromium = useSiteInChromium();

  /** Opens a page in a fresh context and waits until it and its subresources loaded. */
  async function open(path: string, options: BrowserContextOptions = {}) {
    const context = await chromium.browser.newContext(options);
    const page = await context.newPage();
    const problems = watchPage(page, chromium.site.url);
    await page.goto(chromium.site.url + path, { waitUntil: 'load' });
    return { page, problems, close: () => context.close() };
  }

  it('prints the notes black on white without the player, even from dark mode', async () => {
    const { page, close } = await open('episodes/casino-night/', { colorScheme: 'dark' });
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      background: getComputedStyle(document.body).backgroundColor,
      header: getComputedStyle(document.querySelector('.site-header') as Element).backgroundColor,
      text: getComputedStyle(document.querySelector('.notes p') as Element).color,
      meta: getComputedStyle(document.querySelector('.meta') as Element).color,
      player: getComputedStyle(document.querySelector('.player') as Element).display,
      notes: document.querySelector('.notes')?.getBoundingClientRect().height ?? 0,
    }));
    expect(printed).toEqual({ background: 'rgb(255, 255, 255)', header: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)', meta: 'rgb(68, 68, 68)', player: 'none', notes: printed.notes });
    expect(printed.notes).toBeGreaterThan(500);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 22, 26)');
    await close();
  });

  describe.each(pages)('$name', ({ path, main, minWidth, minText }) => {
    it('loads with no console error and no failed request to the site', async () => {
      const seen = chromium.site.server.requests.length;
      const { page, problems, close } = await open(path);
      await page.waitForLoadState('networkidle');
      expect(problems).toEqual({ errors: [], failedRequests: [] });
      // The server sees what the page's events do not, e.g. the browser's own favicon request.
      expect(chromium.site.server.requests.slice(seen).filter((r) => r.status >= 400)).toEqual([]);
      expect(await page.locator('h1').count()).toBe(main === 'main' ? 1 : 0);
      await close();
    });

    it.each(['light', 'dark'] as const)('has no serious or critical axe violations in %s mode', async (colorScheme) => {
      // axe is injected as an inline script, which the card page's CSP rightly forbids.
      const { page, close } = await open(path, { colorScheme, bypassCSP: true });
      expect(await seriousViolations(page)).toEqual([]);
      await close();
    });

    it('at 375 px nothing scrolls sideways and text stays readable', async () => {
      const { page, close } = await open(path, { viewport: { width: 375, height: 812 } });
      const layout = await measureLayout(page, main);
      expect(layout.viewportWidth).toBe(375);
      expect(layout.scrollWidth).toBeLessThanOrEqual(375);
      expect(layout.bodyFontSize).toBeGreaterThanOrEqual(16);
      expect(layout.runningTextSizes.length).toBeGreaterThan(0);
      expect(Math.min(...layout.runningTextSizes)).toBeGreaterThanOrEqual(16);
      expect(layout.smallestText.px, layout.smallestText.element).toBeGreaterThanOrEqual(minText);
      await close();
    });

    it('at 1280 px the main column is wide and centred', async () => {
      const { page, close } = await open(path, { viewport: { width: 1280, height: 900 } });
      const layout = await measureLayout(page, main);
      expect(layout.scrollWidth).toBeLessThanOrEqual(1280);
      expect(layout.main.width).toBeGreaterThanOrEqual(minWidth);
      expect(Math.abs(layout.main.left - layout.main.right)).toBeLessThanOrEqual(1);
      await close();
    });
  });
});
