import type { Worker } from 'node:worker_threads';
import type { ArticleFeedSource } from '../config/config.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { contentHash } from '../incremental/content-hash.ts';
import type { Article } from './article.ts';
import type { FeedReport } from './feed-report.ts';
import {
  FEEDS_PROGRESS,
  feedLoadSettings,
  mapBounded,
  PARALLEL_FEEDS,
  type FeedLoadOptions,
  type LoadArticlesOptions,
} from './load-articles.ts';
import { loadFeedPacked, type PackedFeedLoad } from './load-feed-packed.ts';
import { mergeArticles } from './merge-articles.ts';
import { articlesOf } from './pack-articles.ts';
import type { ParseCacheSettings } from './parse-feed-packed.ts';
import { startWorker } from '../workers/start-worker.ts';
import type { CorpusIndex } from '../matching/corpus-index.ts';
import { restoreCorpusIndex, type StoredCorpusIndex } from '../matching/store-corpus-index.ts';

/** How to read the feeds in the background. */
export interface StartLoadingArticlesOptions extends LoadArticlesOptions {
  /** Where parsed feeds are cached between runs; none by default. */
  parseCache?: ParseCacheSettings;
  /**
   * Worker threads to parse on, sharing out the feeds; 0 parses on this thread. Default 1: on
   * the 2-core bench machine a second worker cost about 2.5 s more CPU (its start-up, a second
   * copy of the parser warming up) for no shorter wall time, while the main thread parses
   * episodes on the other core.
   */
  threads?: number;
  /**
   * Also build the corpus index (`buildCorpusIndex` of `articles()`) on the feeds' thread, once
   * it has read the last feed: for a build that will match every episode against a fresh index,
   * whose own thread is still busy with the episodes then. Only with one worker thread (the
   * default); ignored otherwise.
   */
  index?: boolean;
}

/** Every feed's outcome, read in the background; the articles are unpacked on demand. */
export interface LoadedCorpus {
  /** As `loadArticles` gives them, in the order of the sources. */
  warnings: Diagnostic[];
  feeds: FeedReport[];
  /** A digest of what every feed's articles were parsed from (bytes, settings, tool): equal digests, equal articles. */
  fingerprint: string;
  /** Feeds parsed in this run; the others came from the parse cache or gave nothing. */
  parsed: number;
  /** The parse cache keys of this run's feeds (`PackedFeed.key`), for pruning the cache. */
  keys: string[];
  /**
   * `loadArticles`'s `articles` (duplicates merged, sorted by URL), unpacked on the first call.
   * Not when the index was built on the feeds' thread: its articles are `index`'s.
   */
  articles(): Article[];
  /**
   * With `StartLoadingArticlesOptions.index` on one worker thread: the corpus index built there,
   * equal array for array to `buildCorpusIndex(articles())`; its articles decode their strings
   * when read and have no `html`. Rejects when the worker failed.
   */
  index?: Promise<CorpusIndex>;
  /** Settles once every parse cache entry of this run is written and the workers have stopped; never rejects. */
  settled: Promise<void>;
}

/** What `startLoadingArticles` gives at once: the corpus to await when it is needed. */
export interface ArticlesLoading {
  done: Promise<LoadedCorpus>;
}

/** What a worker is started with (`workerData`). */
export interface WorkerSetup {
  options: FeedLoadOptions;
  cache?: ParseCacheSettings;
  /** How many feeds a worker reads at once (the others wait in its queue). */
  inFlight?: number;
  /** Keep the articles and post the corpus index after the last feed (`StartLoadingArticlesOptions.index`). */
  index?: boolean;
}

/** Main thread → worker. */
export type ToWorker = { type: 'load'; index: number; source: ArticleFeedSource } | { type: 'end' };

/** Worker → main thread. */
export type FromWorker =
  | { type: 'loaded'; index: number; load: PackedFeedLoad }
  | { type: 'index'; index: StoredCorpusIndex }
  | { type: 'ended' };

/**
 * Starts `loadArticles` on worker threads and returns at once, so the caller's thread can do
 * other work (parse episodes) meanwhile. The outcome is the same as `loadArticles`: same
 * warnings in the same order, same reports, same articles field for field; a feed problem is a
 * warning, only a crashed worker rejects `done`. With `parseCache`, a feed whose bytes and
 * settings were parsed before is read from the cache instead of parsed.
 */
export function startLoadingArticles(sources: ArticleFeedSource[], options: StartLoadingArticlesOptions): ArticlesLoading {
  const { logger, parseCache, threads, index, ...feedOptions } = options;
  const count = threads ?? 1;
  let finished = 0;
  if (sources.length > 0) logger.progress(FEEDS_PROGRESS, 0, sources.length);
  const onLoaded = () => logger.progress(FEEDS_PROGRESS, ++finished, sources.length);
  const setup: WorkerSetup = parseCache ? { options: feedOptions, cache: parseCache } : { options: feedOptions };
  if (index === true && count === 1) setup.index = true;
  const loading = count <= 0 || sources.length === 0 ? loadOnThisThread(sources, setup, onLoaded) : loadOnWorkers(sources, setup, count, onLoaded);
  const done = loading.then(corpusOf);
  // A build that stops early (an error in an episode) may never await `done`: a worker that
  // crashes meanwhile must not become an unhandled rejection. Awaiting `done` still throws.
  done.catch(() => {});
  return { done };
}


interface Loads {
  loads: PackedFeedLoad[];
  settled: Promise<void>;
  /** The index the worker builds (`WorkerSetup.index`). */
  index?: Promise<CorpusIndex>;
}

async function loadOnThisThread(sources: readonly ArticleFeedSource[], setup: WorkerSetup, onLoaded: () => void): Promise<Loads> {
  const settings = feedLoadSettings(setup.options);
  const loads = await mapBounded(sources, PARALLEL_FEEDS, async (source, index) => {
    const load = await loadFeedPacked(source, index, settings, setup.cache);
    onLoaded();
    return load;
  });
  return { loads, settled: Promise.resolve() };
}

/**
 * Hands every feed to the `count` workers at once, in turn, each worker reading a few at a time
 * (as many in flight in all as `loadArticles` fetches at once). All at once, because the main
 * thread parses episodes meanwhile without yielding: a worker that waited for the main thread
 * to hand it its next feed sat idle for seconds of a large build.
 */
function loadOnWorkers(sources: readonly ArticleFeedSource[], setup: WorkerSetup, count: number, onLoaded: () => void): Promise<Loads> {
  const loads = new Array<PackedFeedLoad>(sources.length);
  const inFlight = Math.max(1, Math.ceil(PARALLEL_FEEDS / count));
  let received = 0;
  // The index comes after the last feed: a worker that fails before posting it rejects it.
  let indexed: { resolve: (index: CorpusIndex) => void; reject: (error: Error) => void } | undefined;
  const index = setup.index ? new Promise<CorpusIndex>((resolve, reject) => (indexed = { resolve, reject })) : undefined;
  // Awaited only by a build that gets as far as matching.
  index?.catch(() => {});
  return new Promise<Loads>((resolve, reject) => {
    let failed = false;
    const stopped: Promise<void>[] = [];
    const workers: Worker[] = [];
    const fail = (error: Error) => {
      indexed?.reject(error);
      indexed = undefined;
      if (failed || received === sources.length) return;
      failed = true;
      for (const worker of workers) void worker.terminate();
      reject(error);
    };
    const workerCount = Math.min(count, sources.length);
    for (let w = 0; w < workerCount; w++) {
      const mine = sources.flatMap((source, index) => (index % workerCount === w ? [index] : []));
      let pending = mine.length;
      // Compiled beside the bundle, or the source through tsx (see startWorker).
      const worker = startWorker('articles/load-feeds.worker', { ...setup, inFlight } satisfies WorkerSetup);
      workers.push(worker);
      stopped.push(new Promise<void>((settle) => worker.once('exit', () => settle())));
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'index') {
          indexed?.resolve(restoreCorpusIndex(message.index));
          indexed = undefined;
        }
        if (message.type !== 'loaded') return;
        pending--;
        loads[message.index] = message.load;
        onLoaded();
        if (++received === sources.length) resolve({ loads, settled: Promise.all(stopped).then(() => {}), ...(index ? { index } : {}) });
      });
      worker.on('error', (error) => fail(new Error(`internal error: the article feeds worker failed: ${error.message}`, { cause: error })));
      worker.on('exit', (code) => {
        if (pending > 0) fail(new Error(`internal error: the article feeds worker stopped (exit code ${code}) before reading every feed`));
        else if (indexed) fail(new Error(`internal error: the article feeds worker stopped (exit code ${code}) before indexing the articles`));
      });
      for (const index of mine) worker.postMessage({ type: 'load', index, source: sources[index] as ArticleFeedSource } satisfies ToWorker);
      worker.postMessage({ type: 'end' } satisfies ToWorker);
    }
  });
}

function corpusOf({ loads, settled, index }: Loads): LoadedCorpus {
  const summary = {
    warnings: loads.flatMap((load) => load.warnings),
    feeds: loads.map((load) => load.report),
    fingerprint: contentHash('corpus', ...loads.map((load) => load.key ?? 'none')),
    parsed: loads.filter((load) => load.parsed).length,
    keys: loads.flatMap((load) => (load.key ? [load.key] : [])),
    settled: settled.catch(() => {}),
  };
  if (index) {
    const articles = (): Article[] => {
      throw new Error('internal error: the articles of a corpus indexed on the feeds thread are read from its index');
    };
    return { ...summary, articles, index };
  }
  let merged: Article[] | undefined;
  return {
    ...summary,
    articles: () => (merged ??= mergeArticles(loads.flatMap((load) => (load.articles ? articlesOf(load.articles) : [])))),
  };
}
