import type { Episode } from '../episodes/episode.ts';
import { contentHash } from './content-hash.ts';

const keys = new WeakMap<Episode, string>();

/**
 * A digest of everything an episode holds (all of it can reach a page): equal keys mean the
 * parsed episodes are equal. An episode read by `loadEpisodesCached` has the digest of what
 * its parse was made from (remembered, fresh or from the cache); any other is hashed whole.
 */
export function episodeKey(episode: Episode): string {
  let key = keys.get(episode);
  if (key === undefined) {
    key = contentHash(JSON.stringify(episode));
    keys.set(episode, key);
  }
  return key;
}

/** Records the key of an episode parsed or revived by `loadEpisodesCached`. */
export function rememberEpisodeKey(episode: Episode, key: string): void {
  keys.set(episode, key);
}
