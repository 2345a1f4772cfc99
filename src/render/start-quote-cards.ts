import type { Episode } from '../episodes/episode.ts';
import type { WrittenStamps } from '../output/write-output.ts';
import { reportedError, startJobThread, type JobThread } from '../workers/start-job-thread.ts';
import type { QuoteCardJob, QuoteCardReply } from './quote-card-job.ts';

/** Quote cards being made on another thread: `done` gives what was written, `stop` abandons them. */
export type QuoteCardsInProgress = JobThread<WrittenStamps>;

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
  return startJobThread('render/quote-cards.worker', { ...job, episodes } satisfies QuoteCardJob, 'quote-card', (reply: QuoteCardReply): WrittenStamps => {
    if (reply.type === 'failed') throw reportedError(reply);
    return new Map(reply.stamps.map(([p, size, mtimeMs]) => [p, [size, mtimeMs]]));
  });
}
