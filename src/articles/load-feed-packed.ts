import type { ArticleFeedSource } from '../config/config.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { FeedReport } from './feed-report.ts';
import { loadFeedSourceWith, type FeedLoadSettings } from './load-feed-source.ts';
import type { KeptArticles, PackedArticles, StoredArticles } from './pack-articles.ts';
import { parseFeedPacked, type DeferredEntries, type ParseCacheSettings } from './parse-feed-packed.ts';

/** What one feed gave, with its articles packed: what a worker posts for each feed. */
export interface PackedFeedLoad {
  warnings: Diagnostic[];
  report: FeedReport;
  /** Absent when the feed gave no parse at all (it failed with no cached copy). */
  articles?: PackedArticles | StoredArticles | KeptArticles;
  /** The parse's key (`PackedFeed.key`), when there was a parse. */
  key?: string;
  /** True when the feed was parsed in this run, false when its parse came from the cache. */
  parsed: boolean;
}

/**
 * `loadFeedSource` for a worker: the same warnings and report, the articles packed, the parse
 * cached. With `deferred`, a fresh parse keeps its articles as they are and its cache entry
 * waits there to be written.
 */
export async function loadFeedPacked(
  source: ArticleFeedSource,
  index: number,
  settings: FeedLoadSettings,
  cache: ParseCacheSettings | undefined,
  deferred?: DeferredEntries,
): Promise<PackedFeedLoad> {
  const load = await loadFeedSourceWith(source, index, settings, parseFeedPacked(cache, deferred));
  const result: PackedFeedLoad = { warnings: load.warnings, report: load.report, parsed: load.parsed?.cached === false };
  if (load.parsed) {
    result.articles = load.parsed.articles;
    result.key = load.parsed.key;
  }
  return result;
}
