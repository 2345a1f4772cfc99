import { parentPort } from 'node:worker_threads';
import { writeFileStamped } from '../output/write-file-stamped.ts';
import { safeTarget } from '../output/write-output.ts';
import { workerInput } from '../workers/start-worker.ts';
import { episodeView } from './episode-view.ts';
import { loadTheme } from './load-theme.ts';
import type { QuoteCardJob, QuoteCardReply } from './quote-card-job.ts';
import { renderQuoteCard } from './render-quote-cards.ts';

/**
 * Renders and writes every quote's card page and oEmbed file of a full build (see
 * `start-quote-cards.ts`): they read only the episodes' quotes and front matter, never the
 * related articles, so they are made here while the main thread reads the article feeds and
 * matches.
 */
const job = workerInput<QuoteCardJob>();
const reply = (message: QuoteCardReply): void => parentPort!.postMessage(message);

// A function, not the module's top level: the bundle is CommonJS (scripts/bundle-options.mjs),
// which has no top-level await.
async function run(): Promise<void> {
  try {
    const { theme, diagnostics } = await loadTheme(job.root, { timezone: job.timezone }, { specs: job.themeSpecs });
    if (!theme) throw new Error(`internal error: the theme did not load in the quote-card thread: ${diagnostics.map((d) => d.message).join('; ')}`);
    const made = new Set<string>();
    const stamps: [string, number, number][] = [];
    for (const episode of job.episodes) {
      const view = episodeView(episode, job.site, [], { images: job.images });
      for (const quote of view.quotes) {
        for (const file of renderQuoteCard(view, quote, job.site, theme)) {
          stamps.push([file.path, ...writeFileStamped(safeTarget(job.staging, file.path), file.data, made)]);
        }
      }
    }
    reply({ type: 'done', stamps });
  } catch (error) {
    const { message, code } = error as NodeJS.ErrnoException;
    reply(code === undefined ? { type: 'failed', message } : { type: 'failed', message, code });
  }
}

void run();
