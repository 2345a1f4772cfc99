import type { Article } from '../articles/article.ts';
import type { Episode } from '../episodes/episode.ts';
import { buildCorpusIndex, type CorpusIndex } from './corpus-index.ts';
import { buildEpisodeProfile, type EpisodeProfile } from './episode-profile.ts';
import { PhraseFinder, PhraseSet, type PhraseHit } from './find-phrase.ts';
import { findQuotes, type QuoteMatch } from './find-quotes.ts';

/** Shared work for one run: the corpus index, phrase cache, quote matches and profiles. */
export interface MatchContext {
  index: CorpusIndex;
  phrases: PhraseFinder;
  profiles: EpisodeProfile[];
  quotes: Map<number, QuoteMatch[]>[];
  /**
   * Per article, per episode: 2 when it carries the episode's quote or guest, 1 when only its TV
   * title in the show's context. An article owned more strongly by another episode is about that one.
   */
  ownedBy: Map<number, Map<number, number>>;
  /** Share-of-episodes rarity of a profile word or name, 0..1. */
  episodeRarity: (key: string) => number;
  /** Whether an article names the show's world: a capitalised name used by several episodes ("Leslie Knope"). Memoised. */
  namesShowWorld: (article: number) => boolean;
  /** Per-article lexical sums, reused by every episode (all zero between calls). */
  scratch: Float64Array;
}

/** Builds the index once and everything shared by all episodes. */
export function prepareMatching(episodes: readonly Episode[], articles: readonly Article[]): MatchContext {
  const index = buildCorpusIndex(articles);
  const phrases = new PhraseFinder(index);
  const profiles = episodes.map(buildEpisodeProfile);
  const episodeCount = new Map<string, number>();
  for (const profile of profiles) {
    const keys = new Set([...profile.terms.keys(), ...profile.names.map((n) => n.tokens.join(' '))]);
    for (const key of keys) episodeCount.set(key, (episodeCount.get(key) ?? 0) + 1);
  }
  const total = profiles.length;
  const episodeRarity = (key: string): number =>
    Math.log((total + 1) / Math.max(1, episodeCount.get(key) ?? 1)) / Math.log(total + 1);
  // TV episode titles are left out: "Flu Season" may be another show's episode, and it is the
  // very thing whose context is in question.
  const titles = new Set(profiles.map((p) => p.title?.tokens.join(' ')));
  const sharedNames = new Map<string, EpisodeProfile['names'][number]>();
  for (const profile of profiles) {
    for (const name of profile.names) {
      const key = name.tokens.join(' ');
      const proper = name.caps[0] && name.caps[name.caps.length - 1];
      if (proper && !titles.has(key) && name.tokens.length >= 2 && (episodeCount.get(key) ?? 0) >= 2 && !sharedNames.has(key)) sharedNames.set(key, name);
    }
  }
  const quotes = findQuotes(index, episodes);
  const ownedBy = new Map<number, Map<number, number>>();
  const own = (article: number, episode: number, level: number): void => {
    const owners = ownedBy.get(article) ?? new Map<number, number>();
    owners.set(episode, Math.max(level, owners.get(episode) ?? 0));
    ownedBy.set(article, owners);
  };
  profiles.forEach((profile, e) => {
    for (const [article, matches] of quotes[e]!) if (matches.some(isQuoteAnchor)) own(article, e, 2);
    for (const guest of profile.guests) for (const article of phrases.find(guest).keys()) own(article, e, 2);
  });
  // An article that names another episode's TV title, written as a title, in the show's context
  // is about that episode too.
  const contextHits = (profile: EpisodeProfile): Map<number, PhraseHit>[] => [
    ...(profile.show ? [phrases.find(profile.show, true)] : []),
    ...profile.hosts.map((h) => phrases.find(h)),
  ];
  profiles.forEach((profile, e) => {
    if (!profile.title) return;
    const context = contextHits(profile);
    for (const [article, hit] of phrases.find(profile.title)) {
      if (hit.strong && context.some((c) => c.get(article)?.strong)) own(article, e, 1);
    }
  });
  return {
    index, phrases, profiles, quotes, ownedBy, episodeRarity,
    namesShowWorld: memoise(new PhraseSet(index, [...sharedNames.values()])),
    scratch: new Float64Array(index.size),
  };
}

function memoise(set: PhraseSet): (article: number) => boolean {
  const seen = new Map<number, boolean>();
  return (article) => {
    let found = seen.get(article);
    if (found === undefined) {
      found = set.findIn(article).some((strong) => strong === true);
      seen.set(article, found);
    }
    return found;
  };
}

/** A quote found with its speaker named in the article. */
export function isQuoteAnchor(match: QuoteMatch): boolean {
  return match.attribution !== 'absent';
}
