import type { Article } from '../articles/article.ts';
import type { Episode } from '../episodes/episode.ts';
import { evaluateForSelection, type Candidate } from './evaluate-matches.ts';
import { prepareMatching } from './prepare-matching.ts';
import type { MatchReason, RelatedArticle } from './related.ts';
import { urlKey } from './url-key.ts';

/** The two settings of matching (config `articles.max_related`, `articles.min_score`). */
export interface MatchOptions {
  maxRelated: number;
  minScore: number;
}

/**
 * The default `articles.min_score` (SPEC §3), 0.5. An attributed quote alone scores about 0.95; the
 * TV episode's title in the show's context scores about 0.4 alone and passes only with a guest or
 * the episode's own story words; a guest named in the podcast's or show's context alone scores
 * 0.5-0.55. On the matching-dev set the weakest relevant article scores 0.77 and the strongest
 * negative 0.42 (another episode's recap that names this one's title), so 0.5 sits between them
 * with room on both sides for shows not seen yet.
 */
export const DEFAULT_MIN_SCORE = 0.5;

/**
 * Ranks, for every episode, the articles that talk about it (SPEC §5 related.json, §6). The
 * corpus index is built once for all episodes. Pure: same input, same output.
 */
export function matchEpisodes(
  episodes: readonly Episode[],
  articles: readonly Article[],
  options: MatchOptions,
): Map<string, RelatedArticle[]> {
  const context = prepareMatching(episodes, articles);
  const related = new Map<string, RelatedArticle[]>();
  const byKey = articleKeys(articles);
  episodes.forEach((episode, e) => {
    related.set(episode.slug, selectRelated(episode, evaluateForSelection(context, e, options.minScore).candidates, articles, byKey, options));
  });
  return related;
}

/**
 * An episode's related articles from its evaluated candidates: those anchored and at or over
 * `minScore`, best first, with its pins and blocks applied.
 */
export function selectRelated(
  episode: Episode,
  candidates: Candidate[],
  articles: readonly Article[],
  byKey: () => Map<string, Article>,
  options: MatchOptions,
): RelatedArticle[] {
  const kept = rankCandidates(candidates, articles).filter((c) => c.anchored && round(c.score) >= options.minScore);
  const pins = episode.related.pin.length || episode.related.block.length ? byKey() : undefined;
  return withPins(episode, kept, articles, pins, options.maxRelated);
}

/** Articles by URL key, made on first call (only episodes that pin or block need it). */
export function articleKeys(articles: readonly Article[]): () => Map<string, Article> {
  let byKey: Map<string, Article> | undefined;
  return () => (byKey ??= articlesByKey(articles));
}

/** Best first; equal scores by URL, so the order never depends on feed order. */
export function rankCandidates(candidates: Candidate[], articles: readonly Article[]): Candidate[] {
  return [...candidates].sort(
    (x, y) => round(y.score) - round(x.score) || compare(articles[x.article]!.url, articles[y.article]!.url),
  );
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Scores are given to three decimals, in related.json and for the threshold alike. */
export function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

/** Articles by URL key; the first of equal keys wins. Built only when some episode pins or blocks. */
function articlesByKey(articles: readonly Article[]): Map<string, Article> {
  const byKey = new Map<string, Article>();
  for (const article of articles) {
    const key = urlKey(article.url);
    if (!byKey.has(key)) byKey.set(key, article);
  }
  return byKey;
}

/** Pinned articles first (score 1), blocked ones never, then the matches up to `maxRelated` in all. */
function withPins(
  episode: Episode,
  ranked: Candidate[],
  articles: readonly Article[],
  byKey: Map<string, Article> | undefined,
  maxRelated: number,
): RelatedArticle[] {
  if (!byKey) {
    return ranked.slice(0, maxRelated).map((c) => withScore(articles[c.article]!, round(c.score), false, c.reasons));
  }
  const blocked = new Set(episode.related.block.map(urlKey));
  const matchedByKey = new Map(ranked.map((c) => [urlKey(articles[c.article]!.url), c]));
  const out: RelatedArticle[] = [];
  const used = new Set<string>();
  for (const pin of episode.related.pin) {
    const key = urlKey(pin);
    if (used.has(key) || blocked.has(key)) continue;
    used.add(key);
    const article = byKey.get(key);
    const reasons = matchedByKey.get(key)?.reasons ?? [];
    out.push(article ? withScore(article, 1, true, reasons) : { url: pin, title: pin, source: hostOf(pin), score: 1, pinned: true, reasons });
  }
  for (const candidate of ranked) {
    if (out.length >= Math.max(maxRelated, used.size)) break;
    const article = articles[candidate.article]!;
    const key = urlKey(article.url);
    if (used.has(key) || blocked.has(key)) continue;
    used.add(key);
    out.push(withScore(article, round(candidate.score), false, candidate.reasons));
  }
  return out;
}

/**
 * An article as a related one, fields in `related.json`'s order. Assigned onto the new object
 * rather than spread into a literal: V8 builds a literal that starts with a spread field by
 * field, several times slower for the 20,000 lists' entries of a large show.
 */
function withScore(article: Article, score: number, pinned: boolean, reasons: MatchReason[]): RelatedArticle {
  return Object.assign(toRelated(article), { score, pinned, reasons });
}

function toRelated(article: Article): Pick<RelatedArticle, 'url' | 'title' | 'source' | 'published' | 'excerpt'> {
  return {
    url: article.url,
    title: article.title,
    source: article.source,
    ...(article.published ? { published: article.published.toISOString() } : {}),
    ...(article.excerpt ? { excerpt: article.excerpt } : {}),
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
