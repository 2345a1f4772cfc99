/** How one feed went in a run: printed by `shownotes fetch` (SPEC §2). */
export interface FeedReport {
  /** The location as written in the config. */
  source: string;
  /** Display name: the config's, else the feed's title, else the location. */
  name: string;
  /**
   * local: read from a file; fresh: cached copy young enough, no request; not-modified: 304;
   * updated: fetched anew; failed: fetch or parse failed (cached copy used when there is one);
   * offline: only the cache was used.
   */
  status: 'local' | 'fresh' | 'not-modified' | 'updated' | 'failed' | 'offline';
  /** Articles this feed gave, before duplicates across feeds were merged. */
  articles: number;
  /** Wall time spent on this feed. */
  ms: number;
  /** Why it failed or gave nothing. */
  cause?: string;
}
