import type { Episode } from '../episodes/episode.ts';
import { contentHash } from './content-hash.ts';

/**
 * What planning a build reads of every episode beyond its key, digested: a rebuild plans all
 * of a show's outputs, and with these it never reads the quotes or chapters of the episodes it
 * does not render (a revived episode parses them on first use, see `loadEpisodesCached`).
 */
export interface EpisodeDigest {
  /** The quotes' ids, in order: each has a card page and an oEmbed file. */
  quoteIds: string[];
  /** Digest of all that an episode's quote cards read of it (see `planSite`). */
  cardsKey: string;
  /** Whether the episode has chapters (and so a `chapters.json`). */
  hasChapters: boolean;
}

const digests = new WeakMap<Episode, EpisodeDigest>();

/** The digest of an episode: computed once per episode object, or remembered from the cache. */
export function episodeDigest(episode: Episode): EpisodeDigest {
  let digest = digests.get(episode);
  if (digest === undefined) {
    digest = {
      quoteIds: episode.quotes.map((q) => q.id),
      // The card page and oEmbed show the quote and, of its episode, the slug, title, number,
      // audio and people (for the speaker's picture): not the notes.
      cardsKey: contentHash(
        JSON.stringify([episode.slug, episode.title, episode.number ?? null, episode.audio ?? null, episode.hosts, episode.guests]),
        JSON.stringify(episode.quotes),
      ),
      hasChapters: episode.chapters.length > 0,
    };
    digests.set(episode, digest);
  }
  return digest;
}

/** Records the digest of an episode revived from the cache, where it was computed when parsed. */
export function rememberEpisodeDigest(episode: Episode, digest: EpisodeDigest): void {
  digests.set(episode, digest);
}
