import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildSnapshot } from '../build.ts';
import { hasErrors } from '../diagnostics.ts';
import type { Episode } from '../episodes/episode.ts';
import { parseEpisode } from '../episodes/parse-episode.ts';
import { safeTarget } from '../output/write-output.ts';
import { renderEpisodePageAt } from '../render/render-site.ts';

/**
 * Renders at once the pages of the episodes just edited, from the last build's site (its
 * theme, related articles and neighbours), and writes them into its output: the dev server
 * then reloads the browser before the whole site is brought up to date, like Hugo's fast
 * render mode. On a show of thousands of episodes the full rebuild takes seconds; this takes
 * one parse and one page. The rebuild that follows renders every output again as a build
 * would (the page written here included, since `out/` no longer matches the manifest).
 *
 * Returns the pages written, or none when an edit is not one this can show faithfully: a
 * file that is not an existing episode, one with problems (the rebuild reports them and the
 * last good page stays), or one whose slug, date or draft state changed (the episode moves
 * or appears elsewhere, which only the rebuild gets right).
 */
export async function previewEdits(snapshot: BuildSnapshot, changed: readonly string[]): Promise<string[]> {
  const { input, theme, timezone, root, out } = snapshot;
  const edits: { index: number; episode: Episode }[] = [];
  for (const relative of changed) {
    if (!/^episodes\/[^/]+\.md$/.test(relative)) return [];
    const file = path.join(root, relative);
    const index = input.episodes.findIndex((e) => e.file === file);
    if (index === -1) return [];
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return [];
    }
    const { episode, diagnostics } = parseEpisode(text, { root, file, timezone, fileExists: existsSync });
    const before = input.episodes[index]!;
    if (!episode || hasErrors(diagnostics)) return [];
    if (episode.slug !== before.slug || episode.date.getTime() !== before.date.getTime() || episode.draft !== before.draft) return [];
    edits.push({ index, episode });
  }
  const episodes = [...input.episodes];
  for (const { index, episode } of edits) episodes[index] = episode;
  const written: string[] = [];
  for (const { index, episode } of edits) {
    const page = `episodes/${episode.slug}/index.html`;
    const target = safeTarget(out, page);
    const temporary = `${target}.preview.tmp`;
    await writeFile(temporary, renderEpisodePageAt({ ...input, episodes }, theme, index));
    await rename(temporary, target);
    written.push(page);
  }
  return written;
}
