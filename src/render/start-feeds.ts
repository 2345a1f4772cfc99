import { ShowError } from '../diagnostics.ts';
import type { Episode } from '../episodes/episode.ts';
import { reportedError, startJobThread, type JobThread } from '../workers/start-job-thread.ts';
import type { FeedsJob, FeedsReply } from './feeds-job.ts';

/** The feeds as the thread wrote them. */
export type FeedsWritten = Omit<Extract<FeedsReply, { type: 'done' }>, 'type'>;

/** The feeds being made on another thread: `done` gives what was written, `stop` abandons them. */
export type FeedsInProgress = JobThread<FeedsWritten>;

/**
 * Starts rendering and writing `feed.xml` and `feed.json` of a full build on a thread of their
 * own (`feeds.worker.ts`). Every item's notes go through two HTML allowlists (the sanitizer's
 * passes, or their renderings from the Markdown, `episodes/feed-notes.ts`) and three item
 * templates: seconds of work for a show of thousands of episodes, which the main thread did
 * after the pages while the other core had finished the quote cards.
 */
export function startFeeds(job: Omit<FeedsJob, 'episodes'> & { episodes: readonly Episode[] }): FeedsInProgress {
  // Copied field by field without the Markdown source (a cached episode loads `body` on first
  // read), and with the feeds' notes, which are not enumerable.
  const episodes = job.episodes.map((e) => {
    const copy = Object.fromEntries(Object.keys(e).flatMap((k) => (k === 'body' ? [] : [[k, e[k as keyof Episode]]]))) as unknown as Episode;
    if (e.feedNotes) copy.feedNotes = e.feedNotes;
    return copy;
  });
  return startJobThread('render/feeds.worker', { ...job, episodes } satisfies FeedsJob, 'feeds', (reply: FeedsReply): FeedsWritten => {
    if (reply.type === 'failed') throw reply.diagnostics ? new ShowError(reply.diagnostics) : reportedError(reply);
    const { type: _type, ...written } = reply;
    return written;
  });
}
