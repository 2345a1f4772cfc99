import type { Episode } from '../episodes/episode.ts';
import { buildEpisodeProfile, type EpisodeProfile } from './episode-profile.ts';
import type { Phrase } from './find-phrase.ts';
import { KeyTable } from './key-table.ts';
import { countedKeys, pickSharedNames, properNameCandidates, titleKeyOf } from './prepare-matching.ts';

/**
 * What matching takes from one episode alone, before any article is read: its profile and what
 * the show's statistics count of it. A build computes these while the article feeds are still
 * being parsed on their own thread (issue 5 item 5: off the matching's critical path).
 */
export interface PreparedEpisode {
  profile: EpisodeProfile;
  /** `titleKeyOf` the profile. */
  titleKey: string | undefined;
  /** `properNameCandidates` of the profile. */
  proper: Phrase[];
  /** The key of the episode's quotes (`EpisodeKeys.quotesKey`). */
  quotesKey: string;
}

/** Prepares one episode; `quotesKey` is the caller's (see `EpisodeKeys`). */
export function prepareEpisode(episode: Episode, quotesKey: (episode: Episode) => string): PreparedEpisode {
  const profile = buildEpisodeProfile(episode);
  return {
    profile,
    titleKey: titleKeyOf(profile),
    proper: properNameCandidates(profile),
    quotesKey: quotesKey(episode),
  };
}

/**
 * A show's episodes prepared together: each one's `PreparedEpisode`, and the show's statistics
 * as a first build's matching makes them from those (`matchIncrementally` without a previous state).
 */
export interface PreparedShow {
  episodes: PreparedEpisode[];
  /** Every counted key, by id, and how many episodes count it. */
  keys: string[];
  counts: number[];
  /** Per episode, its counted keys as ids of `keys`. */
  counted: Int32Array[];
  /** See `ShowStatistics.sharedNames`. */
  sharedNames: Phrase[];
}

/** `prepareEpisode` of every episode, in order, and the show's statistics. */
export function prepareShow(episodes: readonly Episode[], quotesKey: (episode: Episode) => string): PreparedShow {
  const prepared = episodes.map((episode) => prepareEpisode(episode, quotesKey));
  // Ids in episode order, as `matchIncrementally` gives them in a first build.
  const table = new KeyTable(undefined);
  // The keys' strings are not kept per episode (4,000 arrays of hundreds living through the
  // whole matching): `keys[id]` gives them back.
  const counted = prepared.map(({ profile }) => {
    const keys = countedKeys(profile);
    const ids = new Int32Array(keys.length);
    for (let k = 0; k < keys.length; k++) ids[k] = table.id(keys[k]!);
    for (let k = 0; k < ids.length; k++) table.add(ids[k]!, 1);
    return ids;
  });
  const sharedNames = pickSharedNames(
    prepared.map((p) => p.proper),
    new Set(prepared.map((p) => p.titleKey)),
    (key) => table.count(key),
  );
  return { episodes: prepared, ...table.stored(), counted, sharedNames };
}
