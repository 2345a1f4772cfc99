/**
 * What a clean build's matching does, alone: the episodes' profiles (`prepareShow`, which a build
 * runs while the feeds' thread is still parsing), then the corpus index and the matching
 * (`matchIncrementally` with no earlier state). For `match-show.ts` and the floor's matcher part.
 */
import type { Article } from '../src/articles/article.ts';
import { loadArticles } from '../src/articles/load-articles.ts';
import type { Episode } from '../src/episodes/episode.ts';
import { contentHash } from '../src/incremental/content-hash.ts';
import { episodeKey } from '../src/incremental/episode-key.ts';
import { loadShow } from '../src/load-show.ts';
import { silentLogger } from '../src/logger.ts';
import { buildCorpusIndex } from '../src/matching/corpus-index.ts';
import { matchIncrementally } from '../src/matching/match-incrementally.ts';
import { prepareShow } from '../src/matching/prepare-episodes.ts';
import type { RelatedArticle } from '../src/matching/related.ts';

/** A show's published episodes, every article of its feeds, and its matching settings. */
export interface ShowData {
  episodes: Episode[];
  articles: Article[];
  maxRelated: number;
  minScore: number;
}

/**
 * Reads a show folder's episodes and article feeds (offline). With `plainArticles`, the articles
 * are plain objects with every lazily made field read once (for `v8.serialize`); sanitizing all
 * their bodies takes seconds, so only a cache worth keeping asks for it.
 */
export async function readShowForMatching(root: string, { plainArticles }: { plainArticles: boolean }): Promise<ShowData> {
  const show = await loadShow(root);
  if (!show.config) throw new Error(`no valid config in ${root}`);
  const corpus = await loadArticles(show.config.articles.feeds, { root, offline: true, refreshSeconds: 0, logger: silentLogger });
  const episodes = show.episodes.filter((e) => !e.draft);
  // A build knows each episode's key from parsing: computing them is not matching's time.
  for (const episode of episodes) episodeKey(episode);
  return {
    episodes,
    articles: plainArticles ? corpus.articles.map((a) => ({ ...a, html: a.html })) : corpus.articles,
    maxRelated: show.config.articles.maxRelated,
    minScore: show.config.articles.minScore,
  };
}

/** Wall and CPU milliseconds of one part of the matching. */
export interface MatchTiming {
  wallMs: number;
  cpuMs: number;
}

/** The process's user and system CPU time so far, in milliseconds. */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Matches as a clean build does, timing the episodes' side and the corpus' side apart. */
export function matchCold(
  data: ShowData,
  articles: () => Article[] = () => data.articles,
): { related: Map<string, RelatedArticle[]>; episodesPart: MatchTiming; corpusPart: MatchTiming } {
  const keys = { key: episodeKey, quotesKey: (e: Episode) => contentHash(JSON.stringify(e.quotes)) };
  const [t0, c0] = [performance.now(), cpuMs()];
  const prepared = prepareShow(data.episodes, keys.quotesKey);
  const [t1, c1] = [performance.now(), cpuMs()];
  const options = { maxRelated: data.maxRelated, minScore: data.minScore };
  const { related } = matchIncrementally(data.episodes, buildCorpusIndex(articles()), options, undefined, keys, prepared);
  return {
    related,
    episodesPart: { wallMs: t1 - t0, cpuMs: c1 - c0 },
    corpusPart: { wallMs: performance.now() - t1, cpuMs: cpuMs() - c1 },
  };
}
