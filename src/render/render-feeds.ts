import type { Diagnostic } from '../diagnostics.ts';
import { ShowError } from '../diagnostics.ts';
import type { OutputFile } from '../output/output-file.ts';
import { feedView, type FeedInput } from './feed-view.ts';
import type { Theme } from './load-theme.ts';
import { renderChapters } from './render-chapters.ts';

/**
 * `feed.xml`, `feed.json` (from the theme's `feed.xml.hbs` and `feed.json.hbs`, each item's
 * HTML from `feed-item.html.hbs`) and every episode's `chapters.json` (SPEC §5). Chapters
 * are written for every episode that gets a page, drafts included; the feeds never list drafts.
 */
export function renderFeeds(input: FeedInput, theme: Theme): { files: OutputFile[]; warnings: Diagnostic[] } {
  const { feed: bare, warnings } = feedView(input);
  const items = bare.items.map((item) => ({ ...item, content: theme.render('feed-item.html', { site: input.site, feed: bare, ...item }).trim() }));
  const feed = { ...bare, items };
  const files: OutputFile[] = [
    { path: 'feed.xml', data: theme.render('feed.xml', { site: input.site, feed }) },
    { path: 'feed.json', data: reformatJson(theme.render('feed.json', { site: input.site, feed })) },
  ];
  for (const episode of input.episodes) {
    const chapters = renderChapters(episode, input.config.title);
    if (chapters !== undefined) files.push({ path: `episodes/${episode.slug}/chapters.json`, data: chapters });
  }
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
