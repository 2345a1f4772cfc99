import type { Episode } from '../episodes/episode.ts';
import type { RelatedArticle } from './related.ts';

/**
 * `related.json` (SPEC §5): every episode has a key, in the order of the site (newest first),
 * with its related articles as the contract shows them (no page-only fields).
 */
export function renderRelatedJson(episodes: readonly Episode[], related: ReadonlyMap<string, RelatedArticle[]>): string {
  const out: Record<string, unknown[]> = {};
  for (const episode of episodes) {
    out[episode.slug] = (related.get(episode.slug) ?? []).map((r) => ({
      url: r.url,
      title: r.title,
      source: r.source,
      ...(r.published ? { published: r.published } : {}),
      score: r.score,
      pinned: r.pinned,
      reasons: r.reasons,
    }));
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}
