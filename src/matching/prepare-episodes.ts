import type { Episode } from '../episodes/episode.ts';
import { buildEpisodeProfile, type EpisodeProfile } from './episode-profile.ts';
import type { Phrase } from './find-phrase.ts';
import { countedKeys, properNameCandidates, titleKeyOf } from './prepare-matching.ts';

/**
 * What matching takes from one episode alone, before any article is read: its profile and what
 * the show's statistics count of it. A build computes these while the article feeds are still
 * being parsed on their own thread (issue 5 item 5: off the matching's critical path).
 */
export interface PreparedEpisode {
  profile: EpisodeProfile;
  /** `countedKeys` of the profile, in that order. */
  counted: string[];
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
    counted: countedKeys(profile),
    titleKey: titleKeyOf(profile),
    proper: properNameCandidates(profile),
    quotesKey: quotesKey(episode),
  };
}

/** `prepareEpisode` of every episode, in order. */
export function prepareEpisodes(episodes: readonly Episode[], quotesKey: (episode: Episode) => string): PreparedEpisode[] {
  return episodes.map((episode) => prepareEpisode(episode, quotesKey));
}
