import type { Article } from '../articles/article.ts';
import type { Episode } from '../episodes/episode.ts';
import { buildCorpusIndex, type CorpusIndex } from './corpus-index.ts';
import { buildEpisodeProfile, type EpisodeProfile } from './episode-profile.ts';
import { PhraseFinder, PhraseSet, type Phrase } from './find-phrase.ts';
import type { PhraseHits } from './phrase-hits.ts';
import { findQuotes, type QuoteMatch } from './find-quotes.ts';
import { lexicalScratch, type LexicalScratch } from './lexical-scores.ts';

/**
 * What one episode brings to matching, computed from the episode and the corpus alone (so it can
 * be kept per episode between builds): its profile, its quotes found in articles, and the
 * articles it owns.
 */
export interface EpisodeFacts {
  profile: EpisodeProfile;
  quotes: Map<number, QuoteMatch[]>;
  /** Owned articles as pairs, article then level (see `MatchContext.ownedBy`), ascending by article. */
  owns: Int32Array;
}

/** Statistics across all episodes of the show, read by every episode's evaluation. */
export interface ShowStatistics {
  /** Number of episodes. */
  total: number;
  /** How many episodes use a profile word or name (see `countedKeys`). */
  count: (key: string) => number;
  /**
   * Proper names of two or more words used by several episodes, not a TV title: the show's world
   * ("Leslie Knope"). The first episode's spelling of each, in episode order.
   */
  sharedNames: Phrase[];
}

/** Shared work for one run: the corpus index, phrase cache, per-episode facts and show statistics. */
export interface MatchContext {
  index: CorpusIndex;
  phrases: PhraseFinder;
  /** Per episode (same order as the episodes); only those to be evaluated need be present. */
  facts: (EpisodeFacts | undefined)[];
  /** Slug of each episode, for the "rather about" penalty. */
  slugs: readonly string[];
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
  scratch: LexicalScratch;
}

/** Builds the index once and everything shared by all episodes. */
export function prepareMatching(episodes: readonly Episode[], articles: readonly Article[]): MatchContext {
  const index = buildCorpusIndex(articles);
  const phrases = new PhraseFinder(index);
  const facts = episodeFacts(index, phrases, episodes);
  return buildMatchContext(index, phrases, {
    facts,
    slugs: episodes.map((e) => e.slug),
    owns: facts.map((f) => f.owns),
    statistics: showStatistics(facts.map((f) => f.profile)),
  });
}

/**
 * The facts of each episode. With `knownQuotes`, an episode whose entry is defined takes its quote
 * matches from there instead of searching the corpus again; with `profiles`, its profile (made
 * ahead, see `prepareShow`) from there instead of building it.
 */
export function episodeFacts(
  index: CorpusIndex,
  phrases: PhraseFinder,
  episodes: readonly Episode[],
  knownQuotes?: readonly (Map<number, QuoteMatch[]> | undefined)[],
  profiles: readonly EpisodeProfile[] = episodes.map(buildEpisodeProfile),
): EpisodeFacts[] {
  const searched = episodes.filter((_, e) => !knownQuotes?.[e]);
  const found = findQuotes(index, searched);
  // Titles, people and shows of all episodes in two passes over the corpus, for `ownedArticles` and evaluation.
  phrases.prefetchProfiles(profiles);
  let next = 0;
  return profiles.map((profile, e) => {
    const quotes = knownQuotes?.[e] ?? found[next++]!;
    return { profile, quotes, owns: ownedArticles(phrases, profile, quotes) };
  });
}

/**
 * The articles an episode owns: level 2 for an article carrying its quote with the speaker named,
 * or a guest's name; level 1 for its TV title, written as a title, in the show's context.
 */
function ownedArticles(phrases: PhraseFinder, profile: EpisodeProfile, quotes: Map<number, QuoteMatch[]>): Int32Array {
  const level = new Map<number, number>();
  const own = (article: number, value: number): void => {
    if ((level.get(article) ?? 0) < value) level.set(article, value);
  };
  for (const [article, matches] of quotes) if (matches.some(isQuoteAnchor)) own(article, 2);
  for (const guest of profile.guests) phrases.find(guest).forEachArticle((article) => own(article, 2));
  // An article that names the episode's TV title, written as a title, in the show's context is
  // about this episode, even when another episode's words are in it too.
  if (profile.title) {
    const context: PhraseHits[] = [
      ...(profile.show ? [phrases.find(profile.show, true)] : []),
      ...profile.hosts.map((h) => phrases.find(h)),
    ];
    phrases.find(profile.title).forEachArticle((article, strong) => {
      if (strong && context.some((c) => c.strongIn(article))) own(article, 1);
    });
  }
  const owned = [...level.keys()].sort((x, y) => x - y);
  const pairs = new Int32Array(owned.length * 2);
  owned.forEach((article, k) => {
    pairs[2 * k] = article;
    pairs[2 * k + 1] = level.get(article)!;
  });
  return pairs;
}

/** The keys an episode adds one to in the show's counts: its content words and its names. */
export function countedKeys(profile: EpisodeProfile): string[] {
  const keys: string[] = [];
  forEachCountedKey(profile, (key) => keys.push(key));
  return keys;
}

/**
 * `countedKeys` one by one, in the same order, without gathering them: content words are
 * distinct, names are distinct, and only a one-word name can be a content word too.
 */
function forEachCountedKey(profile: EpisodeProfile, use: (key: string) => void): void {
  const words = profile.terms.words;
  for (let k = 0; k < words.length; k++) use(words[k]!);
  for (const name of profile.names) {
    // One-word names are few: looking each up among the words beats making a set of them.
    if (name.tokens.length > 1) use(name.tokens.join(' '));
    else if (!words.includes(name.tokens[0]!)) use(name.tokens[0]!);
  }
}

/** The phrases of an episode that may be a shared name of the show's world: proper names of two or more words. */
export function properNameCandidates(profile: EpisodeProfile): Phrase[] {
  return profile.names.filter((name) => name.caps[0] && name.caps[name.caps.length - 1] && name.tokens.length >= 2);
}

/** The key of an episode's TV title in the set of titles (which are never shared names). */
export function titleKeyOf(profile: EpisodeProfile): string | undefined {
  return profile.title?.tokens.join(' ');
}

/** Counts every episode's words and names and picks the shared names, from all profiles. */
export function showStatistics(profiles: readonly EpisodeProfile[]): ShowStatistics {
  const counts = new Map<string, number>();
  const add = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (const profile of profiles) forEachCountedKey(profile, add);
  const count = (key: string): number => counts.get(key) ?? 0;
  return {
    total: profiles.length,
    count,
    sharedNames: pickSharedNames(profiles.map(properNameCandidates), new Set(profiles.map(titleKeyOf)), count),
  };
}

/**
 * The shared names: per episode (in order) its proper-name candidates; the first spelling of each
 * name used by two or more episodes wins. TV episode titles are left out: "Flu Season" may be
 * another show's episode, and it is the very thing whose context is in question.
 */
export function pickSharedNames(
  candidates: readonly (readonly Phrase[])[],
  titles: ReadonlySet<string | undefined>,
  count: (key: string) => number,
): Phrase[] {
  const shared = new Map<string, Phrase>();
  for (const names of candidates) {
    for (const name of names) {
      const key = name.tokens.join(' ');
      if (!titles.has(key) && count(key) >= 2 && !shared.has(key)) shared.set(key, name);
    }
  }
  return [...shared.values()];
}

/** What `buildMatchContext` needs besides the corpus. */
export interface ContextParts {
  facts: (EpisodeFacts | undefined)[];
  slugs: readonly string[];
  /** Every episode's owned articles (see `EpisodeFacts.owns`), also of those not evaluated. */
  owns: readonly Int32Array[];
  statistics: ShowStatistics;
}

/** Joins per-episode facts and show statistics into the context every evaluation reads. */
export function buildMatchContext(index: CorpusIndex, phrases: PhraseFinder, parts: ContextParts): MatchContext {
  const ownedBy = new Map<number, Map<number, number>>();
  parts.owns.forEach((pairs, e) => {
    for (let k = 0; k < pairs.length; k += 2) {
      const article = pairs[k]!;
      let owners = ownedBy.get(article);
      if (!owners) {
        owners = new Map();
        ownedBy.set(article, owners);
      }
      owners.set(e, pairs[k + 1]!);
    }
  });
  const { total, count } = parts.statistics;
  const episodeRarity = (key: string): number => rarityOfCount(total, count(key));
  return {
    index,
    phrases,
    facts: parts.facts,
    slugs: parts.slugs,
    ownedBy,
    episodeRarity,
    namesShowWorld: memoise(new PhraseSet(index, parts.statistics.sharedNames)),
    scratch: lexicalScratch(index.size),
  };
}

/** The share-of-episodes rarity (`MatchContext.episodeRarity`) of a key that `count` of `total` episodes use, 0..1. */
export function rarityOfCount(total: number, count: number): number {
  return Math.log((total + 1) / Math.max(1, count || 1)) / Math.log(total + 1);
}

function memoise(set: PhraseSet): (article: number) => boolean {
  const seen = new Map<number, boolean>();
  return (article) => {
    let found = seen.get(article);
    if (found === undefined) {
      found = set.someStrongIn(article);
      seen.set(article, found);
    }
    return found;
  };
}

/** A quote found with its speaker named in the article. */
export function isQuoteAnchor(match: QuoteMatch): boolean {
  return match.attribution !== 'absent';
}
