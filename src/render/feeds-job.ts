import type { ShowConfig } from '../config/config.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Episode } from '../episodes/episode.ts';
import type { RelatedArticle } from '../matching/related.ts';
import type { FeedLayout } from './render-feeds.ts';
import type { SiteView } from './site-view.ts';

/** What the feeds thread needs: where to write, the theme's folder, the show and every episode with its related articles. */
export interface FeedsJob {
  /** The staging folder of the build's output. */
  staging: string;
  /** The show folder, whose `templates/` override the default theme. */
  root: string;
  /** The main thread's compiled templates (`Theme.specs`), so the thread compiles none again. */
  themeSpecs: Readonly<Record<string, string>>;
  timezone: string;
  config: ShowConfig;
  site: SiteView;
  /** The episodes the build publishes, without their Markdown source (`body`: no feed shows it). */
  episodes: Episode[];
  related: [slug: string, articles: RelatedArticle[]][];
  /** Each published episode's item key (`feedItemKey`), in order, for the next build's reuse. */
  itemKeys: string[];
}

/** The feed documents written, with their layout, or why the thread stopped. */
export type FeedsReply =
  | {
      type: 'done';
      /** Each written file's output path, size and modification time. */
      stamps: [path: string, size: number, mtimeMs: number][];
      layout: FeedLayout;
      counts: { rendered: number; reused: number };
      warnings: Diagnostic[];
    }
  | { type: 'failed'; message: string; code?: string; diagnostics?: Diagnostic[] };
