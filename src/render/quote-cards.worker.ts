import { parentPort } from 'node:worker_threads';
import { writeFileStamped } from '../output/write-file-stamped.ts';
import { safeTarget } from '../output/write-output.ts';
import { workerInput } from '../workers/start-worker.ts';
import { loadTheme } from './load-theme.ts';
import type { QuoteCardJob, QuoteCardReply } from './quote-card-job.ts';
import { renderEpisodeCards } from './render-quote-cards.ts';

/**
 * Renders and writes the quotes' card pages and oEmbed files of a full build (see
 * `start-quote-cards.ts`): they read only the episodes' quotes and front matter, never the
 * related articles, so they are made here while the main thread reads the article feeds and
 * matches. Episode by episode, taken from the count shared with the main thread, which takes
 * what is left once its pages are done.
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
    const next = new Int32Array(job.claims);
    for (let i = Atomics.add(next, 0, 1); i < job.episodes.length; i = Atomics.add(next, 0, 1)) {
      for (const file of renderEpisodeCards(job.episodes[i]!, job.site, theme, job.images)) {
        stamps.push([file.path, ...writeFileStamped(safeTarget(job.staging, file.path), file.data, made)]);
      }
    }
    reply({ type: 'done', stamps });
  } catch (error) {
    const { message, code } = error as NodeJS.ErrnoException;
    reply(code === undefined ? { type: 'failed', message } : { type: 'failed', message, code });
  }
}

void run();
