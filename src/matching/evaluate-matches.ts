import { idfOf } from './corpus-index.ts';
import { PhraseSet, type PhraseHit } from './find-phrase.ts';
import type { QuoteMatch } from './find-quotes.ts';
import { buildLexicalQuery, scoreLexical } from './lexical-scores.ts';
import { isQuoteAnchor, type MatchContext } from './prepare-matching.ts';
import type { MatchReason } from './related.ts';
import { tokenize } from './scan-tokens.ts';

/** The signals a score is made of (SPEC §6: "each signal and its share of the score"). */
export type SignalName = 'quote' | 'subject' | 'people' | 'topics' | 'time';
export const SIGNAL_NAMES: readonly SignalName[] = ['quote', 'subject', 'people', 'topics', 'time'];

/** One signal for one article: its strength in [0, 1] and the evidence it adds to the score. */
export interface SignalValue {
  value: number;
  evidence: number;
}

/** Everything known about one article as a candidate for one episode. */
export interface Candidate {
  article: number;
  /** In [0, 1]: 1 − e^(−evidence). */
  score: number;
  evidence: number;
  signals: Record<SignalName, SignalValue>;
  /** Has a quote, the TV episode's title in the show's context, a guest in context, or a host with a strong story. */
  anchored: boolean;
  /** Why evidence was discounted, in words. */
  penalties: string[];
  reasons: MatchReason[];
}

// Evidence weights. Signals add up as independent evidence (a noisy-OR): score = 1 − e^(−Σ).
// A verbatim, attributed quote alone gives 0.95; the TV episode's title in the show's context gives
// about 0.45 and needs one more signal (guests, story words) to pass the default threshold.
const QUOTE_CEILING = 0.95;
const SUBJECT_WEIGHT = 0.6;
const GUEST_WEIGHT = 0.8;
const HOST_WEIGHT = 0.1;
const PEOPLE_CAP = 1.2;
const TOPICS_WEIGHT = 1.2;
/** Lexical sum at which the topics signal reaches 1 − 1/e. */
const TOPICS_SCALE = 2;
const TIME_WEIGHT = 0.15;
/** Topics value at which the story words fully back a title or a name. */
const FULL_SUPPORT = 0.6;
/** Without a subject title in context, a title match is probably another show's episode. */
const NO_CONTEXT = 0.2;
const BEFORE_AIRING = 0.3;
const EXPLAINED_AWAY = 0.35;
const UNANCHORED = 0.5;
/** Topics value at which a host's name anchors an article: the episode's own story, told at length. */
const HOST_STORY = 0.7;
const DAY = 86_400_000;

const ATTRIBUTION_FACTOR: Record<QuoteMatch['attribution'], number> = { near: 1, elsewhere: 0.85, absent: 0.5 };

/**
 * Scores every candidate article for episode `e`. Candidates are the articles holding one of its
 * quotes, its title or a person's name; with `everything`, also every article sharing its words
 * (for `shownotes match`).
 */
export function evaluateEpisode(context: MatchContext, e: number, everything = false): Candidate[] {
  const { index, phrases } = context;
  const facts = context.facts[e];
  if (!facts) throw new Error(`internal error: episode ${context.slugs[e]} was not prepared for matching`);
  const { profile, quotes: quoteMatches } = facts;
  const episode = profile.episode;

  const lexical = context.scratch;
  const touched: number[] = [];
  scoreLexical(index, buildLexicalQuery(index, profile.terms, context.episodeRarity), lexical, touched);

  const titleHits = profile.title ? phrases.find(profile.title) : new Map<number, PhraseHit>();
  const showHits = profile.show ? phrases.find(profile.show, true) : new Map<number, PhraseHit>();
  const guestHits = profile.guests.map((g) => phrases.find(g));
  const hostHits = profile.hosts.map((h) => phrases.find(h));
  // Names and topics are looked for only in the candidates, in one pass over each.
  const names = new PhraseSet(index, profile.names);

  const candidates = new Set<number>([...quoteMatches.keys(), ...titleHits.keys()]);
  for (const hits of guestHits) for (const a of hits.keys()) candidates.add(a);
  // Hosts are named in every story about the podcast: such an article can only pass on the
  // episode's own story words (see `anchored`), so the others are not scored at all.
  const strongStory = -TOPICS_SCALE * Math.log(1 - HOST_STORY);
  for (const hits of hostHits) for (const a of hits.keys()) if (everything || lexical[a]! >= strongStory) candidates.add(a);
  if (everything) for (const a of touched) candidates.add(a);

  const aired = episode.subject?.aired ? Date.parse(episode.subject.aired) : NaN;
  const released = episode.date.getTime();
  const result: Candidate[] = [];
  for (const a of [...candidates].sort((x, y) => x - y)) {
    const nameFound = names.findIn(a);
    const penalties: string[] = [];
    const reasons: MatchReason[] = [];
    const mentioned: { text: string; weight: number }[] = [];

    // Quote: the best of the episode's quotes found here.
    const matches = [...(quoteMatches.get(a) ?? [])].sort(
      (x, y) =>
        y.coverage * ATTRIBUTION_FACTOR[y.attribution] - x.coverage * ATTRIBUTION_FACTOR[x.attribution] ||
        episode.quotes.indexOf(x.quote) - episode.quotes.indexOf(y.quote),
    );
    const quoteValue = matches.length ? matches[0]!.coverage * ATTRIBUTION_FACTOR[matches[0]!.attribution] : 0;

    // Context: the article is set in the show's world: it names the show, a host, or a name that
    // recurs across the show's episodes. A guest's name counts too, for the title.
    const showHit = showHits.get(a);
    const hostNamed = hostHits.some((h) => h.has(a));
    const guestNamed = guestHits.some((h) => h.has(a));
    const showWorld = (showHit?.strong ?? false) || hostNamed || context.namesShowWorld(a);
    const inContext = showWorld || guestNamed;

    // Subject: the TV episode's title, written as a title, in the show's context.
    const titleHit = titleHits.get(a);
    let subjectValue = 0;
    if (titleHit && profile.title) {
      const form = titleHit.strong ? (titleHit.inHeadline ? 1 : 0.85) : 0.45;
      const rarity = 0.5 + 0.5 * idfOf(index, titleHits.size);
      subjectValue = form * rarity * (inContext ? 1 : NO_CONTEXT);
      if (titleHit.strong) mentioned.push({ text: profile.title.text, weight: 10 });
    }

    // Topics: the episode's telling words and names.
    let raw = lexical[a]!;
    profile.names.forEach((name, n) => {
      if (nameFound[n] !== true) return;
      const key = name.tokens.join(' ');
      const weight = idfOf(index, names.df[n]!) * context.episodeRarity(key);
      if (name.tokens.length >= 2) raw += 0.5 * weight;
      if (weight > 0.2) mentioned.push({ text: name.text, weight });
    });
    const topicsValue = 1 - Math.exp(-raw / TOPICS_SCALE);
    // Story words back a title or a name mentioned in passing; without them it is not enough.
    const support = Math.min(1, topicsValue / FULL_SUPPORT);

    // People: guests count, hosts barely (they are on every episode). A guest named without the
    // podcast, the TV title or the episode's story is probably in another story.
    let guests = 0;
    profile.guests.forEach((guest, g) => {
      const hit = guestHits[g]!.get(a);
      if (!hit) return;
      const rarity = 0.5 + 0.5 * idfOf(index, guestHits[g]!.size);
      guests += GUEST_WEIGHT * rarity;
      mentioned.push({ text: guest.text, weight: 5 + rarity });
    });
    const guestBacking = showWorld || titleHit ? 1 : 0.5 * support;
    const peopleValue = Math.min(1, guests + (hostNamed ? HOST_WEIGHT : 0));
    const peopleEvidence = Math.min(PEOPLE_CAP, guests) * (0.4 + 0.6 * guestBacking) +
      hostHits.filter((h) => h.has(a)).length * HOST_WEIGHT;

    // Time: after the episode came out, or around the TV episode's airing.
    const published = index.published[a]!;
    let timeValue = 0;
    if (!Number.isNaN(published)) {
      if (!Number.isNaN(aired) && published >= aired - 14 * DAY && published <= aired + 60 * DAY) timeValue = 1;
      else if (published >= released - 2 * DAY && published <= released + 90 * DAY) timeValue = 1;
      else if (published > released && published <= released + 730 * DAY) timeValue = 0.5;
    }

    const quoteAnchor = matches.some((m) => m.coverage >= 0.5 && (isQuoteAnchor(m) || inContext));
    const anchored =
      quoteAnchor ||
      (titleHit !== undefined && inContext) ||
      (guestNamed && (showWorld || titleHit !== undefined || support >= 1)) ||
      (hostNamed && topicsValue >= HOST_STORY);

    const quoteEvidence = -Math.log(1 - QUOTE_CEILING * quoteValue);
    const titleBacking = quoteAnchor || guests > 0 ? 1 : support;
    let factor = 1;
    if (!Number.isNaN(aired) && !Number.isNaN(published) && published < aired - 14 * DAY) {
      factor *= BEFORE_AIRING;
      penalties.push('published before the TV episode aired');
    }
    const owners = context.ownedBy.get(a);
    const ownLevel = owners?.get(e) ?? 0;
    const rivals = [...(owners ?? [])].filter(([o, level]) => o !== e && level > ownLevel).map(([o]) => context.slugs[o]!);
    if (rivals.length > 0) {
      factor *= EXPLAINED_AWAY;
      penalties.push(`rather about ${rivals.sort().join(', ')}`);
    }
    if (!anchored) {
      factor *= UNANCHORED;
      penalties.push('no quote, title or guest of this episode');
    }
    const signals: Record<SignalName, SignalValue> = {
      quote: { value: quoteValue, evidence: quoteEvidence * (anchored ? 1 : UNANCHORED) },
      subject: { value: subjectValue, evidence: SUBJECT_WEIGHT * subjectValue * titleBacking * factor },
      people: { value: peopleValue, evidence: peopleEvidence * factor },
      topics: { value: topicsValue, evidence: TOPICS_WEIGHT * topicsValue * topicsValue * factor },
      time: { value: timeValue, evidence: anchored ? TIME_WEIGHT * timeValue * factor : 0 },
    };
    let evidence = 0;
    for (const name of SIGNAL_NAMES) evidence += signals[name].evidence;
    const score = 1 - Math.exp(-evidence);

    for (const m of matches) {
      if (m.coverage >= 0.5) reasons.push({ kind: 'quote', quote: m.quote.id, speaker: m.quote.speaker, text: m.text });
    }
    const terms = distinctTerms(mentioned.sort((x, y) => y.weight - x.weight || (x.text < y.text ? -1 : 1)).map((m) => m.text));
    if (terms.length) reasons.push({ kind: 'mentions', terms });
    result.push({ article: a, score, evidence, signals, anchored, penalties, reasons });
  }
  for (const a of touched) lexical[a] = 0;
  return result;
}

/** At most five terms, none repeated or contained in an earlier one ("Pam" after "Jim and Pam"). */
function distinctTerms(texts: string[]): string[] {
  const kept: { text: string; words: string }[] = [];
  for (const text of texts) {
    const words = ` ${tokenize(text).join(' ')} `;
    if (kept.some((k) => k.words.includes(words) || words.includes(k.words))) continue;
    kept.push({ text, words });
    if (kept.length === 5) break;
  }
  return kept.map((k) => k.text);
}
