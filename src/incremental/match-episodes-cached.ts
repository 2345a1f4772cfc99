import path from 'node:path';
import type { Episode } from '../episodes/episode.ts';
import { matchEpisodes, type MatchOptions } from '../matching/match-episodes.ts';
import type { RelatedArticle } from '../matching/related.ts';
import { readCacheFile, writeCacheFile } from './build-cache-file.ts';
import { contentHash } from './content-hash.ts';
import type { CachedCorpus } from './load-articles-cached.ts';
import { episodeKey } from './episode-key.ts';

/** The related articles of every episode, and whether they were matched in this run. */
export interface CachedMatches {
  related: Map<string, RelatedArticle[]>;
  reused: boolean;
  save(): Promise<void>;
}

/**
 * `matchEpisodes`, reused while the corpus, the settings and every episode (in order) are the
 * same. Matching is not per episode (a word's rarity and an article's owner are decided across
 * all episodes), so any change to any episode matches the whole show again.
 */
export async function matchEpisodesCached(
  episodes: readonly Episode[],
  corpus: CachedCorpus,
  options: MatchOptions & { cacheDir: string; tool: string; clean: boolean },
): Promise<CachedMatches> {
  const file = path.join(options.cacheDir, 'related.json');
  const key = contentHash(corpus.fingerprint, JSON.stringify([options.maxRelated, options.minScore]), ...episodes.map(episodeKey));
  const old = options.clean ? undefined : await readCacheFile<{ key: string; related: [string, RelatedArticle[]][] }>(file, options.tool);
  if (old?.key === key) return { related: new Map(old.related), reused: true, save: async () => {} };
  const related = matchEpisodes(episodes, await corpus.articles(), { maxRelated: options.maxRelated, minScore: options.minScore });
  return { related, reused: false, save: () => writeCacheFile(file, options.tool, { key, related: [...related] }) };
}
