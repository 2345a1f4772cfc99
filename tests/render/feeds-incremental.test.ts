import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build.ts';
import type { ShowConfig } from '../../src/config/config.ts';
import type { Episode } from '../../src/episodes/episode.ts';
import { episodeKey } from '../../src/incremental/episode-key.ts';
import { openFeedFragmentCache } from '../../src/incremental/feed-fragment-cache.ts';
import { FilePieces, wholeData } from '../../src/output/file-pieces.ts';
import { loadShow } from '../../src/load-show.ts';
import { silentLogger } from '../../src/logger.ts';
import type { RelatedArticle } from '../../src/matching/related.ts';
import { loadTheme, type Theme } from '../../src/render/load-theme.ts';
import { renderFeedDocuments, renderFeeds } from '../../src/render/render-feeds.ts';
import type { SiteKeys } from '../../src/render/render-site.ts';
import { siteView } from '../../src/render/site-view.ts';
import { copyShow, tempDir } from '../temp-show.ts';

/** The mini show with three more published episodes, so a reuse count means something. */
async function biggerShow(): Promise<string> {
  const root = await copyShow('mini-show');
  const source = await readFile(path.join(root, 'episodes/booze-cruise.md'), 'utf8');
  for (const [i, name] of ['the-fire', 'halloween', 'the-fight'].entries()) {
    const text = source
      .replace('title: Booze Cruise', `title: Episode ${name}`)
      .replace('date: 2020-10-07', `date: 2020-09-0${i + 1}`)
      .replace('number: 40', `number: ${30 + i}`)
      .replace('Everybody gets on a boat.', `Notes of ${name} & <b>more</b>, with a [link](https://example.com/${name}).`);
    await writeFile(path.join(root, `episodes/${name}.md`), text);
  }
  return root;
}

interface Show {
  config: ShowConfig;
  episodes: Episode[];
  theme: Theme;
}

async function load(root: string): Promise<Show> {
  const { config, episodes } = await loadShow(root);
  const theme = (await loadTheme(root, { timezone: config!.timezone })).theme!;
  return { config: config!, episodes: episodes.filter((e) => !e.draft), theme };
}

const keys: SiteKeys = { site: 'site-key', episode: episodeKey };

/** Renders the feeds with the fragment cache of `out`, writes them there as a build would, and stores the layout. */
async function renderWithCache(show: Show, out: string, cacheDir: string, related: ReadonlyMap<string, RelatedArticle[]> = new Map()) {
  const fragments = await openFeedFragmentCache({ cacheDir, out, tool: 'test', clean: false });
  const input = { config: show.config, site: siteView(show.config, show.episodes), episodes: show.episodes, related };
  const { files } = renderFeedDocuments(input, show.theme, { keys, fragments });
  await mkdir(out, { recursive: true });
  const bytes = files.map((f) => wholeData(f.data));
  for (const [i, file] of files.entries()) await writeFile(path.join(out, file.path), bytes[i]!);
  await fragments.save();
  // Ranges of the last build's files the new ones are copied from: one read each.
  const ranges = files.map((f) => (f.data instanceof FilePieces ? f.data.pieces.filter((p) => !(p instanceof Uint8Array)).length : 0));
  return { counts: { ...fragments.counts }, files: bytes.map((b) => Buffer.from(b)), pieced: files.map((f) => f.data instanceof FilePieces), ranges };
}

/** The feeds rendered from nothing, as a clean build renders them. */
function renderClean(show: Show, related: ReadonlyMap<string, RelatedArticle[]> = new Map()): Buffer[] {
  const input = { config: show.config, site: siteView(show.config, show.episodes), episodes: show.episodes, related };
  return renderFeeds(input, show.theme).files.slice(0, 2).map((f) => ('data' in f ? Buffer.from(f.data) : Buffer.alloc(0)));
}

function editNotes(show: Show, slug: string): Show {
  const episodes = show.episodes.map((e) => (e.slug === slug ? { ...e, html: e.html.replace('</p>', ' Edited &amp; changed.</p>') } : e));
  expect(episodes).not.toEqual(show.episodes);
  return { ...show, episodes };
}

describe('feed items kept between builds', () => {
  it('renders only the edited episode again, and the feeds equal a clean render byte for byte', async () => {
    const show = await load(await biggerShow());
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    const cacheDir = path.join(dir, 'cache');
    const first = await renderWithCache(show, out, cacheDir);
    expect(first.counts).toEqual({ rendered: 5, reused: 0 });
    expect(first.pieced).toEqual([false, false]);
    expect(first.files).toEqual(renderClean(show));

    const edited = editNotes(show, 'halloween');
    const second = await renderWithCache(edited, out, cacheDir);
    expect(second.counts).toEqual({ rendered: 1, reused: 4 });
    // The kept items are ranges of the files in out/, not read into memory.
    expect(second.pieced).toEqual([true, true]);
    // The kept items on either side of the edited one, with what stood between them, are one range each.
    expect(second.ranges).toEqual([2, 2]);
    expect(second.files[0]!.toString()).toContain('Edited &amp; changed.');
    expect(second.files.map(String)).toEqual(renderClean(edited).map(String));

    // Nothing changed: every item is reused, and the bytes stay the same.
    const third = await renderWithCache(edited, out, cacheDir);
    expect(third.counts).toEqual({ rendered: 0, reused: 5 });
    expect(third.files).toEqual(second.files);
  });

  it('renders one item again when one episode gets related articles', async () => {
    const show = await load(await biggerShow());
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    await renderWithCache(show, out, path.join(dir, 'cache'));
    const related = new Map<string, RelatedArticle[]>([
      ['the-fire', [{ url: 'https://news.example/fire', title: 'Fire & drill', source: 'News', score: 0.9, pinned: false, reasons: [] }]],
    ]);
    const second = await renderWithCache(show, out, path.join(dir, 'cache'), related);
    expect(second.counts).toEqual({ rendered: 1, reused: 4 });
    expect(second.files.map(String)).toEqual(renderClean(show, related).map(String));
    expect(second.files[0]!.toString()).toContain('Fire &amp; drill');
  });

  it('reuses nothing from a feed edited by hand in out/, and still gives the clean bytes', async () => {
    const show = await load(await biggerShow());
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    await renderWithCache(show, out, path.join(dir, 'cache'));
    const xml = await readFile(path.join(out, 'feed.xml'), 'utf8');
    await writeFile(path.join(out, 'feed.xml'), xml.replace('<title>Episode the-fire</title>', '<title>Episode the-FIRE</title>'));
    const edited = editNotes(show, 'halloween');
    const second = await renderWithCache(edited, out, path.join(dir, 'cache'));
    // Every item's view is built again for the XML (the JSON items, from an untouched feed.json, are still cut from it).
    expect(second.counts).toEqual({ rendered: 5, reused: 0 });
    expect(second.files.map(String)).toEqual(renderClean(edited).map(String));
  });

  it('reuses nothing when the site key changes (theme, config, tool)', async () => {
    const show = await load(await biggerShow());
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    await renderWithCache(show, out, path.join(dir, 'cache'));
    const fragments = await openFeedFragmentCache({ cacheDir: path.join(dir, 'cache'), out, tool: 'test', clean: false });
    const input = { config: show.config, site: siteView(show.config, show.episodes), episodes: show.episodes, related: new Map() };
    renderFeedDocuments(input, show.theme, { keys: { ...keys, site: 'another-site-key' }, fragments });
    expect(fragments.counts).toEqual({ rendered: 5, reused: 0 });
  });

  it('gives a build after a one-episode edit the same feeds as a clean build', async () => {
    const root = await biggerShow();
    await runBuild({ root, logger: silentLogger });
    const file = path.join(root, 'episodes/halloween.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Notes of halloween', 'Edited notes of halloween'));
    const report = await runBuild({ root, logger: silentLogger });
    expect(report.mode).toBe('incremental');
    const cleanOut = path.join(await tempDir(), 'site');
    await runBuild({ root, out: cleanOut, clean: true, logger: silentLogger });
    for (const name of ['feed.xml', 'feed.json']) {
      const incremental = await readFile(path.join(root, 'out', name), 'utf8');
      expect(incremental).toContain('Edited notes of halloween');
      expect(incremental).toBe(await readFile(path.join(cleanOut, name), 'utf8'));
    }
  });
});
