import type { Episode } from '../episodes/episode.ts';
import type { SiteView } from './site-view.ts';

/** What the quote-card thread needs: where to write, the theme's folder, the site and the episodes. */
export interface QuoteCardJob {
  /** The staging folder of the build's output. */
  staging: string;
  /** The show folder, whose `templates/` override the default theme. */
  root: string;
  /** The main thread's compiled templates (`Theme.specs`), so the thread compiles none again. */
  themeSpecs: Readonly<Record<string, string>>;
  timezone: string;
  site: SiteView;
  images: boolean;
  /** The episodes the build publishes, without their notes (a card never shows them). */
  episodes: Episode[];
  /**
   * One 32-bit integer: the index of the next episode whose cards nobody has taken. The thread
   * takes episodes one by one, and so does the main thread once its pages are done.
   */
  claims: SharedArrayBuffer;
}

/** Each written file's output path, size and modification time; or why it stopped. */
export type QuoteCardReply = { type: 'done'; stamps: [path: string, size: number, mtimeMs: number][] } | { type: 'failed'; message: string; code?: string };
