import type { Diagnostic } from '../diagnostics.ts';
import { ShowError } from '../diagnostics.ts';
import { contentHash } from '../incremental/content-hash.ts';
import type { OutputFile } from '../output/output-file.ts';
import { planFile, type PlannedOutput, type RenderedFile } from '../output/planned-output.ts';
import { feedView, type FeedInput } from './feed-view.ts';
import type { Theme } from './load-theme.ts';
import { renderChapters } from './render-chapters.ts';
import type { SiteKeys } from './render-site.ts';

/**
 * `feed.xml`, `feed.json` (from the theme's `feed.xml.hbs` and `feed.json.hbs`, each item's
 * HTML from `feed-item.html.hbs`) and every episode's `chapters.json` (SPEC §5). Chapters
 * are written for every episode that gets a page, drafts included; the feeds never list drafts.
 */
export function renderFeeds(input: FeedInput, theme: Theme): { files: OutputFile[]; warnings: Diagnostic[] } {
  const { files, warnings } = renderFeedDocuments(input, theme);
  for (const episode of input.episodes) {
    const chapters = renderChapters(episode, input.config.title);
    if (chapters !== undefined) files.push({ path: `episodes/${episode.slug}/chapters.json`, data: chapters });
  }
  return { files, warnings };
}

/**
 * The feeds and chapters as plans for the incremental build: the two feeds read every episode
 * and its related articles; a `chapters.json` reads its episode and the show title (in the site key).
 */
export function planFeeds(input: FeedInput, theme: Theme, keys: SiteKeys): PlannedOutput[] {
  const feedKey = contentHash(
    'feeds',
    keys.site,
    ...input.episodes.flatMap((e) => [keys.episode(e), JSON.stringify(input.related.get(e.slug) ?? [])]),
  );
  const plans: PlannedOutput[] = [{ paths: ['feed.xml', 'feed.json'], key: feedKey, render: () => renderFeedDocuments(input, theme) }];
  for (const episode of input.episodes) {
    if (!episode.chapters.length) continue;
    const key = contentHash('chapters', keys.site, keys.episode(episode));
    plans.push(planFile(`episodes/${episode.slug}/chapters.json`, key, () => renderChapters(episode, input.config.title)!));
  }
  return plans;
}

/** `feed.xml` and `feed.json`, and the warnings about the show's feed. */
function renderFeedDocuments(input: FeedInput, theme: Theme): { files: RenderedFile[]; warnings: Diagnostic[] } {
  const { feed: bare, warnings } = feedView(input);
  const items = bare.items.map((item) => ({ ...item, content: theme.render('feed-item.html', { site: input.site, feed: bare, ...item }).trim() }));
  const feed = { ...bare, items };
  const files: RenderedFile[] = [
    { path: 'feed.xml', data: theme.render('feed.xml', { site: input.site, feed }) },
    { path: 'feed.json', data: reformatJson(theme.render('feed.json', { site: input.site, feed })) },
  ];
  return { files, warnings };
}

/** Checks the template's JSON and writes it indented; a broken override is the show's error. */
function reformatJson(text: string): string {
  try {
    return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ShowError([{ severity: 'error', file: 'templates/feed.json.hbs', message: `the template did not give valid JSON: ${reason}` }]);
  }
}
