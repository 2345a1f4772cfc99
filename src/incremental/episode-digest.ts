import type { Episode } from '../episodes/episode.ts';
import { contentHash } from './content-hash.ts';

/**
 * What planning a build reads of every episode beyond its key, digested: a rebuild plans all
 * of a show's outputs, and with these it never reads the quotes or chapters of the episodes it
 * does not render (a revived episode parses them on first use, see `loadEpisodesCached`).
 */
export interface EpisodeDigest {
  /** The quotes' ids, in order: each has a card page and an oEmbed file. */
  readonly quoteIds: readonly string[];
  /** How many quotes: what planning reads of an episode whose cards are kept. */
  readonly quoteCount: number;
  /** Digest of all that an episode's quote cards read of it (see `planSite`). */
  readonly cardsKey: string;
  /** Whether the episode has chapters (and so a `chapters.json`). */
  readonly hasChapters: boolean;
}

const digests = new WeakMap<Episode, EpisodeDigest>();

/** The digest of an episode: computed once per episode object, or remembered from the cache. */
export function episodeDigest(episode: Episode): EpisodeDigest {
  let digest = digests.get(episode);
  if (digest === undefined) {
    const quoteIds = episode.quotes.map((q) => q.id);
    digest = {
      quoteIds,
      quoteCount: quoteIds.length,
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

/** A digest as the cache stores it: the quote ids are `text[start, end)` joined by line breaks (ids are slugs), split on first read. */
class StoredDigest implements EpisodeDigest {
  readonly quoteCount: number;
  readonly cardsKey: string;
  readonly hasChapters: boolean;
  #text: string;
  #start: number;
  #end: number;
  #ids: readonly string[] | undefined;

  constructor(text: string, start: number, end: number, quoteCount: number, cardsKey: string, hasChapters: boolean) {
    this.#text = text;
    this.#start = start;
    this.#end = end;
    this.quoteCount = quoteCount;
    this.cardsKey = cardsKey;
    this.hasChapters = hasChapters;
  }

  get quoteIds(): readonly string[] {
    return (this.#ids ??= this.quoteCount ? this.#text.slice(this.#start, this.#end).split('\n') : []);
  }
}

/** The digest of a cached episode whose quote ids are `text[start, end)`, joined by line breaks. */
export function storedDigest(text: string, start: number, end: number, quoteCount: number, cardsKey: string, hasChapters: boolean): EpisodeDigest {
  return new StoredDigest(text, start, end, quoteCount, cardsKey, hasChapters);
}
