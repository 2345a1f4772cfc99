import type { Episode } from '../episodes/episode.ts';
import type { WrittenStamps } from '../output/write-output.ts';
import { startWorker } from '../workers/start-worker.ts';
import type { QuoteCardJob, QuoteCardReply } from './quote-card-job.ts';

/** Quote cards being made on another thread: `done` gives what was written, `stop` abandons them. */
export interface QuoteCardsInProgress {
  done: Promise<WrittenStamps>;
  stop(): Promise<void>;
}

/**
 * Starts rendering every quote's card page and oEmbed file into the staging folder of a full
 * build, on a thread of its own (`quote-cards.worker.ts`). The card pages are most of a show's
 * files (two per quote, 64,000 for 4,000 episodes), and creating files is kernel time that can
 * run beside the main thread's matching.
 */
export function startQuoteCards(job: Omit<QuoteCardJob, 'episodes'> & { episodes: readonly Episode[] }): QuoteCardsInProgress {
  // Notes are most of an episode's size and no card shows them: not copied to the thread.
  // Copied field by field: a spread would read `body` and `html`, which a cached episode loads on first use.
  const episodes = job.episodes.map((e) => Object.fromEntries(Object.keys(e).map((k) => [k, k === 'body' || k === 'html' ? '' : e[k as keyof Episode]])) as unknown as Episode);
  const worker = startWorker('render/quote-cards.worker', { ...job, episodes } satisfies QuoteCardJob);
  const done = new Promise<WrittenStamps>((resolve, reject) => {
    worker.on('message', (reply: QuoteCardReply) => {
      if (reply.type === 'done') resolve(new Map(reply.stamps.map(([p, size, mtimeMs]) => [p, [size, mtimeMs]])));
      else reject(Object.assign(new Error(reply.message), reply.code === undefined ? {} : { code: reply.code }));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`internal error: the quote-card thread stopped (exit code ${code})`)));
  });
  const finished = done.finally(() => worker.terminate());
  // A build that fails elsewhere stops the thread and never reads the result.
  finished.catch(() => undefined);
  return {
    done: finished,
    stop: async () => {
      await worker.terminate();
    },
  };
}
