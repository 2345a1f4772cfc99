import { ShowError } from '../diagnostics.ts';
import type { Episode } from '../episodes/episode.ts';
import { startWorker } from '../workers/start-worker.ts';
import type { FeedsJob, FeedsReply } from './feeds-job.ts';

/** The feeds as the thread wrote them. */
export type FeedsWritten = Omit<Extract<FeedsReply, { type: 'done' }>, 'type'>;

/** The feeds being made on another thread: `done` gives what was written, `stop` abandons them. */
export interface FeedsInProgress {
  done: Promise<FeedsWritten>;
  stop(): Promise<void>;
}

/**
 * Starts rendering and writing `feed.xml` and `feed.json` of a full build on a thread of their
 * own (`feeds.worker.ts`). Every item's notes go through two HTML sanitizer passes and three
 * item templates: seconds of work for a show of thousands of episodes, which the main thread
 * did after the pages while the other core had finished the quote cards.
 */
export function startFeeds(job: Omit<FeedsJob, 'episodes'> & { episodes: readonly Episode[] }): FeedsInProgress {
  // Copied field by field without the Markdown source: a cached episode loads `body` on first read.
  const episodes = job.episodes.map((e) => Object.fromEntries(Object.keys(e).flatMap((k) => (k === 'body' ? [] : [[k, e[k as keyof Episode]]]))) as unknown as Episode);
  const worker = startWorker('render/feeds.worker', { ...job, episodes } satisfies FeedsJob);
  const done = new Promise<FeedsWritten>((resolve, reject) => {
    worker.on('message', (reply: FeedsReply) => {
      if (reply.type === 'done') {
        const { type: _type, ...written } = reply;
        resolve(written);
      } else if (reply.diagnostics) {
        reject(new ShowError(reply.diagnostics));
      } else {
        reject(Object.assign(new Error(reply.message), reply.code === undefined ? {} : { code: reply.code }));
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`internal error: the feeds thread stopped (exit code ${code})`)));
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
