import { eng as englishStopwords } from 'stopword';
import type { Episode } from '../episodes/episode.ts';
import { toPhrase, type Phrase } from './find-phrase.ts';
import { scanTokens, tokenize } from './scan-tokens.ts';

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
  terms: Map<string, number>;
}

/** Gathers an episode's phrases and weighted words. */
export function buildEpisodeProfile(episode: Episode): EpisodeProfile {
  const subjectTitle = episode.subject?.title ?? episode.title;
  const hostNames = new Set(episode.hosts.map((h) => h.name));
  const guestNames = unique([
    ...episode.guests.map((g) => g.name),
    ...episode.quotes.map((q) => q.speaker).filter((s) => !hostNames.has(s)),
  ]);
  const people = new Set([...hostNames, ...guestNames].map((n) => tokenize(n).join(' ')));
  const notes = [episode.summary, stripMarkdown(episode.body), ...episode.chapters.map((c) => c.title)];
  const titleKey = tokenize(subjectTitle).join(' ');
  const showKey = episode.subject?.show ? tokenize(episode.subject.show).join(' ') : undefined;
  const seen = new Set<string>([titleKey, ...(showKey ? [showKey] : []), ...people]);
  const names: Phrase[] = [];
  const addName = (text: string): void => {
    const phrase = toPhrase(text);
    const key = phrase.tokens.join(' ');
    if (!key || seen.has(key) || (phrase.tokens.length === 1 && STOPWORDS.has(key))) return;
    seen.add(key);
    names.push(phrase);
  };
  for (const topic of episode.topics) addName(topic);
  if (episode.title !== subjectTitle) addName(episode.title);
  for (const text of notes) for (const name of properNames(text)) addName(name);

  const terms = new Map<string, number>();
  const addTerms = (text: string, weight: number): void => {
    for (const token of tokenize(text)) {
      if (token.length < 3 || STOPWORDS.has(token) || /^\d+$/.test(token)) continue;
      terms.set(token, Math.max(terms.get(token) ?? 0, weight));
    }
  };
  for (const topic of episode.topics) addTerms(topic, 1);
  if (episode.title !== subjectTitle) addTerms(episode.title, 1);
  for (const text of notes) addTerms(text, 0.6);
  for (const quote of episode.quotes) addTerms(quote.text, 0.5);
  // The subject's title and show have their own signals; counting their words again would double them.
  for (const token of [...titleKey.split(' '), ...(showKey?.split(' ') ?? [])]) terms.delete(token);
  // People have their own signal too.
  for (const name of people) for (const token of name.split(' ')) terms.delete(token);

  return {
    episode,
    title: toPhrase(subjectTitle),
    show: episode.subject?.show ? toPhrase(episode.subject.show) : undefined,
    guests: guestNames.map(toPhrase),
    hosts: [...hostNames].map(toPhrase),
    names,
    terms,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
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
  interface Word { start: number; end: number; joiner: boolean }
  let run: Word[] = [];
  let runAtSentenceStart = false;
  let previousEnd = 0;
  const emit = (words: Word[], sentenceStart: boolean): void => {
    while (words.length && words[words.length - 1]!.joiner) words = words.slice(0, -1);
    const real = words.filter((w) => !w.joiner).length;
    if (real === 0 || (real === 1 && sentenceStart)) return;
    found.push(text.slice(words[0]!.start, words[words.length - 1]!.end));
  };
  const close = (): void => {
    const andAt = run.findIndex((w) => w.joiner && /^and$/i.test(text.slice(w.start, w.end)));
    // "Parks and Recreation", "Jim and Pam" are names; "Entertainment 720 and Jean-Ralphio" is two.
    if (andAt < 0 || (andAt === 1 && run.length === 3)) emit(run, runAtSentenceStart);
    if (andAt > 0) {
      emit(run.slice(0, andAt), runAtSentenceStart);
      emit(run.slice(andAt + 1), false);
    }
    run = [];
  };
  scanTokens(text, (token, start, end, capitalised) => {
    const { sentenceStart, breaks } = gapBetween(text, previousEnd, start);
    if (breaks) close();
    previousEnd = end;
    const digits = /^\d+$/.test(token);
    if (capitalised || (digits && run.length > 0)) {
      if (run.length === 0) runAtSentenceStart = sentenceStart;
      run.push({ start, end, joiner: false });
    } else if (run.length > 0 && NAME_JOINERS.has(token) && !run[run.length - 1]!.joiner) {
      run.push({ start, end, joiner: true });
    } else close();
  });
  close();
  return found;
}

const SENTENCE_END = new Set(['.', '!', '?', ':', '\n']);
const NAME_BREAKS = new Set(['.', '!', '?', ':', ';', ',', '(', ')', '"', '“', '”', '\n', '–', '—', "'", '’']);

/** Whether the text between two words ends a sentence, or breaks a name (punctuation, a possessive, a dash). */
function gapBetween(text: string, from: number, to: number): { sentenceStart: boolean; breaks: boolean } {
  let sentenceStart = from === 0;
  let breaks = false;
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    if (SENTENCE_END.has(ch)) sentenceStart = true;
    if (NAME_BREAKS.has(ch)) breaks = true;
  }
  return { sentenceStart, breaks: breaks || sentenceStart };
}
