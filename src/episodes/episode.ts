import type { FeedNotes } from './feed-notes.ts';

/** An episode after validation: every time in seconds, every default applied. */
export interface Person {
  name: string;
  /** Podcasting 2.0 role, e.g. `host`, `guest`. */
  role: string;
  href?: string;
  img?: string;
}

export interface Quote {
  /** Stable id: from front matter, else derived from the normalised text. */
  id: string;
  text: string;
  speaker: string;
  /** Start in the audio, seconds. */
  at: number;
  /** Seconds. */
  duration: number;
}

export interface Chapter {
  at: number;
  title: string;
  url?: string;
  img?: string;
}

export interface Subject {
  show?: string;
  season?: number;
  episode?: number;
  title?: string;
  /** `YYYY-MM-DD`. */
  aired?: string;
}

export interface Audio {
  url: string;
  type: string;
  /** Bytes. */
  length?: number;
  /** Seconds. */
  duration?: number;
}

export type EpisodeType = 'full' | 'trailer' | 'bonus';

export interface Episode {
  slug: string;
  /** Absolute path of the Markdown file. */
  file: string;
  /** Path relative to the show folder, as shown in messages. */
  relativeFile: string;
  title: string;
  /** Publication instant (a date alone is midnight in the show's time zone). */
  date: Date;
  /** True when front matter gave only a day, no time. */
  dateOnly: boolean;
  number?: number;
  season?: number;
  type: EpisodeType;
  summary: string;
  /** True when the summary was taken from the notes' first paragraph (so pages need not repeat it). */
  summaryFromNotes?: boolean;
  audio?: Audio;
  hosts: Person[];
  guests: Person[];
  subject?: Subject;
  topics: string[];
  quotes: Quote[];
  chapters: Chapter[];
  /** Absolute path of the transcript file. */
  transcript?: string;
  related: { pin: string[]; block: string[] };
  draft: boolean;
  explicit?: boolean;
  /** The notes as written. */
  body: string;
  /** The notes rendered to HTML. */
  html: string;
  /**
   * The notes as the feeds carry them, when they could be made from the Markdown (see
   * `feed-notes.ts`). Not enumerable: as long again as the notes, they stay out of JSON and of
   * copies unless passed on by name (as to the feeds' thread). The build cache keeps them in the
   * episode's record, beside the notes, and an episode revived from it reads them from there on
   * first use. Without them, a feed item goes through the sanitizer (`feed-html.ts`).
   */
  feedNotes?: FeedNotes;
  /** Hash of the whole source file, for caches. */
  sourceHash: string;
}
