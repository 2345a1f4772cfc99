import type { Article } from '../articles/article.ts';
import { startWorker } from '../workers/start-worker.ts';
import { buildCorpusIndex, corpusIndexOf, type CorpusArrays, type CorpusIndex } from './corpus-index.ts';

/** What the corpus-index thread is started with: each article's headline and text. */
export interface CorpusIndexJob {
  titles: string[];
  texts: string[];
}

/** What it posts back. */
export interface CorpusIndexReply {
  arrays: CorpusArrays;
}

/**
 * Below this many articles the index is built on the calling thread: starting a thread costs
 * more than tokenising a few thousand articles.
 */
const MIN_ARTICLES_FOR_THREAD = 2000;

/**
 * Builds `buildCorpusIndex(articles)` on a worker thread (`build-corpus-index.worker.ts`), so
 * that the caller can prepare the episodes meanwhile (profiles need no index); the same index,
 * token ids included. `thread: false` (or a small corpus) builds it here, now.
 */
export function startBuildingCorpusIndex(articles: readonly Article[], options: { thread?: boolean } = {}): Promise<CorpusIndex> {
  if (options.thread === false || (options.thread === undefined && articles.length < MIN_ARTICLES_FOR_THREAD)) {
    return Promise.resolve(buildCorpusIndex(articles));
  }
  const job: CorpusIndexJob = { titles: articles.map((a) => a.title), texts: articles.map((a) => a.text) };
  const worker = startWorker('matching/build-corpus-index.worker', job);
  const built = new Promise<CorpusIndex>((resolve, reject) => {
    worker.once('message', (reply: CorpusIndexReply) => resolve(corpusIndexOf(articles, reply.arrays)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`internal error: the corpus-index thread stopped (exit code ${code})`)));
  });
  // The thread ends by itself once it has posted; this only makes sure of it.
  return built.finally(() => void worker.terminate());
}
