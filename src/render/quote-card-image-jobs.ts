import type { Episode } from '../episodes/episode.ts';
import type { CardImageJob } from './card-image/quote-card-image.ts';
import { quoteCardDir } from './episode-view.ts';

/**
 * The `card.png` of every quote of the episodes the build publishes (SPEC §5, issue 6 item 4),
 * in episode then quote order, for the card-image renderer.
 */
export function quoteCardImageJobs(episodes: readonly Episode[], showTitle: string): CardImageJob[] {
  return episodes.flatMap((episode) =>
    episode.quotes.map((q) => ({
      outputPath: `${quoteCardDir(episode.slug, q.id)}card.png`,
      card: { quote: q.text, speaker: q.speaker, showTitle, episodeTitle: episode.title },
    })),
  );
}
