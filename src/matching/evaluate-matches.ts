import { idfOf, type CorpusIndex } from './corpus-index.ts';
import { PhraseSet } from './find-phrase.ts';
import { PhraseHits, type PhraseHit } from './phrase-hits.ts';
import type { QuoteMatch } from './find-quotes.ts';
import { buildLexicalQuery, clearLexical, scoreLexical } from './lexical-scores.ts';
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

/** What an evaluation for selection returns. */
export interface Evaluation {
  /** The candidates that may pass the threshold, scored in full, ascending by article. */
  candidates: Candidate[];
  /** Every candidate article looked at, scored in full or not, ascending. */
  considered: Int32Array;
}

/**
 * Scores every candidate article for episode `e`. Candidates are the articles holding one of its
 * quotes, its title or a person's name; with `everything`, also every article sharing its words
 * (for `shownotes match`).
 */
export function evaluateEpisode(context: MatchContext, e: number, everything = false): Candidate[] {
  return evaluate(context, e, everything, -Infinity).candidates;
}

/**
 * `evaluateEpisode` for picking the related articles: a candidate whose best possible score is
 * under `minScore` is not scored in full (see `mayPass`). Every candidate that can pass is in
 * `candidates`, with the very score, signals and reasons `evaluateEpisode` gives it.
 */
export function evaluateForSelection(context: MatchContext, e: number, minScore: number): Evaluation {
  return evaluate(context, e, false, minScore);
}

/** What is known of a candidate before the costly parts: the names it holds, the show's world and rival owners. */
interface Known {
  /** The best quote's coverage × attribution factor. */
  quoteValue: number;
  /** Some quote of coverage ≥ 0.5 with its speaker named; some of coverage ≥ 0.5 at all. */
  attributedQuote: boolean;
  halfQuote: boolean;
  titleHit: PhraseHit | undefined;
  /** Form × rarity of the title, before the context factor. */
  titleValue: number;
  showStrong: boolean;
  /** Number of hosts named. */
  hosts: number;
  guestNamed: boolean;
  /** Sum of the guests' weights. */
  guests: number;
  timeValue: number;
  beforeAiring: boolean;
}

/**
 * Where `weigh` leaves each signal's value and evidence (SIGNAL_NAMES order: value at 2k, evidence
 * at 2k + 1) and, at `ANCHORED`, 1 when the candidate is anchored: reused, since the bound of
 * `mayPass` is computed for every candidate.
 */
const parts = new Float64Array(2 * SIGNAL_NAMES.length + 1);
const ANCHORED = 2 * SIGNAL_NAMES.length;

/**
 * The score of a candidate from what is known and the three parts found last, its signals left
 * in `parts`. Raising `raw` (the topics sum), making `namesWorld` true or `rivals` false never
 * lowers it, and an anchored candidate stays anchored: `mayPass` relies on both.
 */
function weigh(known: Known, raw: number, namesWorld: boolean, rivals: boolean): number {
  const showWorld = known.showStrong || known.hosts > 0 || namesWorld;
  const inContext = showWorld || known.guestNamed;
  const subjectValue = known.titleHit ? known.titleValue * (inContext ? 1 : NO_CONTEXT) : 0;
  const topicsValue = 1 - Math.exp(-raw / TOPICS_SCALE);
  // Story words back a title or a name mentioned in passing; without them it is not enough.
  const support = Math.min(1, topicsValue / FULL_SUPPORT);
  // People: guests count, hosts barely (they are on every episode). A guest named without the
  // podcast, the TV title or the episode's story is probably in another story.
  const { guests, titleHit, guestNamed } = known;
  const guestBacking = showWorld || titleHit ? 1 : 0.5 * support;
  const peopleValue = Math.min(1, guests + (known.hosts > 0 ? HOST_WEIGHT : 0));
  const peopleEvidence = Math.min(PEOPLE_CAP, guests) * (0.4 + 0.6 * guestBacking) + known.hosts * HOST_WEIGHT;

  const quoteAnchor = known.attributedQuote || (known.halfQuote && inContext);
  const anchored =
    quoteAnchor ||
    (titleHit !== undefined && inContext) ||
    (guestNamed && (showWorld || titleHit !== undefined || support >= 1)) ||
    (known.hosts > 0 && topicsValue >= HOST_STORY);

  const quoteEvidence = -Math.log(1 - QUOTE_CEILING * known.quoteValue);
  const titleBacking = quoteAnchor || guests > 0 ? 1 : support;
  let factor = 1;
  if (known.beforeAiring) factor *= BEFORE_AIRING;
  if (rivals) factor *= EXPLAINED_AWAY;
  if (!anchored) factor *= UNANCHORED;
  // quote, subject, people, topics, time (SIGNAL_NAMES order).
  parts[0] = known.quoteValue;
  parts[1] = quoteEvidence * (anchored ? 1 : UNANCHORED);
  parts[2] = subjectValue;
  parts[3] = SUBJECT_WEIGHT * subjectValue * titleBacking * factor;
  parts[4] = peopleValue;
  parts[5] = peopleEvidence * factor;
  parts[6] = topicsValue;
  parts[7] = TOPICS_WEIGHT * topicsValue * topicsValue * factor;
  parts[8] = known.timeValue;
  parts[9] = anchored ? TIME_WEIGHT * known.timeValue * factor : 0;
  parts[ANCHORED] = anchored ? 1 : 0;
  let evidence = 0;
  for (let k = 0; k < SIGNAL_NAMES.length; k++) evidence += parts[2 * k + 1]!;
  return evidence;
}

/** The signals `weigh` left in `parts`. */
function signalsOf(): Record<SignalName, SignalValue> {
  const signal = (k: number): SignalValue => ({ value: parts[2 * k]!, evidence: parts[2 * k + 1]! });
  return { quote: signal(0), subject: signal(1), people: signal(2), topics: signal(3), time: signal(4) };
}

/**
 * Whether a candidate may still pass `minScore` when what is not known yet is at its most
 * favourable (topics sum at most `raw`, the show's world named, no rival owner). Kept articles
 * are anchored and score at least `minScore` once rounded to three decimals, so this keeps every
 * candidate within 0.001 under it.
 */
function mayPass(known: Known, raw: number, minScore: number): boolean {
  if (minScore === -Infinity) return true;
  const evidence = weigh(known, raw, true, false);
  return parts[ANCHORED] === 1 && 1 - Math.exp(-evidence) >= minScore - 0.001;
}

function evaluate(context: MatchContext, e: number, everything: boolean, minScore: number): Evaluation {
  const { index, phrases } = context;
  const facts = context.facts[e];
  if (!facts) throw new Error(`internal error: episode ${context.slugs[e]} was not prepared for matching`);
  const { profile, quotes: quoteMatches } = facts;
  const episode = profile.episode;

  const scratch = context.scratch;
  const lexical = scratch.scores;
  scoreLexical(index, buildLexicalQuery(index, profile.terms, context.episodeRarity), scratch);

  const titleHits = profile.title ? phrases.find(profile.title) : PhraseHits.empty();
  const showHits = profile.show ? phrases.find(profile.show, true) : PhraseHits.empty();
  // Indexed loops, not `map`: an episode without guests has an empty list of another kind, and
  // `map` compiled for one kind sent this function back to the interpreter at each new kind.
  const guestHits: PhraseHits[] = [];
  for (let g = 0; g < profile.guests.length; g++) guestHits.push(phrases.find(profile.guests[g]!));
  const hostHits: PhraseHits[] = [];
  for (let h = 0; h < profile.hosts.length; h++) hostHits.push(phrases.find(profile.hosts[h]!));
  // Names and topics are looked for only in the candidates, in one pass over each; the set is
  // made when a first candidate needs it.
  let names: PhraseSet | undefined;
  const namesSet = (): PhraseSet => (names ??= new PhraseSet(index, profile.names));
  // The most the names can add to the topics sum: each name of two or more words at full weight.
  let namesBound = -1;

  const candidates = new Set<number>();
  const add = (a: number): void => {
    candidates.add(a);
  };
  quoteMatches.forEach((_matches, a) => add(a));
  titleHits.forEachArticle(add);
  for (let g = 0; g < guestHits.length; g++) guestHits[g]!.forEachArticle(add);
  // Hosts are named in every story about the podcast: such an article can only pass on the
  // episode's own story words (see `anchored`), so the others are not scored at all.
  const strongStory = -TOPICS_SCALE * Math.log(1 - HOST_STORY);
  for (const hits of hostHits) {
    hits.forEachArticle((a) => {
      if (everything || lexical[a]! >= strongStory) candidates.add(a);
    });
  }
  if (everything) for (let k = 0; k < scratch.count; k++) candidates.add(scratch.touched[k]!);

  const aired = episode.subject?.aired ? Date.parse(episode.subject.aired) : NaN;
  const released = episode.date.getTime();
  const titleRarity = 0.5 + 0.5 * idfOf(index, titleHits.size);
  const guestRarity: number[] = [];
  for (let g = 0; g < guestHits.length; g++) guestRarity.push(0.5 + 0.5 * idfOf(index, guestHits[g]!.size));
  const considered = new Int32Array(candidates.size);
  let next = 0;
  candidates.forEach((a) => (considered[next++] = a));
  considered.sort();
  const result: Candidate[] = [];
  // One record, filled again for each candidate: most are left out at once (see `mayPass`).
  const known: Known = {
    quoteValue: 0,
    attributedQuote: false,
    halfQuote: false,
    titleHit: undefined,
    titleValue: 0,
    showStrong: false,
    hosts: 0,
    guestNamed: false,
    guests: 0,
    timeValue: 0,
    beforeAiring: false,
  };
  for (let c = 0; c < considered.length; c++) {
    const a = considered[c]!;
    const quotes = quoteMatches.get(a);
    let quoteValue = 0;
    let attributedQuote = false;
    let halfQuote = false;
    for (let q = 0; quotes && q < quotes.length; q++) {
      const m = quotes[q]!;
      quoteValue = Math.max(quoteValue, m.coverage * ATTRIBUTION_FACTOR[m.attribution]);
      if (m.coverage >= 0.5) {
        halfQuote = true;
        attributedQuote ||= isQuoteAnchor(m);
      }
    }
    // Subject: the TV episode's title, written as a title, in the show's context (see `weigh`).
    const titleHit = profile.title ? titleHits.get(a) : undefined;
    const titleValue = titleHit ? (titleHit.strong ? (titleHit.inHeadline ? 1 : 0.85) : 0.45) * titleRarity : 0;
    let hosts = 0;
    for (let h = 0; h < hostHits.length; h++) if (hostHits[h]!.has(a)) hosts++;
    let guests = 0;
    for (let g = 0; g < guestHits.length; g++) if (guestHits[g]!.has(a)) guests += GUEST_WEIGHT * guestRarity[g]!;
    // Time: after the episode came out, or around the TV episode's airing.
    const published = index.published[a]!;
    let timeValue = 0;
    if (!Number.isNaN(published)) {
      if (!Number.isNaN(aired) && published >= aired - 14 * DAY && published <= aired + 60 * DAY) timeValue = 1;
      else if (published >= released - 2 * DAY && published <= released + 90 * DAY) timeValue = 1;
      else if (published > released && published <= released + 730 * DAY) timeValue = 0.5;
    }
    known.quoteValue = quoteValue;
    known.attributedQuote = attributedQuote;
    known.halfQuote = halfQuote;
    known.titleHit = titleHit;
    known.titleValue = titleValue;
    known.showStrong = showHits.strongIn(a);
    known.hosts = hosts;
    known.guestNamed = guests > 0;
    known.guests = guests;
    known.timeValue = timeValue;
    known.beforeAiring = !Number.isNaN(aired) && !Number.isNaN(published) && published < aired - 14 * DAY;
    if (minScore !== -Infinity) {
      if (namesBound < 0) namesBound = boundOfNames(index, namesSet());
      if (!mayPass(known, lexical[a]! + namesBound, minScore)) continue;
    }

    // Topics: the episode's telling words and names.
    const mentioned: { text: string; weight: number }[] = [];
    if (titleHit?.strong && profile.title) mentioned.push({ text: profile.title.text, weight: 10 });
    const set = namesSet();
    const nameFound = set.findIn(a);
    let raw = lexical[a]!;
    profile.names.forEach((name, n) => {
      if (nameFound[n] !== true) return;
      const key = name.tokens.join(' ');
      const weight = idfOf(index, set.df[n]!) * context.episodeRarity(key);
      if (name.tokens.length >= 2) raw += 0.5 * weight;
      if (weight > 0.2) mentioned.push({ text: name.text, weight });
    });
    if (!mayPass(known, raw, minScore)) continue;
    guestHits.forEach((hits, g) => {
      if (hits.has(a)) mentioned.push({ text: profile.guests[g]!.text, weight: 5 + guestRarity[g]! });
    });

    const owners = context.ownedBy.get(a);
    const ownLevel = owners?.get(e) ?? 0;
    // Made only when there is one: a list that is sometimes empty and sometimes not is of two
    // kinds, and the kind not yet seen sends this function back to the interpreter.
    let rivals: string[] | undefined;
    if (owners) for (const [o, level] of owners) if (o !== e && level > ownLevel) (rivals ??= []).push(context.slugs[o]!);
    const evidence = weigh(known, raw, known.showStrong || hosts > 0 || context.namesShowWorld(a), rivals !== undefined);
    const anchored = parts[ANCHORED] === 1;
    const signals = signalsOf();
    const penalties: string[] = [];
    if (known.beforeAiring) penalties.push('published before the TV episode aired');
    if (rivals) penalties.push(`rather about ${rivals.sort().join(', ')}`);
    if (!anchored) penalties.push('no quote, title or guest of this episode');

    const reasons: MatchReason[] = [];
    const matches = [...(quotes ?? [])].sort(
      (x, y) =>
        y.coverage * ATTRIBUTION_FACTOR[y.attribution] - x.coverage * ATTRIBUTION_FACTOR[x.attribution] ||
        episode.quotes.indexOf(x.quote) - episode.quotes.indexOf(y.quote),
    );
    for (const m of matches) {
      if (m.coverage >= 0.5) reasons.push({ kind: 'quote', quote: m.quote.id, speaker: m.quote.speaker, text: m.text });
    }
    const terms = distinctTerms(mentioned.sort((x, y) => y.weight - x.weight || (x.text < y.text ? -1 : 1)).map((m) => m.text));
    if (terms.length) reasons.push({ kind: 'mentions', terms });
    result.push({ article: a, score: 1 - Math.exp(-evidence), evidence, signals, anchored, penalties, reasons });
  }
  clearLexical(scratch);
  return { candidates: result, considered };
}

/** The most a set of names can add to an article's topics sum: each name of two or more words, found, at full episode rarity. */
function boundOfNames(index: CorpusIndex, names: PhraseSet): number {
  let bound = 0;
  names.phrases.forEach((name, n) => {
    if (name.tokens.length >= 2 && names.df[n]! > 0) bound += 0.5 * idfOf(index, names.df[n]!);
  });
  return bound;
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
