import { eng as englishStopwords } from 'stopword';
import type { Episode } from '../episodes/episode.ts';
import { rememberedPhrase, rememberPhrase, toPhrase, type Phrase } from './find-phrase.ts';
import { scanInto, TokenOutput, tokenize, Vocabulary } from './scan-tokens.ts';

const STOPWORDS = new Set(englishStopwords.map((word) => tokenize(word).join('')));
/** Lower-case words that may join a proper name ("Chamber of Commerce", "Parks and Recreation"). */
const NAME_JOINERS = new Set(['of', 'and', 'the', 'de', 'du', 'da', 'van', 'von', 'del', 'la', 'le']);

/** What an episode offers to match against, taken from its front matter and notes. */
export interface EpisodeProfile {
  episode: Episode;
  /** The TV episode's title (else the podcast episode's). */
  title?: Phrase;
  /** The TV show, matched also in a shortened form ("Parks and Rec"). */
  show?: Phrase;
  guests: Phrase[];
  hosts: Phrase[];
  /** Topics and capitalised names from the notes, for reasons and context. */
  names: Phrase[];
  /** Content words with their field weight (topics and title 1, notes 0.6, quotes 0.5); no names of people. */
  terms: EpisodeTerms;
}

/**
 * An episode's distinct content words in the order first met, each with its field weight. Two
 * arrays, not a `Map`: thousands of profiles live through the whole matching, and a map of a few
 * hundred words costs four times the memory (and its doubles are objects of their own). The
 * weights are a plain array (V8 keeps its doubles unboxed): a typed array per episode would be
 * memory outside the heap, allocated and accounted one by one.
 */
export interface EpisodeTerms {
  words: string[];
  weights: number[];
}

/**
 * Words met in episode text, so that each distinct word is one string and one id, and the
 * scratch below can be indexed by id. Started again when large (the dev server runs long), only
 * between two profiles: ids are valid through one `buildEpisodeProfile`.
 */
let profileWords = new Vocabulary();
const MAX_PROFILE_WORDS = 200_000;
/** Per word id: what kind of word it is (`KNOWN` once computed, see `kindOf`). */
let wordKind = new Uint8Array(1 << 12);
const KNOWN = 1;
/** Three letters or more, not a stop word, not a number: may be a content word. */
const CONTENT = 2;
const DIGITS = 4;
const JOINER = 8;
/** Per word id: the profile that last gave it a weight, and that weight (scratch for `terms`). */
let termStamp = new Int32Array(1 << 12);
let termWeight = new Float64Array(1 << 12);
let stamp = 0;
/** The ids given a weight in this profile, in the order first met (as a map would keep them). */
let termOrder = new Int32Array(1 << 12);
let termCount = 0;

/** Gathers an episode's phrases and weighted words. Each text of the notes is tokenised once, for both. */
export function buildEpisodeProfile(episode: Episode): EpisodeProfile {
  if (profileWords.size >= MAX_PROFILE_WORDS) {
    profileWords = new Vocabulary();
    wordKind.fill(0);
  }
  // A stamp per profile marks the scratch entries of this one; wrapping around clears it.
  if (++stamp === 0x7fffffff) {
    stamp = 1;
    termStamp.fill(0);
  }
  termCount = 0;
  const subjectTitle = episode.subject?.title ?? episode.title;
  const { hostNames, guestNames } = peopleOf(episode);
  const people = new Set<string>();
  for (const name of hostNames) people.add(tokenize(name).join(' '));
  for (const name of guestNames) people.add(tokenize(name).join(' '));
  const titleKey = tokenize(subjectTitle).join(' ');
  const showKey = episode.subject?.show ? tokenize(episode.subject.show).join(' ') : undefined;
  const seen = new Set<string>([titleKey, ...(showKey ? [showKey] : []), ...people]);
  const names: Phrase[] = [];
  for (const topic of episode.topics) addName(toPhrase(topic), seen, names);
  if (episode.title !== subjectTitle) addName(toPhrase(episode.title), seen, names);

  for (const topic of episode.topics) addWords(scanNote(topic), 1);
  if (episode.title !== subjectTitle) addWords(scanNote(episode.title), 1);
  const notes = [episode.summary, stripMarkdown(episode.body)];
  for (let c = 0; c < episode.chapters.length; c++) notes.push(episode.chapters[c]!.title);
  for (const text of notes) {
    const scanned = scanNote(text);
    // Names repeat in notes: the phrase is made only for a name not seen yet.
    forEachProperName(text, scanned, (from, to) => {
      if (admit(wordsKey(scanned.ids, from, to), to - from + 1, seen)) names.push(phraseOf(text, scanned, from, to));
    });
    addWords(scanned, 0.6);
  }
  for (const quote of episode.quotes) addWords(scanNote(quote.text), 0.5);
  // The subject's title and show have their own signals; counting their words again would double them.
  // People have their own signal too.
  const dropped = [...titleKey.split(' '), ...(showKey?.split(' ') ?? [])];
  for (const name of people) dropped.push(...name.split(' '));
  for (const word of dropped) {
    const id = profileWords.get(word);
    if (id !== undefined && termStamp[id] === stamp) termStamp[id] = 0;
  }

  return {
    episode,
    title: toPhrase(subjectTitle),
    show: episode.subject?.show ? toPhrase(episode.subject.show) : undefined,
    guests: guestNames.map(toPhrase),
    hosts: [...hostNames].map(toPhrase),
    names,
    terms: keptTerms(),
  };
}

/** Whether a phrase of these tokens is new and may be a name; if so, it is now seen. */
function admit(key: string, length: number, seen: Set<string>): boolean {
  if (!key || seen.has(key) || (length === 1 && STOPWORDS.has(key))) return false;
  seen.add(key);
  return true;
}

function addName(phrase: Phrase, seen: Set<string>, names: Phrase[]): void {
  if (admit(phrase.tokens.join(' '), phrase.tokens.length, seen)) names.push(phrase);
}

/** Gives the content words of a scanned text `weight`, unless they have a higher one already. */
function addWords(scanned: TokenOutput, weight: number): void {
  const { ids, count } = scanned;
  for (let k = 0; k < count; k++) {
    const id = ids[k]!;
    if ((kindOf(id) & CONTENT) === 0) continue;
    if (termStamp[id] !== stamp) {
      termStamp[id] = stamp;
      termWeight[id] = weight;
      if (termCount === termOrder.length) termOrder = grown(termOrder, new Int32Array(termCount * 2));
      termOrder[termCount++] = id;
    } else if (termWeight[id]! < weight) termWeight[id] = weight;
  }
}

/** This profile's words still stamped (not dropped), in the order first met. */
function keptTerms(): EpisodeTerms {
  let kept = 0;
  for (let k = 0; k < termCount; k++) if (termStamp[termOrder[k]!] === stamp) kept++;
  const terms: EpisodeTerms = { words: new Array<string>(kept), weights: new Array<number>(kept) };
  let next = 0;
  for (let k = 0; k < termCount; k++) {
    const id = termOrder[k]!;
    if (termStamp[id] !== stamp) continue;
    terms.words[next] = profileWords.words[id]!;
    terms.weights[next++] = termWeight[id]!;
  }
  return terms;
}

/** The kind of a word (`CONTENT`, `DIGITS`, `JOINER` flags), computed on first use. */
function kindOf(id: number): number {
  let kind = wordKind[id]!;
  if (kind === 0) {
    const token = profileWords.words[id]!;
    const digits = isDigits(token);
    kind = KNOWN | (token.length < 3 || STOPWORDS.has(token) || digits ? 0 : CONTENT) | (digits ? DIGITS : 0);
    kind |= NAME_JOINERS.has(token) ? JOINER : 0;
    wordKind[id] = kind;
  }
  return kind;
}

/**
 * The tokens of one text as ids of `profileWords`, with their offsets and capitals: scratch
 * shared by every call, valid until the next `scanNote`.
 */
const scanned = new TokenOutput(true, 4096);

function scanNote(text: string): TokenOutput {
  scanned.count = 0;
  scanInto(text, scanned, profileWords);
  if (profileWords.size > wordKind.length) {
    const size = Math.max(profileWords.size, wordKind.length * 2);
    wordKind = grown(wordKind, new Uint8Array(size));
    termStamp = grown(termStamp, new Int32Array(size));
    const weights = new Float64Array(size);
    weights.set(termWeight);
    termWeight = weights;
  }
  return scanned;
}

function grown<T extends Int32Array | Uint8Array>(old: T, next: T): T {
  next.set(old);
  return next;
}

/**
 * The phrase of tokens [from, to] of a scanned text: the same as `toPhrase` of their span, since
 * a token's folding and capital never depend on the text around it.
 */
function phraseOf(text: string, scanned: TokenOutput, from: number, to: number): Phrase {
  const span = text.slice(scanned.starts[from]!, scanned.ends[to]!);
  const made = rememberedPhrase(span);
  if (made) return made;
  const tokens: string[] = [];
  const caps: boolean[] = [];
  let capsKey = '';
  for (let k = from; k <= to; k++) {
    tokens.push(profileWords.words[scanned.ids[k]!]!);
    caps.push(scanned.caps[k] === 1);
    capsKey += scanned.caps[k] === 1 ? '1' : '0';
  }
  return rememberPhrase({ text: copyOf(span), tokens, caps, key: `${tokens.join(' ')}|${capsKey}` });
}

/**
 * A string of its own: V8 makes a slice of 13 characters or more a view of the whole text, and a
 * name kept for the whole matching would keep the whole (Markdown-stripped) notes alive with it.
 */
function copyOf(slice: string): string {
  return JSON.parse(JSON.stringify(slice)) as string;
}

/** The words of ids[from..to] joined by spaces, as `tokens.join(' ')` of their phrase. */
function wordsKey(ids: Int32Array, from: number, to: number): string {
  const words = profileWords.words;
  let key = words[ids[from]!]!;
  for (let k = from + 1; k <= to; k++) key += ` ${words[ids[k]!]!}`;
  return key;
}

function isDigits(token: string): boolean {
  for (let k = 0; k < token.length; k++) {
    const c = token.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return token.length > 0;
}

/**
 * The hosts' names, and the guests' with every speaker who is not a host, in the order met.
 * Indexed loops over the episode's lists, not `map` and spreads: an episode with no guests has
 * an empty list of another kind, and each new kind met sent this function, compiled for the
 * kinds seen so far, back to the interpreter and the compiler (four times per build).
 */
function peopleOf(episode: Episode): { hostNames: Set<string>; guestNames: string[] } {
  const hostNames = new Set<string>();
  for (let i = 0; i < episode.hosts.length; i++) hostNames.add(episode.hosts[i]!.name);
  const guests = new Set<string>();
  for (let i = 0; i < episode.guests.length; i++) guests.add(episode.guests[i]!.name);
  for (let i = 0; i < episode.quotes.length; i++) {
    const speaker = episode.quotes[i]!.speaker;
    if (!hostNames.has(speaker)) guests.add(speaker);
  }
  return { hostNames, guestNames: [...guests] };
}

/** Drops Markdown emphasis, links and headings, keeping the words. */
function stripMarkdown(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]+/g, ' ');
}

/**
 * Runs of capitalised words ("Marguerite Feld", "Chamber of Commerce", "Entertainment 720"). A
 * single capitalised word that starts a sentence is left out: it is more often "Also" than a name.
 * A run joined by "and" yields its parts ("Leslie and Ann" gives Leslie, Ann), and itself too
 * when both sides are one word.
 */
export function properNames(text: string): string[] {
  const found: string[] = [];
  const scanned = scanNote(text);
  forEachProperName(text, scanned, (from, to) => found.push(text.slice(scanned.starts[from]!, scanned.ends[to]!)));
  return found;
}

let scratchJoiner = new Uint8Array(4096);

/** Reports each proper name of a scanned text as its first and last token index (see `properNames`). */
function forEachProperName(text: string, scanned: TokenOutput, emitName: (from: number, to: number) => void): void {
  const { ids, count, starts, ends, caps } = scanned;
  // The current run is tokens [runFrom, runTo]; a run never skips a token. `joiner[k]` marks token
  // k of the run as a lower-case joiner (scratch: read only for tokens of the current run).
  let runFrom = -1;
  let runTo = -1;
  if (scratchJoiner.length < count) scratchJoiner = new Uint8Array(count * 2);
  const joiner = scratchJoiner;
  let runAtSentenceStart = false;
  const emit = (from: number, to: number, sentenceStart: boolean): void => {
    while (to >= from && joiner[to] === 1) to--;
    let real = 0;
    for (let k = from; k <= to; k++) if (joiner[k] === 0) real++;
    if (real === 0 || (real === 1 && sentenceStart)) return;
    emitName(from, to);
  };
  const close = (): void => {
    if (runFrom < 0) return;
    let andAt = -1;
    for (let k = runFrom; k <= runTo && andAt < 0; k++) if (joiner[k] === 1 && isAnd(text, starts[k]!, ends[k]!)) andAt = k;
    const length = runTo - runFrom + 1;
    // "Parks and Recreation", "Jim and Pam" are names; "Entertainment 720 and Jean-Ralphio" is two.
    if (andAt < 0 || (andAt === runFrom + 1 && length === 3)) emit(runFrom, runTo, runAtSentenceStart);
    if (andAt > runFrom) {
      emit(runFrom, andAt - 1, runAtSentenceStart);
      emit(andAt + 1, runTo, false);
    }
    runFrom = -1;
    runTo = -1;
  };
  let previousEnd = 0;
  for (let i = 0; i < count; i++) {
    const kind = kindOf(ids[i]!);
    const gap = gapBetween(text, previousEnd, starts[i]!);
    if (gap !== NO_BREAK) close();
    previousEnd = ends[i]!;
    if (caps[i] || (runFrom >= 0 && kind & DIGITS)) {
      if (runFrom < 0) {
        runAtSentenceStart = gap === SENTENCE;
        runFrom = i;
      }
      runTo = i;
      joiner[i] = 0;
    } else if (runFrom >= 0 && kind & JOINER && joiner[runTo] === 0) {
      runTo = i;
      joiner[i] = 1;
    } else close();
  }
  close();
}

/** Whether text[start, end) is "and" in any case. */
function isAnd(text: string, start: number, end: number): boolean {
  return end - start === 3 && (text.charCodeAt(start) | 32) === 97 && (text.charCodeAt(start + 1) | 32) === 110 && (text.charCodeAt(start + 2) | 32) === 100;
}

const NO_BREAK = 0;
const BREAK = 1;
const SENTENCE = 2;

/**
 * What the text between two words does: nothing, breaks a name (punctuation, a possessive, a
 * dash), or ends a sentence (which breaks a name too). The text's start counts as a sentence start.
 */
function gapBetween(text: string, from: number, to: number): number {
  let gap = from === 0 ? SENTENCE : NO_BREAK;
  for (let i = from; i < to; i++) {
    switch (text.charCodeAt(i)) {
      case 0x2e: case 0x21: case 0x3f: case 0x3a: case 0x0a: // . ! ? : newline
        return SENTENCE;
      case 0x3b: case 0x2c: case 0x28: case 0x29: case 0x22: case 0x201c: case 0x201d: // ; , ( ) " “ ”
      case 0x2013: case 0x2014: case 0x27: case 0x2019: // – — ' ’
        gap = gap === SENTENCE ? SENTENCE : BREAK;
        break;
      default:
    }
  }
  return gap;
}
