/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser: they use DOM types.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

/** What went wrong while a page loaded and ran: console errors, script errors, failed requests. */
export interface PageProblems {
  errors: string[];
  failedRequests: string[];
}

/**
 * Records console errors, uncaught exceptions, and requests to `origin` that failed or
 * answered 4xx/5xx. A media request the browser aborts itself (it stops a download once it
 * has the metadata, or when it seeks) is how `<audio>` works, not a failure.
 */
export function watchPage(page: Page, origin: string): PageProblems {
  const problems: PageProblems = { errors: [], failedRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.errors.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (!request.url().startsWith(origin)) return;
    const reason = request.failure()?.errorText ?? 'failed';
    if (request.resourceType() === 'media' && reason === 'net::ERR_ABORTED') return;
    problems.failedRequests.push(`${request.url()}: ${reason}`);
  });
  page.on('response', (response) => {
    if (response.url().startsWith(origin) && response.status() >= 400) {
      problems.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
    }
  });
  return problems;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One accessibility violation, flattened for readable test failures. */
export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page and returns its serious and critical violations. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Sizes that tell whether a layout fits its viewport. */
export interface Layout {
  viewportWidth: number;
  scrollWidth: number;
  bodyFontSize: number;
  /** The smallest font size, in px, of any element in the main column that shows text. */
  smallestText: { px: number; element: string };
  /** Font sizes of the running text: paragraphs and list items of notes, summaries, quotes. */
  runningTextSizes: number[];
  /** Where the main column sits: its margins to the viewport's edges and its width. */
  main: { left: number; right: number; width: number };
}

/** Measures the page as laid out now; `mainSelector` names its main column. */
export async function measureLayout(page: Page, mainSelector = 'main'): Promise<Layout> {
  return page.evaluate((selector) => {
    const px = (element: Element) => parseFloat(getComputedStyle(element).fontSize);
    const main = document.querySelector(selector);
    if (!main) throw new Error(`the page has no ${selector}`);
    let smallest = { px: Infinity, element: '' };
    for (const element of main.querySelectorAll('*')) {
      const ownText = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      const box = element.getBoundingClientRect();
      if (!ownText || box.width === 0 || element.closest('.visually-hidden')) continue;
      if (px(element) < smallest.px) smallest = { px: px(element), element: `${element.tagName.toLowerCase()}.${element.className}` };
    }
    const running = main.querySelectorAll('.notes p, .notes li, .episode-summary > p:not(.meta, .subject), blockquote p, .lead');
    const rect = main.getBoundingClientRect();
    return {
      viewportWidth: window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      bodyFontSize: px(document.body),
      smallestText: smallest,
      runningTextSizes: [...running].map(px),
      main: { left: rect.left, right: window.innerWidth - rect.right, width: rect.width },
    };
  }, mainSelector);
}
