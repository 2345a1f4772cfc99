import type { Episode } from '../episodes/episode.ts';
import { contentHash } from './content-hash.ts';

const keys = new WeakMap<Episode, string>();

/**
 * A digest of everything an episode holds (all of it can reach a page): equal keys mean the
 * parsed episodes are equal. Computed once per episode object, or remembered from the cache.
 */
export function episodeKey(episode: Episode): string {
  let key = keys.get(episode);
  if (key === undefined) {
    key = contentHash(JSON.stringify(episode));
    keys.set(episode, key);
  }
  return key;
}

/** Records the key of an episode revived from the cache, where it was computed when parsed. */
export function rememberEpisodeKey(episode: Episode, key: string): void {
  keys.set(episode, key);
}
