import type { Episode } from '../episodes/episode.ts';
import type { CorpusIndex } from './corpus-index.ts';
import { evaluateForSelection } from './evaluate-matches.ts';
import { buildEpisodeProfile } from './episode-profile.ts';
import { KeyTable } from './key-table.ts';
import { prepareEpisode, type PreparedShow } from './prepare-episodes.ts';
import { findPhrases, PhraseFinder, type Phrase } from './find-phrase.ts';
import type { QuoteMatch } from './find-quotes.ts';
import { articleKeys, selectRelated, type MatchOptions } from './match-episodes.ts';
import { buildMatchContext, countedKeys, episodeFacts, pickSharedNames, rarityOfCount, type EpisodeFacts, type MatchContext } from './prepare-matching.ts';
import type { RelatedArticle } from './related.ts';
import { RelatedBySlug } from './related-by-slug.ts';

/**
 * What one build's matching leaves for the next, per episode and for the show. Plain data (typed
 * arrays, strings), for `v8.serialize`. Only valid with the same corpus and settings.
 */
export interface MatchState {
  /** Profile words and names of all episodes; ids below index this table. */
  keys: string[];
  /** Per key id, how many episodes use it. */
  counts: number[];
  /** Shared names of the show's world (`Phrase.key`), see `ShowStatistics.sharedNames`. */
  shared: string[];
  /** The shared names themselves, in that order: kept as they are when no edit can change them. */
  sharedNames: Phrase[];
  /**
   * Every episode's proper-name candidates as `tokens.join(' ')`, distinct: a change in the count
   * of any other key cannot change the shared names.
   */
  properKeys: string[];
  /** In the episodes' order of that build. */
  episodes: EpisodeRecord[];
}

/** One episode's matching, with what its result was computed from. */
export interface EpisodeRecord {
  slug: string;
  /** The episode's content key: equal keys, equal episode. */
  key: string;
  /** A key of its quotes alone: quote matches are kept over edits elsewhere in the episode. */
  quotesKey: string;
  titleKey?: string;
  /** Key ids the episode adds one to (`countedKeys`). */
  counted: Int32Array;
  /** Its candidates for shared names (`properNameCandidates`). */
  proper: Phrase[];
  /** See `EpisodeFacts.owns`. */
  owns: Int32Array;
  quotes: StoredQuoteMatch[];
  /** Key ids whose episode rarity its evaluation read. */
  reads: Int32Array;
  /** The articles it evaluated: their owners and show-world test were read. */
  candidates: Int32Array;
  related: RelatedArticle[];
  /** Set by a record whose list the matching cache stored with its digest (see `RelatedBySlug`). */
  readonly relatedDigest?: string;
}

/** A quote match with its quote as an index into the episode's quotes. */
interface StoredQuoteMatch {
  article: number;
  quote: number;
  coverage: number;
  attribution: QuoteMatch['attribution'];
  text: string;
}

/** The outcome of `matchIncrementally`. */
export interface IncrementalMatches {
  related: Map<string, RelatedArticle[]>;
  state: MatchState;
  /** Episodes whose facts were computed (new or edited). */
  prepared: number;
  /** Episodes evaluated again: those prepared and those reading a statistic that changed. */
  evaluated: number;
}

/** The keys of episodes and their quotes, computed by the caller (see `episodeKey`). */
export interface EpisodeKeys {
  key: (episode: Episode) => string;
  quotesKey: (episode: Episode) => string;
}

/**
 * Whether the last build's results hold as they are: same episodes, same order, same contents.
 * Then `matchIncrementally` would evaluate nothing and the corpus index need not be read.
 */
export function reusesEverything(previous: MatchState | undefined, episodes: readonly Episode[], keys: EpisodeKeys): boolean {
  return (
    previous !== undefined &&
    previous.episodes.length === episodes.length &&
    episodes.every((episode, e) => previous.episodes[e]!.slug === episode.slug && previous.episodes[e]!.key === keys.key(episode))
  );
}

/**
 * `matchEpisodes`, recomputing only what changed since `previous` (a state made with the same
 * corpus and options; undefined for a first build). An episode is prepared again when it is new or
 * edited, and evaluated again when it was prepared or reads a show statistic that changed: the
 * count of one of its words or names (or the number of episodes), an owner of one of its candidate
 * articles, or whether such an article names the show's world. Everything else an evaluation reads
 * belongs to the episode or the corpus, so the result equals a clean run's. `prepared`, when
 * given, is `prepareShow` of these episodes, made before the corpus was at hand: its episodes'
 * profiles are used, and without a previous state its key counts and shared names too.
 */
export function matchIncrementally(
  episodes: readonly Episode[],
  index: CorpusIndex,
  options: MatchOptions,
  previous: MatchState | undefined,
  keys: EpisodeKeys,
  prepared?: PreparedShow,
): IncrementalMatches {
  if (prepared && prepared.episodes.length !== episodes.length) throw new Error('internal error: prepared episodes do not match the episodes');
  const phrases = new PhraseFinder(index);
  // A first build takes the show's counts as prepared (a copy: matching adds the keys it reads).
  const first = previous === undefined ? prepared : undefined;
  const table = first ? new KeyTable(first, false) : new KeyTable(previous);
  const oldBySlug = new Map<string, EpisodeRecord>();
  for (const record of previous?.episodes ?? []) if (!oldBySlug.has(record.slug)) oldBySlug.set(record.slug, record);

  // Episodes new or edited get new facts; records of the others are kept.
  const kept = new Set<EpisodeRecord>();
  const records: (EpisodeRecord | undefined)[] = episodes.map((episode) => {
    const old = oldBySlug.get(episode.slug);
    if (!old || old.key !== keys.key(episode) || kept.has(old)) return undefined;
    kept.add(old);
    return old;
  });
  const changed = episodes.flatMap((_, e) => (records[e] ? [] : [e]));
  for (const record of previous?.episodes ?? []) if (!kept.has(record)) for (const id of record.counted) table.add(id, -1);
  const preparedChanged = changed.map((e) => prepared?.episodes[e] ?? prepareEpisode(episodes[e]!, keys.quotesKey));
  const knownQuotes = changed.map((e, k) => {
    const old = oldBySlug.get(episodes[e]!.slug);
    return old && old.quotesKey === preparedChanged[k]!.quotesKey ? reviveQuotes(old.quotes, episodes[e]!) : undefined;
  });
  const facts: (EpisodeFacts | undefined)[] = new Array(episodes.length).fill(undefined);
  const profiles = preparedChanged.map((p) => p.profile);
  episodeFacts(index, phrases, changed.map((e) => episodes[e]!), knownQuotes, profiles).forEach((f, k) => {
    const e = changed[k]!;
    const episode = episodes[e]!;
    const ready = preparedChanged[k]!;
    facts[e] = f;
    let counted = first?.counted[e];
    if (!counted) {
      const keysOf = countedKeys(ready.profile);
      counted = new Int32Array(keysOf.length);
      for (let k = 0; k < keysOf.length; k++) counted[k] = table.id(keysOf[k]!);
      for (const id of counted) table.add(id, 1);
    }
    records[e] = {
      slug: episode.slug,
      key: keys.key(episode),
      quotesKey: ready.quotesKey,
      titleKey: ready.titleKey,
      counted,
      proper: ready.proper,
      owns: f.owns,
      quotes: storeQuotes(f.quotes, episode),
      reads: new Int32Array(0),
      candidates: new Int32Array(0),
      related: [],
    };
  });
  const current = records as EpisodeRecord[];

  const unchangedNames = first ? undefined : keptSharedNames(previous, current, changed, table);
  const sharedNames =
    first?.sharedNames ??
    unchangedNames ??
    pickSharedNames(
      current.map((r) => r.proper),
      new Set(current.map((r) => r.titleKey)),
      (key) => table.count(key),
    );
  const shared = unchangedNames ? previous!.shared : sharedNames.map((p) => p.key);
  // Kept with the shared names, so the records of episodes not edited need not be read for them.
  const properKeys = unchangedNames ? previous!.properKeys : distinctProperKeys(current);

  // Which episodes read something that changed.
  const everything = previous === undefined || previous.episodes.length !== episodes.length;
  const dirty = new Uint8Array(episodes.length);
  for (const e of changed) dirty[e] = 1;
  if (everything) dirty.fill(1);
  else {
    const changedKeys = table.changed();
    const articles = new Uint8Array(index.size);
    for (const a of ownershipChanges(previous.episodes, current, kept)) articles[a] = 1;
    for (const a of sharedNameChanges(index, previous.shared, shared)) articles[a] = 1;
    current.forEach((record, e) => {
      if (dirty[e]) return;
      if (record.reads.some((id) => changedKeys.has(id)) || record.candidates.some((a) => articles[a] === 1)) dirty[e] = 1;
    });
  }

  let evaluated = 0;
  if (dirty.includes(1)) {
    dirty.forEach((flag, e) => {
      if (flag && !facts[e]) {
        const profile = prepared?.episodes[e]?.profile ?? buildEpisodeProfile(episodes[e]!);
        facts[e] = { profile, quotes: reviveQuotes(current[e]!.quotes, episodes[e]!), owns: current[e]!.owns };
      }
    });
    // The phrases of every episode to evaluate, found together (episodes prepared above are cached already).
    phrases.prefetchProfiles(facts.flatMap((f, e) => (f && dirty[e] ? [f.profile] : [])));
    const context = buildMatchContext(index, phrases, {
      facts,
      slugs: episodes.map((e) => e.slug),
      owns: current.map((r) => r.owns),
      statistics: { total: episodes.length, count: (key) => table.count(key), sharedNames },
    });
    const byKey = articleKeys(index.articles);
    // The keys an episode's evaluation reads, as ids in the order first read (a key read for the
    // first time joins the table with count 0, as its rarity reads it): one look-up per read.
    let readIn = new Int32Array(1024);
    const reads: number[] = [];
    let reader = 0;
    const episodeRarity = (key: string): number => {
      const id = table.id(key);
      if (id >= readIn.length) {
        const grown = new Int32Array(Math.max(id + 1, readIn.length * 2));
        grown.set(readIn);
        readIn = grown;
      }
      if (readIn[id] !== reader) {
        readIn[id] = reader;
        reads.push(id);
      }
      return rarityOfCount(episodes.length, table.countOf(id));
    };
    const reading: MatchContext = { ...context, episodeRarity };
    episodes.forEach((episode, e) => {
      if (!dirty[e]) return;
      evaluated++;
      reader = e + 1;
      reads.length = 0;
      const { candidates, considered } = evaluateForSelection(reading, e, options.minScore);
      current[e] = withEvaluation(current[e]!, {
        reads: Int32Array.from(reads),
        candidates: considered,
        related: selectRelated(episode, candidates, index.articles, byKey, options),
      });
    });
  }
  const related = new RelatedBySlug(episodes.map((episode, e) => [episode.slug, current[e]!]));
  return { related, state: { ...table.stored(), shared, sharedNames, properKeys, episodes: current }, prepared: changed.length, evaluated };
}

/**
 * The last build's shared names when no edit can have changed them, else undefined. They are
 * picked from every episode's proper-name candidates in order, leaving out TV titles, by how many
 * episodes use each (`pickSharedNames`): with the same episodes in the same order, the edited ones
 * with the same candidates and title key, and no candidate's count moved, the pick is the same.
 * A one-episode rebuild then reads no other episode's candidates (stored records, see
 * `matchEpisodesCached`).
 */
function keptSharedNames(previous: MatchState | undefined, current: readonly EpisodeRecord[], changed: readonly number[], table: KeyTable): Phrase[] | undefined {
  if (!previous?.sharedNames || !previous.properKeys || previous.episodes.length !== current.length) return undefined;
  for (let e = 0; e < current.length; e++) if (previous.episodes[e]!.slug !== current[e]!.slug) return undefined;
  for (const e of changed) {
    const before = previous.episodes[e]!;
    const after = current[e]!;
    if (before.titleKey !== after.titleKey || JSON.stringify(before.proper) !== JSON.stringify(after.proper)) return undefined;
  }
  const moved = table.changed();
  if (moved.size > 0) {
    const proper = new Set(previous.properKeys);
    const { keys } = table.stored();
    for (const id of moved) if (proper.has(keys[id]!)) return undefined;
  }
  return previous.sharedNames;
}

function distinctProperKeys(records: readonly EpisodeRecord[]): string[] {
  const keys = new Set<string>();
  for (const record of records) for (const name of record.proper) keys.add(name.tokens.join(' '));
  return [...keys];
}

/**
 * A record with a new evaluation. Built field by field, not spread: a stored record (see
 * `matchEpisodesCached`) reads its fields on first use through accessors a spread would not copy.
 */
function withEvaluation(record: EpisodeRecord, evaluation: Pick<EpisodeRecord, 'reads' | 'candidates' | 'related'>): EpisodeRecord {
  return {
    slug: record.slug,
    key: record.key,
    quotesKey: record.quotesKey,
    titleKey: record.titleKey,
    counted: record.counted,
    proper: record.proper,
    owns: record.owns,
    quotes: record.quotes,
    ...evaluation,
  };
}

/** Articles whose owners (episode and level) differ between the old records and the current ones. */
function ownershipChanges(old: readonly EpisodeRecord[], current: readonly EpisodeRecord[], kept: ReadonlySet<EpisodeRecord>): Set<number> {
  const before = new Map<string, Map<number, number>>();
  for (const record of old) if (!kept.has(record)) before.set(record.slug, pairsOf(record.owns, before.get(record.slug)));
  const after = new Map<string, Map<number, number>>();
  for (const record of current) if (!kept.has(record)) after.set(record.slug, pairsOf(record.owns, after.get(record.slug)));
  const articles = new Set<number>();
  for (const slug of new Set([...before.keys(), ...after.keys()])) {
    const x = before.get(slug) ?? new Map<number, number>();
    const y = after.get(slug) ?? new Map<number, number>();
    for (const [a, level] of x) if (y.get(a) !== level) articles.add(a);
    for (const [a, level] of y) if (x.get(a) !== level) articles.add(a);
  }
  return articles;
}

function pairsOf(owns: Int32Array, into = new Map<number, number>()): Map<number, number> {
  for (let k = 0; k < owns.length; k += 2) into.set(owns[k]!, Math.max(owns[k + 1]!, into.get(owns[k]!) ?? 0));
  return into;
}

/** Articles holding a shared name that was added or dropped (in any capitals: the test reads them all). */
function sharedNameChanges(index: CorpusIndex, before: readonly string[], after: readonly string[]): Set<number> {
  const x = new Set(before);
  const y = new Set(after);
  const articles = new Set<number>();
  const phrases = [...before.filter((k) => !y.has(k)), ...after.filter((k) => !x.has(k))].map((key): Phrase => {
    const tokens = key.slice(0, key.lastIndexOf('|')).split(' ');
    return { text: tokens.join(' '), tokens, caps: tokens.map(() => false), key };
  });
  if (phrases.length === 0) return articles;
  for (const hits of findPhrases(index, phrases)) hits.forEachArticle((a) => articles.add(a));
  return articles;
}

function storeQuotes(quotes: Map<number, QuoteMatch[]>, episode: Episode): StoredQuoteMatch[] {
  const stored: StoredQuoteMatch[] = [];
  for (const [article, matches] of quotes) {
    for (const m of matches) {
      stored.push({ article, quote: episode.quotes.indexOf(m.quote), coverage: m.coverage, attribution: m.attribution, text: m.text });
    }
  }
  return stored;
}

function reviveQuotes(stored: readonly StoredQuoteMatch[], episode: Episode): Map<number, QuoteMatch[]> {
  const quotes = new Map<number, QuoteMatch[]>();
  for (const s of stored) {
    const list = quotes.get(s.article) ?? [];
    list.push({ quote: episode.quotes[s.quote]!, coverage: s.coverage, attribution: s.attribution, text: s.text });
    quotes.set(s.article, list);
  }
  return quotes;
}
