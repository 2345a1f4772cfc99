import { v5 as uuidv5 } from 'uuid';

/**
 * The namespace UUID every `podcast:guid` is derived under
 * (https://podcastindex.org/namespace/1.0#guid).
 */
export const PODCAST_GUID_NAMESPACE = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6';

/**
 * The channel's `podcast:guid`: UUIDv5 of the feed URL with its scheme and trailing slashes
 * removed, so `https://podnews.net/rss` and `http://podnews.net/rss/` give the same value.
 */
export function podcastGuid(feedUrl: string): string {
  const name = feedUrl.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '');
  return uuidv5(name, PODCAST_GUID_NAMESPACE);
}

/**
 * An item's `guid`: UUIDv5 of the slug under the show's `podcast:guid`. It depends on the slug
 * and the feed URL only, so retitling an episode never makes apps list it twice.
 */
export function episodeGuid(showGuid: string, slug: string): string {
  return uuidv5(slug, showGuid);
}
