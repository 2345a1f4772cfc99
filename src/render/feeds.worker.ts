import { parentPort } from 'node:worker_threads';
import { ShowError, type Diagnostic } from '../diagnostics.ts';
import { openStampedFile } from '../output/write-file-stamped.ts';
import { safeTarget } from '../output/write-output.ts';
import { workerInput } from '../workers/start-worker.ts';
import type { FeedsJob, FeedsReply } from './feeds-job.ts';
import { loadTheme } from './load-theme.ts';
import { renderFeedDocuments, type FeedFragments, type FeedLayout } from './render-feeds.ts';

/**
 * Renders and writes `feed.xml` and `feed.json` of a full build (see `start-feeds.ts`) into
 * the staging folder, and reports where each item sits in them.
 */
const job = workerInput<FeedsJob>();
const reply = (message: FeedsReply): void => parentPort!.postMessage(message);

// A function, not the module's top level: the bundle is CommonJS (scripts/bundle-options.mjs),
// which has no top-level await.
async function run(): Promise<void> {
  try {
    const { theme, diagnostics } = await loadTheme(job.root, { timezone: job.timezone }, { specs: job.themeSpecs });
    if (!theme) throw new Error(`internal error: the theme did not load in the feeds thread: ${diagnostics.map((d) => d.message).join('; ')}`);
    let layout: FeedLayout = {};
    let counts = { rendered: 0, reused: 0 };
    // A full build has no earlier items to reuse: every one is rendered, and only the layout is kept.
    const fragments: FeedFragments = {
      xml: () => undefined,
      json: () => undefined,
      rendered: (_files, madeLayout, madeCounts) => {
        layout = madeLayout;
        counts = madeCounts;
      },
    };
    const input = { config: job.config, site: job.site, episodes: job.episodes, related: new Map(job.related) };
    // Each document is written as its items are made, so no feed is ever held whole.
    const made = new Set<string>();
    const xml = openStampedFile(safeTarget(job.staging, 'feed.xml'), made);
    const json = openStampedFile(safeTarget(job.staging, 'feed.json'), made);
    let warnings: Diagnostic[];
    try {
      ({ warnings } = renderFeedDocuments(input, theme, { itemKeys: job.itemKeys, fragments, sinks: { xml, json } }));
      xml.end();
      json.end();
    } finally {
      xml.close();
      json.close();
    }
    const stamps: [string, number, number][] = [
      ['feed.xml', ...xml.stamp()],
      ['feed.json', ...json.stamp()],
    ];
    reply({ type: 'done', stamps, layout, counts, warnings });
  } catch (error) {
    // A theme's broken feed template is the show's error, reported as the main thread would.
    if (error instanceof ShowError) reply({ type: 'failed', message: error.message, diagnostics: error.diagnostics });
    else {
      const { message, code } = error as NodeJS.ErrnoException;
      reply(code === undefined ? { type: 'failed', message } : { type: 'failed', message, code });
    }
  }
}

void run();
