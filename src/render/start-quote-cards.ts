import type { Episode } from '../episodes/episode.ts';
import type { WrittenStamps } from '../output/write-output.ts';
import { reportedError, startJobThread, type JobThread } from '../workers/start-job-thread.ts';
import type { QuoteCardJob, QuoteCardReply } from './quote-card-job.ts';

/**
 * Quote cards being made on another thread: `done` gives what the thread wrote, `stop` abandons
 * them, and `claim` takes the next episode whose cards the thread has not taken yet (its index
 * in the episodes given), for the caller to make them itself; undefined once all are taken.
 */
export type QuoteCardsInProgress = JobThread<WrittenStamps> & { claim(): number | undefined };

/**
 * Starts rendering every quote's card page and oEmbed file into the staging folder of a full
 * build, on a thread of its own (`quote-cards.worker.ts`). The card pages are most of a show's
 * files (two per quote, 64,000 for 4,000 episodes), and creating files is kernel time that can
 * run beside the main thread's matching.
 */
export function startQuoteCards(job: Omit<QuoteCardJob, 'episodes' | 'claims'> & { episodes: readonly Episode[] }): QuoteCardsInProgress {
  // Notes are most of an episode's size and no card shows them: not copied to the thread.
  // Copied field by field: a spread would read `body` and `html`, which a cached episode loads on first use.
  const episodes = job.episodes.map((e) => Object.fromEntries(Object.keys(e).map((k) => [k, k === 'body' || k === 'html' ? '' : e[k as keyof Episode]])) as unknown as Episode);
  // The main thread often finishes its pages before the thread has made every card (it creates
  // two files and a folder per quote: kernel time, most of it): it then makes the rest itself.
  const claims = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const next = new Int32Array(claims);
  const thread = startJobThread('render/quote-cards.worker', { ...job, episodes, claims } satisfies QuoteCardJob, 'quote-card', (reply: QuoteCardReply): WrittenStamps => {
    if (reply.type === 'failed') throw reportedError(reply);
    return new Map(reply.stamps.map(([p, size, mtimeMs]) => [p, [size, mtimeMs]]));
  });
  return {
    ...thread,
    claim() {
      const i = Atomics.add(next, 0, 1);
      return i < episodes.length ? i : undefined;
    },
  };
}
