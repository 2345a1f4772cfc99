import type { ArticleFeedSource } from '../config/config.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Logger } from '../logger.ts';
import packageJson from '../../package.json' with { type: 'json' };
import type { Article } from './article.ts';
import type { FeedReport } from './feed-report.ts';
import { loadFeedSource, type FeedLoadSettings } from './load-feed-source.ts';
import { mergeArticles } from './merge-articles.ts';

export type { FeedReport } from './feed-report.ts';

/** How to read the feeds of one run. */
export interface LoadArticlesOptions {
  /** Absolute path of the show folder: local feeds are relative to it, the cache lives in it. */
  root: string;
  /** Use only cached copies of remote feeds (`--offline`). */
  offline: boolean;
  /** How long a cached remote feed is used without a request (`articles.refresh`). */
  refreshSeconds: number;
  logger: Logger;
  /** Per feed, for all redirects and the body; default 15 s. */
  timeoutMs?: number;
  /** Largest body read; default 10 MB. */
  maxBytes?: number;
  userAgent?: string;
  /** Ask the server even when the cached copy is fresh (`shownotes fetch`). */
  force?: boolean;
}

/** Every article of every feed, the warnings, and one report per feed. */
export interface ArticleLoadResult {
  /** Duplicates merged, sorted by URL. */
  articles: Article[];
  warnings: Diagnostic[];
  /** In the order of the sources. */
  feeds: FeedReport[];
}

/** Feeds fetched at once: enough to hide latency, few enough to be polite to one host. */
export const PARALLEL_FEEDS = 4;
const MAX_REDIRECTS = 5;

/** The User-Agent we announce, so feed owners can see who is asking and find us. */
export const defaultUserAgent = `shownotes/${packageJson.version} (+https://github.com/shownotes/shownotes)`;

/**
 * Reads the article feeds of a show (SPEC §3 `articles.feeds`, §7): local files and remote
 * URLs through the cache in `.cache/feeds/`, several at once. Never throws for a feed's sake:
 * a feed that cannot be read is a warning, and the others still count.
 */
export async function loadArticles(
  sources: ArticleFeedSource[],
  options: LoadArticlesOptions,
): Promise<ArticleLoadResult> {
  const settings = feedLoadSettings(options);
  const label = FEEDS_PROGRESS;
  let done = 0;
  if (sources.length > 0) options.logger.progress(label, 0, sources.length);
  const loads = await mapBounded(sources, PARALLEL_FEEDS, async (source, index) => {
    const load = await loadFeedSource(source, index, settings);
    options.logger.progress(label, ++done, sources.length);
    return load;
  });
  return {
    articles: mergeArticles(loads.flatMap((load) => load.articles)),
    warnings: loads.flatMap((load) => load.warnings),
    feeds: loads.map((load) => load.report),
  };
}

/** The progress label of reading the feeds. */
export const FEEDS_PROGRESS = 'Reading article feeds';

/** What `loadArticles` reads feeds with, every default applied; the options a worker gets. */
export type FeedLoadOptions = Omit<LoadArticlesOptions, 'logger'>;

/** The settings of one run from its options (defaults applied). */
export function feedLoadSettings(options: FeedLoadOptions): FeedLoadSettings {
  return {
    root: options.root,
    offline: options.offline,
    refreshSeconds: options.refreshSeconds,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
    userAgent: options.userAgent ?? defaultUserAgent,
    force: options.force ?? false,
    maxRedirects: MAX_REDIRECTS,
    now: Date.now,
  };
}

/** Runs `task` over `items` with at most `limit` at once; results keep the items' order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
