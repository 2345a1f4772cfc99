/**
 * The worker thread of `startLoadingArticles`: reads the feeds it is handed, a few at a time
 * (`WorkerSetup.inFlight`), posts each feed's outcome with its articles packed (the bytes moved,
 * not copied; the parse cache entry written first), and stops after the last once told there is
 * no more. With `WorkerSetup.index` it keeps the articles instead, and after the last feed
 * merges them and builds the corpus index, which it posts before it writes the parse cache's
 * entries (`DeferredEntries`) and stops.
 */
import { parentPort } from 'node:worker_threads';
import { buildCorpusIndex } from '../matching/corpus-index.ts';
import { storeCorpusIndex, storedBuffers } from '../matching/store-corpus-index.ts';
import { lowerThreadPriority } from '../workers/lower-thread-priority.ts';
import { workerInput } from '../workers/start-worker.ts';
import { feedLoadSettings } from './load-articles.ts';
import { loadFeedPacked, type PackedFeedLoad } from './load-feed-packed.ts';
import { mergeArticles } from './merge-articles.ts';
import { articlesOf } from './pack-articles.ts';
import { DeferredEntries } from './parse-feed-packed.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './start-loading-articles.ts';

const port = parentPort;
if (!port) throw new Error('internal error: load-feeds.worker runs only as a worker thread');
const setup = workerInput<WorkerSetup>();
const settings = feedLoadSettings(setup.options);
const limit = Math.max(1, setup.inFlight ?? 1);
const queue: Extract<ToWorker, { type: 'load' }>[] = [];
/** With `setup.index`: each feed's articles by the feed's index, for the corpus index. */
const kept: NonNullable<PackedFeedLoad['articles']>[] = [];
/** With `setup.index`: the parse cache entries, written once the index is posted. */
const deferred = setup.index ? new DeferredEntries() : undefined;
let running = 0;
let ending = false;

port.on('message', (message: ToWorker) => {
  if (message.type === 'end') ending = true;
  else queue.push(message);
  next();
});

/** Starts queued feeds up to the limit; ends once the queue is empty and nothing runs. */
function next(): void {
  while (running < limit && queue.length > 0) {
    const message = queue.shift()!;
    running++;
    void load(message.index, message).finally(() => {
      running--;
      next();
    });
  }
  if (ending && running === 0 && queue.length === 0) {
    ending = false;
    if (setup.index) {
      postIndex();
      // The cache entries are for the next build, and this one's matching waits for nothing
      // else: packing them at full priority made the matching stage 0.3 s slower on two cores
      // (medians of six cold builds of the bench show, docs/performance.md).
      lowerThreadPriority(10);
    }
    void (deferred?.flush() ?? Promise.resolve()).then(() => {
      port!.postMessage({ type: 'ended' } satisfies FromWorker);
      port!.close();
    });
  }
}

async function load(index: number, message: Extract<ToWorker, { type: 'load' }>): Promise<void> {
  const result = await loadFeedPacked(message.source, index, settings, setup.cache, deferred);
  if (setup.index) {
    // The main thread gets the articles with the index, not feed by feed.
    const { articles, ...rest } = result;
    if (articles) kept[index] = articles;
    port!.postMessage({ type: 'loaded', index, load: rest } satisfies FromWorker);
    return;
  }
  const bytes = result.articles && 'bytes' in result.articles ? result.articles.bytes : undefined;
  // Move the bytes, not copy them: both a cache entry (read into a buffer of its own) and a
  // fresh packing (allocated alone, already written to the cache) own their buffer. A small
  // buffer may be a slice of Node's shared pool, which must never be moved: that one is copied.
  const movable = bytes && bytes.buffer.byteLength > 64 * 1024;
  const transfer = movable ? [bytes.buffer as ArrayBuffer] : [];
  port!.postMessage({ type: 'loaded', index, load: result } satisfies FromWorker, transfer);
}

/**
 * Merges the kept articles as the main thread would (`LoadedCorpus.articles`: feeds in source
 * order), builds their corpus index and moves it to the main thread, its articles packed.
 */
function postIndex(): void {
  const articles = [];
  // `kept` is sparse (a feed that failed has no articles): a for…of would visit its holes.
  for (let i = 0; i < kept.length; i++) {
    const packed = kept[i];
    if (packed) for (const article of articlesOf(packed)) articles.push(article);
  }
  kept.length = 0;
  const stored = storeCorpusIndex(buildCorpusIndex(mergeArticles(articles)));
  port!.postMessage({ type: 'index', index: stored } satisfies FromWorker, storedBuffers(stored));
}
