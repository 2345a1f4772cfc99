import type { Article } from './article.ts';

/**
 * Merges articles with the same URL (the same story in several feeds, or twice in one) and
 * sorts by URL, so the result does not depend on which feed answered first. The copy with the
 * longest text wins, the earlier one on a tie; missing date, author or image are taken from
 * the others in the same order.
 */
export function mergeArticles(articles: readonly Article[]): Article[] {
  const byUrl = new Map<string, Article[]>();
  for (const article of articles) {
    const group = byUrl.get(article.url);
    if (group) group.push(article);
    else byUrl.set(article.url, [article]);
  }
  const merged: Article[] = [];
  for (const group of byUrl.values()) {
    // Most articles are in one feed only: keep the record itself (copying it would read its
    // lazily sanitized HTML), with no ranking arrays made for each of 20,000 groups.
    if (group.length === 1) {
      merged.push(group[0]!);
      continue;
    }
    const ranked = group
      .map((article, index) => ({ article, index }))
      .sort((x, y) => y.article.text.length - x.article.text.length || x.index - y.index)
      .map(({ article }) => article);
    const [best, ...rest] = ranked;
    if (!best) continue;
    const result = Object.defineProperties({}, Object.getOwnPropertyDescriptors(best)) as Article;
    for (const other of rest) {
      if (result.published === undefined && other.published) result.published = other.published;
      if (result.author === undefined && other.author) result.author = other.author;
      if (result.image === undefined && other.image) result.image = other.image;
    }
    merged.push(result);
  }
  return merged.sort((x, y) => (x.url < y.url ? -1 : x.url > y.url ? 1 : 0));
}
