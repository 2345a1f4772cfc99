import type { Episode } from '../episodes/episode.ts';
import { fragmentTime } from '../episodes/parse-time.ts';

/** The JSON chapters version we write (https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md). */
export const CHAPTERS_VERSION = '1.2';

/** One chapter of a Podcasting 2.0 chapters file. */
export interface JsonChapter {
  /** Seconds from the start of the audio. */
  startTime: number;
  title: string;
  url?: string;
  img?: string;
}

/** A Podcasting 2.0 JSON chapters file. */
export interface JsonChapters {
  version: string;
  title: string;
  podcastName: string;
  chapters: JsonChapter[];
}

/**
 * An episode's `chapters.json` text, chapters sorted by start time as the format requires,
 * or undefined when the episode has no chapters (pure).
 */
export function renderChapters(episode: Episode, podcastName: string): string | undefined {
  if (!episode.chapters.length) return undefined;
  const chapters: JsonChapter[] = [...episode.chapters]
    .sort((a, b) => a.at - b.at)
    .map((c) => ({
      startTime: Number(fragmentTime(c.at)),
      title: c.title,
      ...(c.url ? { url: c.url } : {}),
      ...(c.img ? { img: c.img } : {}),
    }));
  const file: JsonChapters = { version: CHAPTERS_VERSION, title: episode.title, podcastName, chapters };
  return `${JSON.stringify(file, null, 2)}\n`;
}
