// Screenshots of the sample show as listeners see it: the index, an episode and a quote card,
// at 375 px (a phone) and 1280 px (a laptop). Full pages go to artifacts/screenshots/ (not
// committed) for a person to look at; one of each goes to docs/screenshots/ for the README.
// Run: npm run screenshots   (needs Debian's Chromium at /usr/bin/chromium, or CHROMIUM_PATH)
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasChromium, launchChromium } from '../tests/browser/launch-chromium.ts';
import { serveSample } from '../tests/browser/serve-sample.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(repoRoot, 'artifacts/screenshots');
const docs = path.join(repoRoot, 'docs/screenshots');

/** What the README shows: one page at one width, cut to the first screen so the PNG stays small. */
const readmeShots = [
  { page: 'index', width: 1280, height: 800 },
  { page: 'episode', width: 375, height: 1100 },
  { page: 'quote', width: 1280, height: 420 },
];

/** The folders of the show the build reads; the rest of the repository is not copied. */
const showParts = ['shownotes.config.yaml', 'episodes', 'feeds', 'static', 'templates'];

async function main(): Promise<number> {
  if (!hasChromium) return 1;
  const root = await mkdtemp(path.join(tmpdir(), 'shownotes-screenshots-'));
  try {
    for (const part of showParts) await cp(path.join(repoRoot, part), path.join(root, part), { recursive: true }).catch(() => {});
    const site = await serveSample(root);
    const quote = await firstQuotePage(site.out);
    const pages: Record<string, string | undefined> = { index: '', episode: 'episodes/casino-night/', quote };
    await mkdir(artifacts, { recursive: true });
    await mkdir(docs, { recursive: true });
    const browser = await launchChromium();
    try {
      for (const [name, pagePath] of Object.entries(pages)) {
        if (pagePath === undefined) {
          process.stderr.write(`no ${name} page in the build: skipped\n`);
          continue;
        }
        for (const width of [375, 1280]) {
          for (const colorScheme of ['light', 'dark'] as const) {
            const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
            const page = await context.newPage();
            await page.goto(site.url + pagePath, { waitUntil: 'networkidle' });
            const suffix = colorScheme === 'dark' ? '-dark' : '';
            const file = path.join(artifacts, `${name}-${width}${suffix}.png`);
            await page.screenshot({ path: file, fullPage: true });
            process.stdout.write(`${path.relative(repoRoot, file)}\n`);
            const shot = readmeShots.find((s) => s.page === name && s.width === width);
            if (shot && colorScheme === 'light') {
              await page.setViewportSize({ width, height: shot.height });
              const docFile = path.join(docs, `${name}-${width}.png`);
              await page.screenshot({ path: docFile });
              process.stdout.write(`${path.relative(repoRoot, docFile)}\n`);
            }
            await context.close();
          }
        }
      }
    } finally {
      await browser.close();
      await site.server.close();
    }
    return 0;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** The path of the first quote card page of Casino Night (or any episode), when the build has quote pages. */
async function firstQuotePage(out: string): Promise<string | undefined> {
  const quotes = path.join(out, 'quotes');
  const slugs = await readdir(quotes).catch(() => [] as string[]);
  const slug = slugs.includes('casino-night') ? 'casino-night' : slugs.sort()[0];
  if (!slug) return undefined;
  const ids = (await readdir(path.join(quotes, slug))).sort();
  const id = ids.includes('trailer-orders') ? 'trailer-orders' : ids[0];
  return id ? `quotes/${slug}/${id}/` : undefined;
}

process.exitCode = await main();
